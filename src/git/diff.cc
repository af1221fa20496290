#include "git/diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <deque>
#include <map>
#include <string_view>
#include <unordered_set>

#include "core/error.h"
#include "git/handle.h"
#include "git/pack_reader.h"
#include "git/shallow_history.h"

namespace sigwarden::git {

char change_letter(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdded:
      return 'A';
    case ChangeKind::kDeleted:
      return 'D';
    case ChangeKind::kModified:
      return 'M';
    case ChangeKind::kTypeChanged:
      return 'T';
    case ChangeKind::kRenamed:
      return 'R';
  }
  return 'M';
}

namespace {

bool is_tree(const git_tree_entry* e) { return git_tree_entry_type(e) == GIT_OBJECT_TREE; }

// git's tree order: names compared bytewise, a directory as if its name ended in '/'.
int git_order(const git_tree_entry* a, const git_tree_entry* b) {
  const char* na = git_tree_entry_name(a);
  const char* nb = git_tree_entry_name(b);
  std::size_t la = std::strlen(na);
  std::size_t lb = std::strlen(nb);
  std::size_t n = std::min(la, lb);
  int c = std::memcmp(na, nb, n);
  if (c != 0) return c;
  unsigned char ca = la > n ? static_cast<unsigned char>(na[n]) : (is_tree(a) ? '/' : '\0');
  unsigned char cb = lb > n ? static_cast<unsigned char>(nb[n]) : (is_tree(b) ? '/' : '\0');
  return static_cast<int>(ca) - static_cast<int>(cb);
}

struct Side {
  std::string path;
  git_oid id;
  bool link = false;
};

class Walker {
 public:
  Walker(git_repository* repo, std::string what) : repo_(repo), what_(std::move(what)) {}

  void diff(const git_tree* a, const git_tree* b, std::string& prefix) {
    std::size_t na = a ? git_tree_entrycount(a) : 0;
    std::size_t nb = b ? git_tree_entrycount(b) : 0;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < na || j < nb) {
      const git_tree_entry* ea = i < na ? git_tree_entry_byindex(a, i) : nullptr;
      const git_tree_entry* eb = j < nb ? git_tree_entry_byindex(b, j) : nullptr;
      int order = !ea ? 1 : !eb ? -1 : git_order(ea, eb);
      if (order < 0) {
        side(ea, prefix, deleted_);
        ++i;
      } else if (order > 0) {
        side(eb, prefix, added_);
        ++j;
      } else {
        both(ea, eb, prefix);
        ++i;
        ++j;
      }
    }
  }

  std::vector<Change> finish() {
    // Exact renames: a deleted blob whose id reappears at an added path.
    std::multimap<std::string, std::size_t> added_by_id;
    for (std::size_t k = 0; k < added_.size(); ++k) {
      added_by_id.emplace(
          std::string(reinterpret_cast<const char*>(added_[k].id.id), GIT_OID_RAWSZ), k);
    }
    std::vector<bool> added_used(added_.size(), false);
    for (const Side& d : deleted_) {
      auto it =
          added_by_id.find(std::string(reinterpret_cast<const char*>(d.id.id), GIT_OID_RAWSZ));
      if (it != added_by_id.end()) {
        added_used[it->second] = true;
        changes_.push_back({ChangeKind::kRenamed, d.path, added_[it->second].path});
        added_by_id.erase(it);
      } else {
        changes_.push_back({ChangeKind::kDeleted, d.path, ""});
      }
    }
    for (std::size_t k = 0; k < added_.size(); ++k) {
      if (!added_used[k]) changes_.push_back({ChangeKind::kAdded, "", added_[k].path});
    }
    std::sort(changes_.begin(), changes_.end(), [](const Change& x, const Change& y) {
      const std::string& px = x.new_path.empty() ? x.old_path : x.new_path;
      const std::string& py = y.new_path.empty() ? y.old_path : y.new_path;
      return px < py;
    });
    return std::move(changes_);
  }

