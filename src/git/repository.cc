#include "git/repository.h"

#include <fmt/format.h>

#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "git/handle.h"
#include "git/shallow_history.h"

namespace sigwarden::git {

std::string last_error_message() {
  const git_error* e = git_error_last();
  if (e == nullptr || e->message == nullptr) return "unknown libgit2 error";
  return e->message;
}

void check(int rc, const std::string& what) {
  if (rc < 0) throw Error(fmt::format("{}: {}", what, last_error_message()));
}

Library::Library() {
  git_libgit2_init();
  // Reads only: re-hashing every object read costs time and buys nothing for a linter, and the
  // owner check (safe.directory) would refuse CI checkouts made by another user.
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
}

Library::~Library() { git_libgit2_shutdown(); }

struct Snapshot::Trees {
  TreePtr root;
  std::unordered_map<std::string, TreePtr> by_path;  // cache of subtrees, keyed by path
};

Snapshot::Snapshot(git_repository* repo, git_tree* root, std::string revision,
                   std::string commit_id)
    : repo_(repo),
      revision_(std::move(revision)),
      commit_id_(std::move(commit_id)),
      trees_(std::make_unique<Trees>()) {
  trees_->root.reset(root);
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

git_tree* Snapshot::tree_at(std::string_view dir) const {
  if (dir.empty()) return trees_->root.get();
  std::string key(dir);
  auto it = trees_->by_path.find(key);
  if (it != trees_->by_path.end()) return it->second.get();
  // Descend from the nearest parent so that listing many siblings stays cheap.
  git_tree* parent = nullptr;
  std::string_view name = dir;
  if (auto slash = dir.rfind('/'); slash != std::string_view::npos) {
    parent = tree_at(dir.substr(0, slash));
    name = dir.substr(slash + 1);
  } else {
    parent = trees_->root.get();
  }
  git_tree* result = nullptr;
  if (parent != nullptr) {
    const git_tree_entry* entry = git_tree_entry_byname(parent, std::string(name).c_str());
    if (entry != nullptr && git_tree_entry_type(entry) == GIT_OBJECT_TREE) {
      git_tree* tree = nullptr;
      check(git_tree_lookup(&tree, repo_, git_tree_entry_id(entry)),
            fmt::format("read tree '{}' at {}", dir, revision_));
      result = tree;
    }
  }
  trees_->by_path.emplace(std::move(key), TreePtr(result));
  return result;
}

const git_tree_entry* Snapshot::entry_at(std::string_view path) const {
  auto slash = path.rfind('/');
  git_tree* parent =
      slash == std::string_view::npos ? trees_->root.get() : tree_at(path.substr(0, slash));
  if (parent == nullptr) return nullptr;
  std::string name(slash == std::string_view::npos ? path : path.substr(slash + 1));
  return git_tree_entry_byname(parent, name.c_str());
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
  check(git_repository_odb(&odb_raw, repo_), "open object database");
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

git_tree* Snapshot::raw_root() const { return trees_->root.get(); }

namespace {

void walk_files(git_repository* repo, const git_tree* tree, std::string& prefix,
                const std::function<void(const std::string&, EntryKind)>& visit,
                const std::string& revision) {
  std::size_t n = git_tree_entrycount(tree);
  for (std::size_t i = 0; i < n; ++i) {
    const git_tree_entry* e = git_tree_entry_byindex(tree, i);
    std::size_t len = prefix.size();
    prefix += git_tree_entry_name(e);
    EntryKind k = kind_of(e);
    if (k == EntryKind::kDirectory) {
      git_tree* sub = nullptr;
      check(git_tree_lookup(&sub, repo, git_tree_entry_id(e)),
            fmt::format("read tree '{}' at {}", prefix, revision));
      TreePtr owned(sub);
      prefix += '/';
      walk_files(repo, owned.get(), prefix, visit, revision);
    } else {
      visit(prefix, k);
    }
    prefix.resize(len);
  }
}

}  // namespace

void Snapshot::for_each_file(
    const std::function<void(const std::string&, EntryKind)>& visit) const {
  std::string prefix;
  walk_files(repo_, trees_->root.get(), prefix, visit, revision_);
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

Snapshot Repository::snapshot(const std::string& rev) const {
  std::string what = fmt::format("resolve revision '{}' in {}", rev, location());
  git_object* raw = nullptr;
  int rc = git_revparse_single(&raw, repo_, rev.c_str());
  if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC) {
    throw Error(fmt::format("{}: {}", what,
                            rc == GIT_EAMBIGUOUS ? "ambiguous revision"
                            : git_repository_head_unborn(repo_) == 1 && rev == "HEAD"
                                ? "the repository has no commits yet"
                                : "no such revision"));
  }
  check(rc, what);
  ObjectPtr object(raw);
  std::string commit_id;
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) == 0) {
    ObjectPtr commit(peeled);
    commit_id = oid_hex(git_object_id(commit.get()));
  }
  git_object* tree = nullptr;
  check(git_object_peel(&tree, object.get(), GIT_OBJECT_TREE),
        fmt::format("{}: not a commit or tree", what));
  return Snapshot(repo_, reinterpret_cast<git_tree*>(tree), rev, commit_id);
}

namespace {

// git's merge base in a shallow clone, where libgit2 1.5's own walk steps past the cut: the best
// common ancestors (those that are no other common ancestor's ancestor), of which git prints the
// newest. The cut commits count as roots, as git counts them.
std::optional<git_oid> shallow_merge_base(git_repository* repo, const git_oid& a,
                                          const git_oid& b) {
  ShallowHistory history(repo);
  auto from_a = history.ancestors(a);
  auto from_b = history.ancestors(b);
  std::unordered_set<std::string> common;
  for (const std::string& c : from_a) {
    if (from_b.count(c) > 0) common.insert(c);
  }
  // Every ancestor of a common ancestor is common too, so a redundant one is a parent of another.
  std::unordered_set<std::string> redundant;
  for (const std::string& c : common) {
    for (const std::string& p : history.parents(c)) redundant.insert(p);
  }
  std::optional<std::string> best;
  for (const std::string& c : common) {
    if (redundant.count(c) > 0) continue;
    if (!best || std::make_pair(history.time(c), c) > std::make_pair(history.time(*best), *best)) {
      best = c;
    }
  }
  if (!best) return std::nullopt;
  return history.oid(*best);
}

}  // namespace

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
  git_oid base;
  git_oid oa;
  git_oid ob;
  check(git_oid_fromstr(&oa, from_tip.commit_id().c_str()), "parse commit id");
  check(git_oid_fromstr(&ob, to.commit_id().c_str()), "parse commit id");
  if (is_shallow()) {
    auto found = shallow_merge_base(repo_, oa, ob);
    if (!found) {
      throw Error(fmt::format(
          "find the merge base of '{}' and '{}' in {}: none found within the fetched history "
          "(this is a shallow clone: fetch full history, e.g. 'git fetch --unshallow' or "
          "'fetch-depth: 0' in actions/checkout)",
          a, b, location()));
    }
    return {snapshot(oid_hex(&*found)), std::move(to)};
  }
  int rc = git_merge_base(&base, repo_, &oa, &ob);
  if (rc == GIT_ENOTFOUND) {
    throw Error(
        fmt::format("find the merge base of '{}' and '{}' in {}: none found", a, b, location()));
  }
  check(rc, fmt::format("find the merge base of '{}' and '{}' in {}", a, b, location()));
  return {snapshot(oid_hex(&base)), std::move(to)};
}

std::string Repository::location() const {
  const char* workdir = git_repository_workdir(repo_);
  std::string loc = workdir != nullptr ? workdir : git_repository_path(repo_);
  if (loc.size() > 1 && loc.back() == '/') loc.pop_back();
  return loc;
}

bool Repository::is_shallow() const { return git_repository_is_shallow(repo_) == 1; }

}  // namespace sigwarden::git
