#include "git/repository.h"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <unordered_set>
#include <vector>

#include "core/error.h"
#include "git/commit_graph.h"
#include "git/handle.h"
#include "git/revision.h"
#include "git/tree_checks.h"

namespace sigwarden::git {

namespace {

const char* code_name(int rc) {
  switch (rc) {
    case GIT_ENOTFOUND:
      return "GIT_ENOTFOUND, not found";
    case GIT_EAMBIGUOUS:
      return "GIT_EAMBIGUOUS, ambiguous";
    case GIT_EINVALIDSPEC:
      return "GIT_EINVALIDSPEC, invalid";
    case GIT_EUNBORNBRANCH:
      return "GIT_EUNBORNBRANCH, unborn branch";
    case GIT_EBUFS:
      return "GIT_EBUFS, buffer too short";
    case GIT_EUSER:
      return "GIT_EUSER";
    default:
      return "GIT_ERROR";
  }
}

}  // namespace

std::string last_error_message(int rc) {
  const git_error* e = git_error_last();
  if (e == nullptr || e->message == nullptr) {
    return fmt::format("libgit2 failed with code {} ({}) and gave no message", rc, code_name(rc));
  }
  return e->message;
}

void check(int rc, const std::string& what) {
  if (rc < 0) throw Error(fmt::format("{}: {}", what, last_error_message(rc)));
}

Library::Library() {
  git_libgit2_init();
  // Reads only: re-hashing every object read costs time and buys nothing for a linter, and the
  // owner check (safe.directory) would refuse CI checkouts made by another user.
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

Library::~Library() { git_libgit2_shutdown(); }

// The trees read so far, as the tree of directories they were read on: a directory's node is
// found from its parent's by name, so a lookup costs the length of its path however deep it is.
struct Snapshot::Trees {
  struct Node {
    TreePtr tree;  // null: no such directory
    git_oid id{};
    const Node* parent = nullptr;
    std::size_t depth = 0;
    std::map<std::string, Node*, std::less<>> children;
  };
  std::deque<Node> nodes;  // nodes.front() is the root; a deque keeps every node where it is
};

namespace {

TreeContext context_of(const std::string& revision) { return {"", " at " + revision}; }

}  // namespace

Snapshot::Snapshot(git_repository* repo, git_tree* root, std::string revision,
                   std::string commit_id)
    : repo_(repo),
      revision_(std::move(revision)),
      commit_id_(std::move(commit_id)),
      trees_(std::make_unique<Trees>()) {
  Trees::Node& node = trees_->nodes.emplace_back();
  node.tree.reset(root);
  git_oid_cpy(&node.id, git_object_id(reinterpret_cast<const git_object*>(root)));
  check_order(root, "", node.id, context_of(revision_));
}
Snapshot::~Snapshot() = default;
Snapshot::Snapshot(Snapshot&&) noexcept = default;
Snapshot& Snapshot::operator=(Snapshot&&) noexcept = default;

namespace {

EntryKind kind_of(const git_tree_entry* entry) {
  switch (git_tree_entry_type(entry)) {
    case GIT_OBJECT_TREE:
      return EntryKind::kDirectory;
    case GIT_OBJECT_COMMIT:
      return EntryKind::kSubmodule;
    default:
      return git_tree_entry_filemode(entry) == GIT_FILEMODE_LINK ? EntryKind::kSymlink
                                                                 : EntryKind::kFile;
  }
}

}  // namespace

std::string oid_hex(const git_oid* oid) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, oid);
  return buf;
}

namespace {

// The entry name of tree; null when there is none (a name with a NUL byte is never there).
const git_tree_entry* entry_named(const git_tree* tree, std::string_view name) {
  if (name.find('\0') != std::string_view::npos) return nullptr;
  return git_tree_entry_byname(tree, std::string(name).c_str());
}

}  // namespace