 private:
  TreePtr subtree(const git_tree_entry* e, const std::string& path) {
    git_tree* t = nullptr;
    check(git_tree_lookup(&t, repo_, git_tree_entry_id(e)),
          fmt::format("{}: read tree '{}'", what_, path));
    return TreePtr(t);
  }

  // Every file under entry e (or e itself) goes to out.
  void side(const git_tree_entry* e, std::string& prefix, std::vector<Side>& out) {
    std::size_t len = prefix.size();
    prefix += git_tree_entry_name(e);
    if (is_tree(e)) {
      TreePtr t = subtree(e, prefix);
      prefix += '/';
      std::size_t n = git_tree_entrycount(t.get());
      for (std::size_t k = 0; k < n; ++k) side(git_tree_entry_byindex(t.get(), k), prefix, out);
    } else {
      out.push_back(
          {prefix, *git_tree_entry_id(e), git_tree_entry_filemode(e) == GIT_FILEMODE_LINK});
    }
    prefix.resize(len);
  }

  void both(const git_tree_entry* ea, const git_tree_entry* eb, std::string& prefix) {
    bool same_id = git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) != 0;
    git_filemode_t ma = git_tree_entry_filemode(ea);
    git_filemode_t mb = git_tree_entry_filemode(eb);
    if (same_id && ma == mb) return;  // identical subtree or file: pruned, never read
    std::size_t len = prefix.size();
    prefix += git_tree_entry_name(ea);
    if (is_tree(ea) && is_tree(eb)) {
      TreePtr ta = subtree(ea, prefix);
      TreePtr tb = subtree(eb, prefix);
      prefix += '/';
      diff(ta.get(), tb.get(), prefix);
    } else {
      bool link_a = ma == GIT_FILEMODE_LINK;
      bool link_b = mb == GIT_FILEMODE_LINK;
      bool gitlink = ma == GIT_FILEMODE_COMMIT || mb == GIT_FILEMODE_COMMIT;
      changes_.push_back({link_a != link_b || (gitlink && ma != mb) ? ChangeKind::kTypeChanged
                                                                    : ChangeKind::kModified,
                          prefix, prefix});
    }
    prefix.resize(len);
  }

  git_repository* repo_;
  std::string what_;
  std::vector<Side> added_;
  std::vector<Side> deleted_;
  std::vector<Change> changes_;
};

}  // namespace

namespace {

CommitInfo commit_info(git_repository* repo, const git_oid& id, const std::string& what) {
  git_commit* c = nullptr;
  check(git_commit_lookup(&c, repo, &id), what);
  CommitPtr commit(c);
  const git_signature* author = git_commit_author(commit.get());
  const char* message = git_commit_message(commit.get());
  return {oid_hex(&id), author->name ? author->name : "", author->email ? author->email : "",
          message ? message : ""};
}

// A..B in a shallow clone, where libgit2 1.5's revwalk steps past the cut: every fetched commit
// reachable from B and not from A, newest first.
std::vector<CommitInfo> shallow_commits_between(git_repository* repo, const git_oid* from,
                                                const git_oid& to, const std::string& what) {
  ShallowHistory history(repo);
  std::unordered_set<std::string> old;
  if (from != nullptr) old = history.ancestors(*from);
  auto added = history.ancestors(to, &old);
  std::vector<std::string> order(added.begin(), added.end());
  std::sort(order.begin(), order.end(), [&](const std::string& x, const std::string& y) {
    return std::make_pair(history.time(x), x) > std::make_pair(history.time(y), y);
  });
  std::vector<CommitInfo> out;
  out.reserve(order.size());
  for (const std::string& id : order) out.push_back(commit_info(repo, history.oid(id), what));
  return out;
}

}  // namespace

