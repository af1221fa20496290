#include "git/diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>

#include "core/error.h"
#include "git/handle.h"

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
  Walker(git_repository* repo, std::string what, std::vector<std::string>* paths_only = nullptr)
      : repo_(repo), what_(std::move(what)), paths_only_(paths_only) {}

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
    } else if (paths_only_ != nullptr) {
      paths_only_->push_back(prefix);
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
    } else if (paths_only_ != nullptr) {
      paths_only_->push_back(prefix);
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
  std::vector<std::string>* paths_only_;  // when set: every changed path goes here, no pairing
};

}  // namespace

std::vector<CommitInfo> commits_between(const Snapshot& from, const Snapshot& to) {
  git_repository* repo = to.raw_repository();
  std::string what = fmt::format("list commits {}..{}", from.revision(), to.revision());
  git_revwalk* raw = nullptr;
  check(git_revwalk_new(&raw, repo), what);
  Owned<git_revwalk, git_revwalk_free> walk(raw);
  git_oid id;
  check(git_oid_fromstr(&id, to.commit_id().c_str()), what);
  check(git_revwalk_push(walk.get(), &id), what);
  if (!from.commit_id().empty()) {
    check(git_oid_fromstr(&id, from.commit_id().c_str()), what);
    check(git_revwalk_hide(walk.get(), &id), what);
  }
  std::vector<CommitInfo> out;
  while (git_revwalk_next(&id, walk.get()) == 0) {
    git_commit* c = nullptr;
    check(git_commit_lookup(&c, repo, &id), what);
    CommitPtr commit(c);
    const git_signature* author = git_commit_author(commit.get());
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &id);
    const char* message = git_commit_message(commit.get());
    out.push_back({hex, author->name ? author->name : "", author->email ? author->email : "",
                   message ? message : ""});
  }
  return out;
}

void changed_files(git_repository* repo, const git_tree* from, const git_tree* to,
                   const std::string& what, std::vector<std::string>& out) {
  Walker walker(repo, what, &out);
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
