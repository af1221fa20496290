// changed_files (git/diff.h): the changed-files walk of history, on raw tree objects. No
// git_tree is built (libgit2 parses a tree into an allocated entry array; a history walk reads a
// hundred thousand trees): entries are read in place from the pack reader's or libgit2's copy of
// the object. The walk keeps a stack of its own, as a tree can be nested thousands of levels, and
// makes the checks of git/tree_checks.h on each side: depth, cycles and git's order.
#include <fmt/format.h>

#include <cstring>
#include <deque>
#include <memory>
#include <string_view>

#include "core/error.h"
#include "git/diff.h"
#include "git/handle.h"
#include "git/pack_reader.h"
#include "git/tree_checks.h"

namespace sigwarden::git {

namespace {

// One entry of a raw tree object, pointing into the object's buffer.
struct RawEntry {
  std::string_view name;
  unsigned mode = 0;
  const git_oid* id = nullptr;
  bool dir() const { return (mode & 0170000U) == 0040000U; }
};

using OdbObjectPtr = Owned<git_odb_object, git_odb_object_free>;

// The path of a directory from the walk's prefix ("a/b/" -> "a/b").
std::string_view dir_path(const std::string& prefix) {
  std::string_view p = prefix;
  if (!p.empty()) p.remove_suffix(1);
  return p;
}

class RawWalker {
 public:
  RawWalker(git_repository* repo, const std::string& what, std::vector<std::string>& out,
            std::deque<std::vector<RawEntry>>& pool, PackReader* packs)
      : what_(what), where_{what + ": ", ""}, out_(out), pool_(pool), packs_(packs) {
    git_odb* odb_raw = nullptr;
    check(git_repository_odb(&odb_raw, repo), fmt::format("{}: open the object database", what));
    odb_.reset(odb_raw);
  }

  void diff(const git_oid* a, const git_oid* b) {
    if (a == nullptr && b == nullptr) return;
    if (a != nullptr && b != nullptr && git_oid_equal(a, b)) return;
    std::string prefix;
    push(a, b, prefix, 0);
    while (!stack_.empty()) {
      std::size_t depth = stack_.size() - 1;
      Frame& f = stack_.back();
      const std::vector<RawEntry>& ea = pool_[2 * depth];
      const std::vector<RawEntry>& eb = pool_[2 * depth + 1];
      if (f.i == ea.size() && f.j == eb.size()) {
        prefix.resize(f.restore);
        if (f.in_a) side_a_.leave();
        if (f.in_b) side_b_.leave();
        stack_.pop_back();
        continue;
      }
      int order = f.i == ea.size() ? 1
                  : f.j == eb.size()
                      ? -1
                      : tree_order(ea[f.i].name, ea[f.i].dir(), eb[f.j].name, eb[f.j].dir());
      // f is not used below: a new frame can move it (the entry vectors stay where they are).
      if (order < 0) {
        one_side(&ea[f.i++], nullptr, prefix);
      } else if (order > 0) {
        one_side(nullptr, &eb[f.j++], prefix);
      } else {
        both(ea[f.i++], eb[f.j++], prefix);
      }
    }
  }

 private:
  // A tree object's bytes, owned by the pack reader's cache or by libgit2.
  struct Tree {
    std::shared_ptr<const PackObject> packed;
    OdbObjectPtr odb;
    const char* data = nullptr;
    std::size_t size = 0;
  };

  // The two trees at one path (either may be missing) and how far the walk is in each; their
  // entries are pool_[2 * depth] and pool_[2 * depth + 1].
  struct Frame {
    Tree a;
    Tree b;
    std::size_t i = 0;
    std::size_t j = 0;
    std::size_t restore = 0;  // length of the prefix before this directory's name
    bool in_a = false;        // a (b) is on the path of trees of side a (b)
    bool in_b = false;
  };

  // Starts the walk of the trees a and b (either may be null) of the directory at prefix.
  void push(const git_oid* a, const git_oid* b, const std::string& prefix, std::size_t restore) {
    std::size_t depth = stack_.size();
    std::string_view path = dir_path(prefix);
    check_depth(depth, path, b ? *b : *a, where_);
    Frame f;
    f.restore = restore;
    if (a) {
      side_a_.enter(*a, path, where_);
      f.in_a = true;
      f.a = read(*a, path);
    }
    if (b) {
      side_b_.enter(*b, path, where_);
      f.in_b = true;
      f.b = read(*b, path);
    }
    // Entry vectors are reused per depth: a history walk diffs tens of thousands of trees.
    // (A deque: growing it keeps the vectors of the outer levels where they are.)
    if (pool_.size() < 2 * (depth + 1)) pool_.resize(2 * (depth + 1));
    entries(f.a, path, a, pool_[2 * depth]);
    entries(f.b, path, b, pool_[2 * depth + 1]);
    stack_.push_back(std::move(f));
  }