std::vector<CommitInfo> commits_between(const Snapshot& from, const Snapshot& to) {
  git_repository* repo = to.raw_repository();
  std::string what = fmt::format("list commits {}..{}", from.revision(), to.revision());
  git_oid to_id;
  git_oid from_id;
  check(git_oid_fromstr(&to_id, to.commit_id().c_str()), what);
  bool has_from = !from.commit_id().empty();
  if (has_from) check(git_oid_fromstr(&from_id, from.commit_id().c_str()), what);
  if (git_repository_is_shallow(repo) == 1) {
    return shallow_commits_between(repo, has_from ? &from_id : nullptr, to_id, what);
  }
  git_revwalk* raw = nullptr;
  check(git_revwalk_new(&raw, repo), what);
  Owned<git_revwalk, git_revwalk_free> walk(raw);
  check(git_revwalk_push(walk.get(), &to_id), what);
  if (has_from) check(git_revwalk_hide(walk.get(), &from_id), what);
  std::vector<CommitInfo> out;
  git_oid id;
  int rc = 0;
  while ((rc = git_revwalk_next(&id, walk.get())) == 0) out.push_back(commit_info(repo, id, what));
  if (rc != GIT_ITEROVER) check(rc, what);  // a missing commit is an error, not the end
  return out;
}

namespace {

// One entry of a raw tree object, pointing into the object's buffer.
struct RawEntry {
  std::string_view name;
  unsigned mode = 0;
  const git_oid* id = nullptr;
  bool dir() const { return (mode & 0170000U) == 0040000U; }
};

using OdbObjectPtr = Owned<git_odb_object, git_odb_object_free>;

// The changed-files walk of history, on raw tree objects: no git_tree is built (libgit2 parses a
// tree into an allocated entry array; a history walk reads a hundred thousand trees), entries
// are read in place from the cached odb object.
class RawWalker {
 public:
  RawWalker(git_repository* repo, const std::string& what, std::vector<std::string>& out,
            std::deque<std::vector<RawEntry>>& pool, PackReader* packs)
      : what_(what), out_(out), pool_(pool), packs_(packs) {
    check(git_repository_odb(&odb_raw_, repo), what);
    odb_.reset(odb_raw_);
  }

  void diff(const git_oid* a, const git_oid* b, std::string& prefix) {
    if (a != nullptr && b != nullptr && git_oid_equal(a, b)) return;
    Tree ta = a ? read(a, prefix) : Tree{};
    Tree tb = b ? read(b, prefix) : Tree{};
    // Entry vectors are reused per depth: a history walk diffs tens of thousands of trees.
    // (A deque: growing it keeps the vectors of the outer levels where they are.)
    if (pool_.size() < 2 * (depth_ + 1)) pool_.resize(2 * (depth_ + 1));
    std::vector<RawEntry>& ea = pool_[2 * depth_];
    std::vector<RawEntry>& eb = pool_[2 * depth_ + 1];
    entries(ta, prefix, ea);
    entries(tb, prefix, eb);
    ++depth_;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < ea.size() || j < eb.size()) {
      int order = i == ea.size() ? 1 : j == eb.size() ? -1 : compare(ea[i], eb[j]);
      if (order < 0) {
        one_side(ea[i++], prefix);
      } else if (order > 0) {
        one_side(eb[j++], prefix);
      } else {
        both(ea[i++], eb[j++], prefix);
      }
    }
    --depth_;
  }

 private:
  // A tree object's bytes, owned by the pack reader's cache or by libgit2.
  struct Tree {
    std::shared_ptr<const PackObject> packed;
    OdbObjectPtr odb;
    const char* data = nullptr;
    std::size_t size = 0;
  };

  Tree read(const git_oid* id, const std::string& prefix) {
    Tree tree;
    if (packs_ != nullptr) {
      tree.packed = packs_->read(id->id);
      if (tree.packed && tree.packed->type == GIT_OBJECT_TREE) {
        tree.data = tree.packed->data.data();
        tree.size = tree.packed->data.size();
        return tree;
      }
      tree.packed.reset();  // not packed, or not a tree: libgit2 reads it and says what is wrong
    }
    git_odb_object* raw = nullptr;
    int rc = git_odb_read(&raw, odb_.get(), id);
    if (rc == GIT_ENOTFOUND) {
      char hex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(hex, sizeof hex, id);
      throw Error(
          fmt::format("{}: tree '{}' ({}) is not in the object store (a partial or "
                      "shallow clone? fetch full history)",
                      what_, prefix, hex));
    }
    check(rc, fmt::format("{}: read tree '{}'", what_, prefix));
    OdbObjectPtr object(raw);
    if (git_odb_object_type(object.get()) != GIT_OBJECT_TREE) {
      throw Error(fmt::format("{}: '{}' is not a tree object", what_, prefix));
    }
    tree.data = static_cast<const char*>(git_odb_object_data(object.get()));
    tree.size = git_odb_object_size(object.get());
    tree.odb = std::move(object);
    return tree;
  }