git_tree* Snapshot::tree_at(std::string_view dir) const {
  // Down from the root one segment at a time, in a loop: a path can be thousands of segments deep.
  Trees::Node* node = &trees_->nodes.front();
  std::size_t start = 0;
  while (!dir.empty()) {
    if (node->tree == nullptr) return nullptr;
    std::size_t slash = dir.find('/', start);
    std::string_view name =
        dir.substr(start, slash == std::string_view::npos ? slash : slash - start);
    auto it = node->children.find(name);
    if (it != node->children.end()) {
      node = it->second;
    } else {
      std::string_view path = dir.substr(0, slash);
      TreePtr tree;
      git_oid id{};
      const git_tree_entry* entry = entry_named(node->tree.get(), name);
      if (entry != nullptr && git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
        git_oid_cpy(&id, git_tree_entry_id(entry));
        TreeContext where = context_of(revision_);
        check_depth(node->depth + 1, path, id, where);
        for (const Trees::Node* up = node; up != nullptr; up = up->parent) {
          if (git_oid_equal(&up->id, &id) != 0) throw_cycle(path, id, where);
        }
        tree = read_tree(repo_, id, path, where);
      }
      Trees::Node& child = trees_->nodes.emplace_back();
      child.tree = std::move(tree);
      child.id = id;
      child.parent = node;
      child.depth = node->depth + 1;
      node->children.emplace(std::string(name), &child);
      node = &child;
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return node->tree.get();
}

const git_tree_entry* Snapshot::entry_at(std::string_view path) const {
  auto slash = path.rfind('/');
  git_tree* parent = tree_at(slash == std::string_view::npos ? "" : path.substr(0, slash));
  if (parent == nullptr) return nullptr;
  return entry_named(parent, slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::optional<std::vector<TreeEntry>> Snapshot::list_dir(std::string_view path) const {
  git_tree* tree = tree_at(path);
  if (tree == nullptr) return std::nullopt;
  std::vector<TreeEntry> out;
  std::size_t n = git_tree_entrycount(tree);
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(tree, i);
    out.push_back({git_tree_entry_name(e), kind_of(e)});
  }
  return out;
}

std::optional<EntryKind> Snapshot::kind(std::string_view path) const {
  if (path.empty()) return EntryKind::kDirectory;
  const git_tree_entry* e = entry_at(path);
  if (e == nullptr) return std::nullopt;
  return kind_of(e);
}

std::optional<std::size_t> Snapshot::file_size(std::string_view path) const {
  const git_tree_entry* e = entry_at(path);
  if (e == nullptr || kind_of(e) != EntryKind::kFile) return std::nullopt;
  git_odb* odb_raw = nullptr;
  check(git_repository_odb(&odb_raw, repo_),
        fmt::format("read size of '{}' at {}: open the object database", path, revision_));
  Owned<git_odb, git_odb_free> odb(odb_raw);
  std::size_t size = 0;
  git_object_t type{};
  int rc = git_odb_read_header(&size, &type, odb.get(), git_tree_entry_id(e));
  if (rc == GIT_ENOTFOUND) {
    throw Error(fmt::format(
        "read size of '{}' (blob {}) at {}: the object is not in the object store (a partial "
        "clone? fetch it with 'git fetch' or clone without --filter)",
        path, oid_hex(git_tree_entry_id(e)), revision_));
  }
  check(rc, fmt::format("read size of '{}' (blob {}) at {}", path, oid_hex(git_tree_entry_id(e)),
                        revision_));
  return size;
}

std::optional<std::string> Snapshot::read_file(std::string_view path) const {
  const git_tree_entry* e = entry_at(path);
  if (e == nullptr || kind_of(e) != EntryKind::kFile) return std::nullopt;
  git_blob* raw = nullptr;
  int rc = git_blob_lookup(&raw, repo_, git_tree_entry_id(e));
  if (rc == GIT_ENOTFOUND) {
    throw Error(fmt::format(
        "read '{}' (blob {}) at {}: the object is not in the object store (a partial clone? "
        "fetch it with 'git fetch' or clone without --filter)",
        path, oid_hex(git_tree_entry_id(e)), revision_));
  }
  check(rc,
        fmt::format("read '{}' (blob {}) at {}", path, oid_hex(git_tree_entry_id(e)), revision_));
  BlobPtr blob(raw);
  const char* data = static_cast<const char*>(git_blob_rawcontent(blob.get()));
  return std::string(data, static_cast<std::size_t>(git_blob_rawsize(blob.get())));
}

git_tree* Snapshot::raw_root() const { return trees_->nodes.front().tree.get(); }

void Snapshot::for_each_file(
    const std::function<void(const std::string&, EntryKind)>& visit) const {
  // Depth first with a stack of its own: a tree can be nested thousands of levels.
  struct Frame {
    TreePtr owned;  // null for the root, which the snapshot owns
    const git_tree* tree = nullptr;
    std::size_t next = 0;
    std::size_t restore = 0;  // length of the path before this tree's name
  };
  TreeContext where = context_of(revision_);
  const Trees::Node& root = trees_->nodes.front();
  TreePath on_path;
  on_path.enter(root.id, "", where);
  std::vector<Frame> stack;
  stack.push_back({nullptr, root.tree.get(), 0, 0});
  std::string path;
  while (!stack.empty()) {
    Frame& top = stack.back();
    if (top.next == git_tree_entrycount(top.tree)) {
      path.resize(top.restore);
      stack.pop_back();
      on_path.leave();
      continue;
    }
    const git_tree_entry* e = git_tree_entry_byindex(top.tree, top.next++);
    std::size_t len = path.size();
    path += git_tree_entry_name(e);
    EntryKind k = kind_of(e);
    if (k != EntryKind::kDirectory) {
      visit(path, k);
      path.resize(len);
      continue;
    }
    const git_oid& id = *git_tree_entry_id(e);
    check_depth(stack.size(), path, id, where);
    on_path.enter(id, path, where);
    TreePtr sub = read_tree(repo_, id, path, where);
    const git_tree* raw = sub.get();
    path += '/';
    stack.push_back({std::move(sub), raw, 0, len});
  }
}

Repository::Repository(git_repository* repo) : repo_(repo) {}
Repository::Repository(Repository&& other) noexcept : repo_(other.repo_) { other.repo_ = nullptr; }
Repository& Repository::operator=(Repository&& other) noexcept {
  std::swap(repo_, other.repo_);
  return *this;
}
Repository::~Repository() { git_repository_free(repo_); }

Repository Repository::discover(const std::string& dir) {
  git_repository* repo = nullptr;
  int rc = git_repository_open_ext(&repo, dir.c_str(), 0, nullptr);
  if (rc == GIT_ENOTFOUND) {
    throw Error(fmt::format("open repository at '{}': not a git repository (or any parent)", dir));
  }
  check(rc, fmt::format("open repository at '{}'", dir));
  return Repository(repo);
}

namespace {

using ReferencePtr = Owned<git_reference, git_reference_free>;

// What is wrong when rev, or its base ("main" of "main~2"), is a reference to an object that
// cannot be read: a corrupt or missing pack is not "no such revision". failure is libgit2's
// message when git_revparse_single failed on rev; null before it is called, and then only an
// object whose header cannot be read is reported (libgit2 1.5's revparse leaks the reference
// when it meets one). Nothing when neither is a reference or nothing is wrong with its object.
std::optional<std::string> unreadable_object(git_repository* repo, const std::string& rev,
                                             const std::string* failure) {
  std::string name = rev.substr(0, std::min(rev.find_first_of("~^:"), rev.find("@{")));
  git_reference* raw = nullptr;
  if (name.empty() || git_reference_dwim(&raw, repo, name.c_str()) != 0) return std::nullopt;
  ReferencePtr ref(raw);
  const git_oid* id = git_reference_target(ref.get());
  if (id == nullptr) return std::nullopt;
  git_odb* odb_raw = nullptr;
  if (git_repository_odb(&odb_raw, repo) != 0) return std::nullopt;
  Owned<git_odb, git_odb_free> odb(odb_raw);
  std::size_t size = 0;
  git_object_t type{};
  std::string names = name == rev ? "it names" : fmt::format("'{}' names", name);
  int rc = git_odb_read_header(&size, &type, odb.get(), id);
  if (rc < 0) {
    return fmt::format(
        "{} object {}, which cannot be read from the object store (a corrupt or missing pack?): "
        "{}",
        names, oid_hex(id), failure != nullptr ? *failure : last_error_message(rc));
  }
  if (failure == nullptr || name != rev) return std::nullopt;  // else the rest of rev failed
  const char* kind = type == GIT_OBJECT_COMMIT ? "commit"
                     : type == GIT_OBJECT_TAG  ? "tag"
                     : type == GIT_OBJECT_TREE ? "tree"
                                               : "object";
  return fmt::format("{} {} {}, which libgit2 cannot read: {}", names, kind, oid_hex(id), *failure);
}

}  // namespace

Snapshot Repository::snapshot(const std::string& rev) const {
  std::string what = fmt::format("resolve revision '{}' in {}", rev, location());
  {
    // Branches, tags, ids and ~N/^N without libgit2's commit parser (git/revision.h).
    std::optional<ResolvedRevision> resolved;
    try {
      CommitReader reader(repo_);
      resolved = resolve_revision(repo_, reader, rev);
    } catch (const Error& e) {
      throw Error(fmt::format("{}: {}", what, e.what()));
    }
    if (resolved) {
      git_tree* tree = nullptr;
      int rc = git_tree_lookup(&tree, repo_, &resolved->tree);
      if (rc < 0) throw_tree_read_error(repo_, rc, "", resolved->tree, context_of(rev));
      return Snapshot(repo_, tree, rev, oid_hex(&resolved->commit));
    }
  }
  if (auto why = unreadable_object(repo_, rev, nullptr)) {
    throw Error(fmt::format("{}: {}", what, *why));
  }
  git_object* raw = nullptr;
  int rc = git_revparse_single(&raw, repo_, rev.c_str());
  if (rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC) {
    throw Error(fmt::format("{}: {}", what,
                            rc == GIT_EAMBIGUOUS ? "ambiguous revision" : "no such revision"));
  }
  if (rc < 0) {
    std::string message = last_error_message(rc);
    if (rc == GIT_ENOTFOUND && rev == "HEAD" && git_repository_head_unborn(repo_) == 1) {
      throw Error(fmt::format("{}: the repository has no commits yet", what));
    }
    if (auto why = unreadable_object(repo_, rev, &message)) {
      throw Error(fmt::format("{}: {}", what, *why));
    }
    if (rc == GIT_ENOTFOUND) throw Error(fmt::format("{}: no such revision", what));
    throw Error(fmt::format("{}: {}", what, message));
  }
  ObjectPtr object(raw);
  std::string commit_id;
  git_object* peeled = nullptr;
  const git_oid* tree_id = nullptr;
  ObjectPtr commit;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) == 0) {
    commit.reset(peeled);
    commit_id = oid_hex(git_object_id(commit.get()));
    tree_id = git_commit_tree_id(reinterpret_cast<const git_commit*>(commit.get()));
  }
  git_object* tree = nullptr;
  rc = git_object_peel(&tree, object.get(), GIT_OBJECT_TREE);
  if (rc < 0 && tree_id != nullptr) {
    throw_tree_read_error(repo_, rc, "", *tree_id, context_of(rev));
  }
  check(rc, fmt::format("{}: not a commit or tree", what));
  return Snapshot(repo_, reinterpret_cast<git_tree*>(tree), rev, commit_id);
}

std::pair<Snapshot, Snapshot> Repository::range(const std::string& spec) const {
  auto dots = spec.find("..");
  if (dots == std::string::npos || dots == 0) {
    throw UsageError(fmt::format("range '{}' must be A..B or A...B", spec));
  }
  bool merge_base = spec.compare(dots, 3, "...") == 0;
  std::string a = spec.substr(0, dots);
  std::string b = spec.substr(dots + (merge_base ? 3 : 2));
  if (b.empty()) b = "HEAD";
  Snapshot to = snapshot(b);
  if (!merge_base) return {snapshot(a), std::move(to)};
  Snapshot from_tip = snapshot(a);
  git_oid oa;
  git_oid ob;
  check(git_oid_fromstr(&oa, from_tip.commit_id().c_str()),
        fmt::format("resolve range '{}': parse commit id '{}'", spec, from_tip.commit_id()));
  check(git_oid_fromstr(&ob, to.commit_id().c_str()),
        fmt::format("resolve range '{}': parse commit id '{}'", spec, to.commit_id()));
  std::string what = fmt::format("find the merge base of '{}' and '{}' in {}", a, b, location());
  std::optional<git_oid> base;
  try {
    base = CommitGraph(repo_).merge_base(oa, ob);
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", what, e.what()));
  }
  if (!base && is_shallow()) {
    throw Error(fmt::format(
        "{}: none found within the fetched history (this is a shallow clone: fetch full "
        "history, e.g. 'git fetch --unshallow' or 'fetch-depth: 0' in actions/checkout)",
        what));
  }
  if (!base) throw Error(fmt::format("{}: none found", what));
  return {snapshot(oid_hex(&*base)), std::move(to)};
}

std::string Repository::location() const {
  const char* workdir = git_repository_workdir(repo_);
  std::string loc = workdir != nullptr ? workdir : git_repository_path(repo_);
  if (loc.size() > 1 && loc.back() == '/') loc.pop_back();
  return loc;
}

bool Repository::is_shallow() const { return git_repository_is_shallow(repo_) == 1; }

}  // namespace sigwarden::git
