#include "git/tree_checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "core/error.h"
#include "git/pack_reader.h"

namespace sigwarden::git {

namespace {

constexpr std::size_t kLongestLibgit2Name = 65535;  // libgit2 1.5 keeps a name's length in 16 bits
constexpr std::size_t kSegmentShown = 40;

// A segment for a message: at most kSegmentShown bytes (cut at a UTF-8 character boundary),
// control characters escaped.
void append_segment(std::string& out, std::string_view segment) {
  std::size_t n = segment.size();
  if (n > kSegmentShown) {
    n = kSegmentShown;
    while (n > 0 && (static_cast<unsigned char>(segment[n]) & 0xC0) == 0x80) --n;
  }
  for (char c : segment.substr(0, n)) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  if (n < segment.size()) out += "…";
}

std::string label(std::string_view path) {
  return path.empty() ? "the root tree" : fmt::format("tree '{}'", short_path(path));
}

}  // namespace

std::string short_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    segments.push_back(path.substr(start, slash == std::string_view::npos ? slash : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  std::string out;
  constexpr std::size_t kFirst = 3;
  constexpr std::size_t kLast = 2;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (segments.size() > kFirst + kLast + 1 && i == kFirst) {
      out += "…/";
      i = segments.size() - kLast;
    }
    append_segment(out, segments[i]);
    if (i + 1 < segments.size()) out += '/';
  }
  return out;
}

OrderCheck::Fault OrderCheck::next_slowly(std::string_view name, bool dir) {
  if (!started_) {
    started_ = true;
    prev_ = name;
    prev_dir_ = dir;
    return Fault::kNone;
  }
  // One comparison with the entry before, as tree_order, telling also whether name extends it.
  std::size_t n = std::min(prev_.size(), name.size());
  int c = compare_bytes(prev_.data(), name.data(), n);
  if (c > 0) return Fault::kNotSorted;
  if (c == 0) {
    if (prev_.size() == name.size()) return Fault::kDuplicate;
    auto ca = prev_.size() > n ? static_cast<unsigned char>(prev_[n]) : (prev_dir_ ? '/' : '\0');
    auto cb = name.size() > n ? static_cast<unsigned char>(name[n]) : (dir ? '/' : '\0');
    if (ca >= cb) return Fault::kNotSorted;  // equal: a name with a '/' in it, which git refuses
    // A file that name extends by a byte below '/' can still be followed by a directory of its
    // name: 'x' < 'x-1' < 'x.c' < 'x/'.
    if (!prev_dir_ && name.size() > n && cb < '/') files_.push_back(prev_);
  }
  prev_ = name;
  prev_dir_ = dir;
  // The files kept are prefixes of one another; each is dropped at the first entry that does not
  // extend it by a byte below '/', where a directory of its name can no longer come.
  while (!files_.empty()) {
    std::string_view f = files_.back();
    if (name.size() > f.size() && name.substr(0, f.size()) == f &&
        static_cast<unsigned char>(name[f.size()]) < '/') {
      break;
    }
    if (dir && name == f) return Fault::kDuplicate;
    files_.pop_back();
  }
  return Fault::kNone;
}

void throw_order_fault(OrderCheck::Fault fault, std::string_view name, std::string_view path,
                       const git_oid& id, const TreeContext& where) {
  std::string what =
      fmt::format("{}{} ({}){}", where.prefix, label(path), oid_hex(&id), where.suffix);
  if (fault == OrderCheck::Fault::kDuplicate) {
    std::string shown;
    append_segment(shown, name);
    throw Error(
        fmt::format("{} has two entries named '{}' (git fsck: duplicateEntries)", what, shown));
  }
  throw Error(fmt::format("{} is not sorted as git requires (git fsck: treeNotSorted)", what));
}

void check_order(const git_tree* tree, std::string_view path, const git_oid& id,
                 const TreeContext& where) {
  OrderCheck order;
  std::size_t n = git_tree_entrycount(tree);
  for (std::size_t i = 0; i < n; ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(tree, i);
    std::string_view name = git_tree_entry_name(e);
    auto fault = order.next(name, git_tree_entry_type(e) == GIT_OBJECT_TREE);
    if (fault != OrderCheck::Fault::kNone) throw_order_fault(fault, name, path, id, where);
  }
}

void check_depth(std::size_t depth, std::string_view path, const git_oid& id,
                 const TreeContext& where) {
  if (depth <= kMaxTreeDepth) return;
  throw Error(fmt::format(
      "{}read tree '{}' ({}){}: nested deeper than {},{:03} levels (git's core.maxTreeDepth)",
      where.prefix, short_path(path), oid_hex(&id), where.suffix, kMaxTreeDepth / 1000,
      kMaxTreeDepth % 1000));
}

void throw_cycle(std::string_view path, const git_oid& id, const TreeContext& where) {
  throw Error(
      fmt::format("{}tree {}{} contains itself at '{}' (corrupt object store; git fsck reports it)",
                  where.prefix, oid_hex(&id), where.suffix, short_path(path)));
}

std::size_t TreePath::Hash::operator()(const git_oid& id) const {
  std::size_t h = 0;
  std::memcpy(&h, id.id, sizeof h);
  return h;
}

bool TreePath::Equal::operator()(const git_oid& a, const git_oid& b) const {
  return git_oid_equal(&a, &b) != 0;
}

void TreePath::enter(const git_oid& id, std::string_view path, const TreeContext& where) {
  std::size_t scanned = std::min(ids_.size(), kScanned);
  bool seen = false;
  for (std::size_t i = 0; i < scanned && !seen; ++i) seen = git_oid_equal(&ids_[i], &id) != 0;
  if (seen || deep_.count(id) != 0) throw_cycle(path, id, where);
  if (ids_.size() >= kScanned) deep_.insert(id);
  ids_.push_back(id);
}

void TreePath::leave() {
  if (ids_.size() > kScanned) deep_.erase(ids_.back());
  ids_.pop_back();
}

TreePtr read_tree(git_repository* repo, const git_oid& id, std::string_view path,
                  const TreeContext& where) {
  git_tree* raw = nullptr;
  int rc = git_tree_lookup(&raw, repo, &id);
  if (rc < 0) throw_tree_read_error(repo, rc, path, id, where);
  TreePtr tree(raw);
  check_order(tree.get(), path, id, where);
  return tree;
}

void throw_tree_read_error(git_repository* repo, int rc, std::string_view path, const git_oid& id,
                           const TreeContext& where) {
  std::string what =
      fmt::format("{}read {} ({}){}", where.prefix, label(path), oid_hex(&id), where.suffix);
  std::string message = last_error_message(rc);
  git_odb* header_odb = nullptr;
  if (git_repository_odb(&header_odb, repo) == 0) {
    // libgit2 says "not found" for an object of another type too (a blob named as a directory),
    // and the object is looked at below only when its size is that of a tree git could write.
    Owned<git_odb, git_odb_free> odb(header_odb);
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, odb.get(), &id) == 0) {
      if (type != GIT_OBJECT_TREE) {
        throw Error(
            fmt::format("{}: the object is a {}, not a tree", what, git_object_type2string(type)));
      }
      if (size > kMaxTreeBytes) {
        throw Error(fmt::format("{}: the tree is {} bytes, over sigwarden's limit of {} bytes",
                                what, size, kMaxTreeBytes));
      }
    }
  }
  if (rc == GIT_ENOTFOUND) {
    throw Error(fmt::format(
        "{}: the object is not in the object store (a partial clone? fetch it with 'git fetch' "
        "or clone without --filter)",
        what));
  }
  // libgit2 1.5 refuses names over 65,535 bytes and empty ones, which git reads: look at the
  // object itself (this path runs once, on the way to an error).
  git_odb* odb_raw = nullptr;
  git_odb_object* object_raw = nullptr;
  if (git_repository_odb(&odb_raw, repo) == 0) {
    Owned<git_odb, git_odb_free> odb(odb_raw);
    if (git_odb_read(&object_raw, odb.get(), &id) == 0) {
      Owned<git_odb_object, git_odb_object_free> object(object_raw);
      const char* p = static_cast<const char*>(git_odb_object_data(object.get()));
      const char* end = p + git_odb_object_size(object.get());
      while (git_odb_object_type(object.get()) == GIT_OBJECT_TREE && p < end) {
        const char* space = static_cast<const char*>(std::memchr(p, ' ', end - p));
        const char* nul =
            space ? static_cast<const char*>(std::memchr(space, 0, end - space)) : nullptr;
        if (nul == nullptr) break;
        auto length = static_cast<std::size_t>(nul - space - 1);
        if (length > kLongestLibgit2Name) {
          throw Error(fmt::format(
              "{}: an entry name is over 65,535 bytes, which libgit2 cannot read (git can)", what));
        }
        if (length == 0) {
          throw Error(fmt::format(
              "{}: an entry has an empty name, which libgit2 cannot read (git fsck: emptyName)",
              what));
        }
        p = nul + 1 + GIT_OID_RAWSZ;
      }
    }
  }
  throw Error(fmt::format("{}: {}", what, message));
}

}  // namespace sigwarden::git