  void entries(const Tree& tree, const std::string& prefix, std::vector<RawEntry>& out) const {
    out.clear();
    if (tree.data == nullptr) return;
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
        throw Error(fmt::format("{}: tree '{}' is corrupt", what_, prefix));
      }
      e.name = std::string_view(p + 1, static_cast<std::size_t>(nul - p - 1));
      e.id = reinterpret_cast<const git_oid*>(nul + 1);
      out.push_back(e);
      p = nul + 1 + GIT_OID_RAWSZ;
    }
  }

  // git's tree order: names compared bytewise, a directory as if its name ended in '/'.
  static int compare(const RawEntry& a, const RawEntry& b) {
    std::size_t n = std::min(a.name.size(), b.name.size());
    int c = std::memcmp(a.name.data(), b.name.data(), n);
    if (c != 0) return c;
    unsigned char ca =
        a.name.size() > n ? static_cast<unsigned char>(a.name[n]) : (a.dir() ? '/' : '\0');
    unsigned char cb =
        b.name.size() > n ? static_cast<unsigned char>(b.name[n]) : (b.dir() ? '/' : '\0');
    return static_cast<int>(ca) - static_cast<int>(cb);
  }

  // Every file under e (or e itself), added or deleted.
  void one_side(const RawEntry& e, std::string& prefix) {
    std::size_t len = prefix.size();
    prefix += e.name;
    if (e.dir()) {
      prefix += '/';
      if (e.dir()) diff(nullptr, e.id, prefix);
    } else {
      out_.push_back(prefix);
    }
    prefix.resize(len);
  }

  void both(const RawEntry& a, const RawEntry& b, std::string& prefix) {
    if (a.mode == b.mode && git_oid_equal(a.id, b.id)) return;  // pruned, never read
    std::size_t len = prefix.size();
    prefix += a.name;
    if (a.dir() && b.dir()) {
      prefix += '/';
      diff(a.id, b.id, prefix);
    } else if (a.dir() || b.dir()) {
      // A file replaced by a directory or the reverse: the file and every file below.
      if (!a.dir() || !b.dir()) out_.push_back(prefix);
      prefix += '/';
      diff(a.dir() ? a.id : nullptr, b.dir() ? b.id : nullptr, prefix);
    } else {
      out_.push_back(prefix);
    }
    prefix.resize(len);
  }

  std::string what_;
  std::vector<std::string>& out_;
  std::deque<std::vector<RawEntry>>& pool_;
  PackReader* packs_;
  std::size_t depth_ = 0;
  git_odb* odb_raw_ = nullptr;
  Owned<git_odb, git_odb_free> odb_;
};

}  // namespace

void changed_files(git_repository* repo, const git_oid* from, const git_oid* to,
                   const std::string& what, std::vector<std::string>& out, PackReader* packs) {
  static thread_local std::deque<std::vector<RawEntry>> pool;
  RawWalker walker(repo, what, out, pool, packs);
  std::string prefix;
  walker.diff(from, to, prefix);
}

std::vector<Change> changed_paths(const Snapshot& from, const Snapshot& to) {
  Walker walker(from.raw_repository(),
                fmt::format("compare {} with {}", from.revision(), to.revision()));
  std::string prefix;
  walker.diff(from.raw_root(), to.raw_root(), prefix);
  return walker.finish();
}

}  // namespace sigwarden::git
