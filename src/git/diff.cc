#include "git/diff.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "git/handle.h"
#include "git/tree_checks.h"

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

const git_oid& root_id(const git_tree* tree) {
  return *git_object_id(reinterpret_cast<const git_object*>(tree));
}

struct Side {
  std::string path;
  git_oid id;
  bool link = false;
};

// The pruned walk of two libgit2 trees, depth first with a stack of its own (a tree can be
// nested thousands of levels). Entries with equal ids and modes are skipped unread.
class Walker {
 public:
  Walker(git_repository* repo, const std::string& what) : repo_(repo), where_{what + ": ", ""} {}

  void diff(const git_tree* a, const git_tree* b) {
    std::string prefix;
    Frame root;
    root.a = a;
    root.b = b;
    root.na = a ? git_tree_entrycount(a) : 0;
    root.nb = b ? git_tree_entrycount(b) : 0;
    if (a) on_a_.enter(root_id(a), "", where_);
    if (b) on_b_.enter(root_id(b), "", where_);
    stack_.push_back(std::move(root));
    while (!stack_.empty()) {
      Frame& f = stack_.back();
      if (f.i == f.na && f.j == f.nb) {
        prefix.resize(f.restore);
        if (f.a) on_a_.leave();
        if (f.b) on_b_.leave();
        stack_.pop_back();
        continue;
      }
      const git_tree_entry* ea = f.i < f.na ? git_tree_entry_byindex(f.a, f.i) : nullptr;
      const git_tree_entry* eb = f.j < f.nb ? git_tree_entry_byindex(f.b, f.j) : nullptr;
      int order = !ea   ? 1
                  : !eb ? -1
                        : tree_order(git_tree_entry_name(ea), is_tree(ea), git_tree_entry_name(eb),
                                     is_tree(eb));
      // f is not used below: a new frame can move it.
      if (order < 0) {
        ++f.i;
        side(ea, nullptr, prefix, deleted_);
      } else if (order > 0) {
        ++f.j;
        side(nullptr, eb, prefix, added_);
      } else {
        ++f.i;
        ++f.j;
        both(ea, eb, prefix);
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
  // Two trees at one path (either may be missing) and how far the walk is in each.
  struct Frame {
    TreePtr own_a;
    TreePtr own_b;
    const git_tree* a = nullptr;
    const git_tree* b = nullptr;
    std::size_t na = 0;
    std::size_t nb = 0;
    std::size_t i = 0;
    std::size_t j = 0;
    std::size_t restore = 0;  // length of the path before this directory's name
  };

  // Starts the walk of the directories ea and eb (either may be null) at prefix + their name.
  void descend(const git_tree_entry* ea, const git_tree_entry* eb, std::string& prefix) {
    Frame f;
    f.restore = prefix.size();
    prefix += git_tree_entry_name(ea ? ea : eb);
    check_depth(stack_.size(), prefix, *git_tree_entry_id(eb ? eb : ea), where_);
    if (ea) {
      on_a_.enter(*git_tree_entry_id(ea), prefix, where_);
      f.own_a = read_tree(repo_, *git_tree_entry_id(ea), prefix, where_);
    }
    if (eb) {
      on_b_.enter(*git_tree_entry_id(eb), prefix, where_);
      f.own_b = read_tree(repo_, *git_tree_entry_id(eb), prefix, where_);
    }
    f.a = f.own_a.get();
    f.b = f.own_b.get();
    f.na = f.a ? git_tree_entrycount(f.a) : 0;
    f.nb = f.b ? git_tree_entrycount(f.b) : 0;
    prefix += '/';
    stack_.push_back(std::move(f));
  }

  // An entry on one side only: a file goes to out, a directory is walked alone.
  void side(const git_tree_entry* ea, const git_tree_entry* eb, std::string& prefix,
            std::vector<Side>& out) {
    const git_tree_entry* e = ea ? ea : eb;
    if (is_tree(e)) {
      descend(ea, eb, prefix);
      return;
    }
    out.push_back({prefix + git_tree_entry_name(e), *git_tree_entry_id(e),
                   git_tree_entry_filemode(e) == GIT_FILEMODE_LINK});
  }

  void both(const git_tree_entry* ea, const git_tree_entry* eb, std::string& prefix) {
    bool same_id = git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)) != 0;
    git_filemode_t ma = git_tree_entry_filemode(ea);
    git_filemode_t mb = git_tree_entry_filemode(eb);
    if (same_id && ma == mb) return;  // identical subtree or file: pruned, never read
    if (is_tree(ea) && is_tree(eb)) {
      descend(ea, eb, prefix);
      return;
    }
    std::string path = prefix + git_tree_entry_name(ea);
    bool link_a = ma == GIT_FILEMODE_LINK;
    bool link_b = mb == GIT_FILEMODE_LINK;
    bool gitlink = ma == GIT_FILEMODE_COMMIT || mb == GIT_FILEMODE_COMMIT;
    changes_.push_back({link_a != link_b || (gitlink && ma != mb) ? ChangeKind::kTypeChanged
                                                                  : ChangeKind::kModified,
                        path, path});
  }

  git_repository* repo_;
  TreeContext where_;
  std::vector<Frame> stack_;
  TreePath on_a_;
  TreePath on_b_;
  std::vector<Side> added_;
  std::vector<Side> deleted_;
  std::vector<Change> changes_;
};

}  // namespace

std::vector<Change> changed_paths(const Snapshot& from, const Snapshot& to) {
  Walker walker(from.raw_repository(),
                fmt::format("compare {} with {}", from.revision(), to.revision()));
  walker.diff(from.raw_root(), to.raw_root());
  return walker.finish();
}

}  // namespace sigwarden::git