  Tree read(const git_oid& id, std::string_view path) {
    Tree tree;
    auto where = [&] { return fmt::format("{}: read tree '{}'", what_, short_path(path)); };
    if (packs_ != nullptr) {
      // The type and size are checked before anything is inflated: a pull request can name a
      // 1 GiB blob as a directory, or push a 1 GiB tree that packs into a few kilobytes.
      try {
        tree.packed = packs_->read(id.id, ObjectLimits{ObjectType::kTree, kMaxTreeBytes});
      } catch (const Error& e) {
        throw Error(fmt::format("{}: {}", where(), e.what()));
      }
      if (tree.packed) {
        tree.data = tree.packed->data.data();
        tree.size = tree.packed->data.size();
        return tree;
      }
    }
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    int rc = git_odb_read_header(&size, &type, odb_.get(), &id);
    if (rc == GIT_ENOTFOUND) {
      throw Error(
          fmt::format("{}: tree '{}' ({}) is not in the object store (a partial or "
                      "shallow clone? fetch full history)",
                      what_, short_path(path), oid_hex(&id)));
    }
    check(rc, fmt::format("{} ({})", where(), oid_hex(&id)));
    if (type != GIT_OBJECT_TREE) {
      throw Error(fmt::format("{}: object {} is a {}, not a tree", where(), oid_hex(&id),
                              object_type_name(static_cast<int>(type))));
    }
    if (size > kMaxTreeBytes) {
      throw Error(
          fmt::format("{}: tree {} is {} bytes, over sigwarden's limit of {} bytes for a "
                      "tree",
                      where(), oid_hex(&id), size, kMaxTreeBytes));
    }
    git_odb_object* raw = nullptr;
    check(git_odb_read(&raw, odb_.get(), &id), fmt::format("{} ({})", where(), oid_hex(&id)));
    OdbObjectPtr object(raw);
    tree.data = static_cast<const char*>(git_odb_object_data(object.get()));
    tree.size = git_odb_object_size(object.get());
    tree.odb = std::move(object);
    return tree;
  }

  // The entries of tree (none when it is missing), checked for git's order as they are read.
  void entries(const Tree& tree, std::string_view path, const git_oid* id,
               std::vector<RawEntry>& out) const {
    out.clear();
    if (tree.data == nullptr) return;
    OrderCheck order;
    const char* p = tree.data;
    const char* end = p + tree.size;
    while (p < end) {
      RawEntry e;
      while (p < end && *p >= '0' && *p <= '7')
        e.mode = e.mode * 8 + static_cast<unsigned>(*p++ - '0');
      const char* nul =
          p < end && *p == ' '
              ? static_cast<const char*>(std::memchr(p, 0, static_cast<std::size_t>(end - p)))
              : nullptr;
      if (nul == nullptr || end - nul < 1 + GIT_OID_RAWSZ) {
        throw Error(
            fmt::format("{}: tree '{}' ({}) is corrupt", what_, short_path(path), oid_hex(id)));
      }
      e.name = std::string_view(p + 1, static_cast<std::size_t>(nul - p - 1));
      e.id = reinterpret_cast<const git_oid*>(nul + 1);
      auto fault = order.next(e.name, e.dir());
      if (fault != OrderCheck::Fault::kNone) throw_order_fault(fault, e.name, path, *id, where_);
      out.push_back(e);
      p = nul + 1 + GIT_OID_RAWSZ;
    }
  }

  // An entry on one side only: a file is changed, a directory is walked alone.
  void one_side(const RawEntry* a, const RawEntry* b, std::string& prefix) {
    const RawEntry& e = a ? *a : *b;
    std::size_t len = prefix.size();
    prefix += e.name;
    if (e.dir()) {
      prefix += '/';
      push(a ? e.id : nullptr, b ? e.id : nullptr, prefix, len);
    } else {
      out_.push_back(prefix);
      prefix.resize(len);
    }
  }

  void both(const RawEntry& a, const RawEntry& b, std::string& prefix) {
    if (a.mode == b.mode && git_oid_equal(a.id, b.id)) return;  // pruned, never read
    std::size_t len = prefix.size();
    prefix += a.name;
    if (!a.dir() && !b.dir()) {
      out_.push_back(prefix);
      prefix.resize(len);
      return;
    }
    // A file replaced by a directory or the reverse: the file and every file below.
    if (!a.dir() || !b.dir()) out_.push_back(prefix);
    prefix += '/';
    push(a.dir() ? a.id : nullptr, b.dir() ? b.id : nullptr, prefix, len);
  }

  std::string what_;
  TreeContext where_;
  std::vector<std::string>& out_;
  std::deque<std::vector<RawEntry>>& pool_;
  PackReader* packs_;
  std::vector<Frame> stack_;
  TreePath side_a_;
  TreePath side_b_;
  Owned<git_odb, git_odb_free> odb_;
};

}  // namespace

void changed_files(git_repository* repo, const git_oid* from, const git_oid* to,
                   const std::string& what, std::vector<std::string>& out, PackReader* packs) {
  static thread_local std::deque<std::vector<RawEntry>> pool;
  RawWalker walker(repo, what, out, pool, packs);
  walker.diff(from, to);
}

}  // namespace sigwarden::git
