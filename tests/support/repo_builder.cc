#include "support/repo_builder.h"

#include <git2.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace sigwarden::testing {

namespace fs = std::filesystem;

namespace {

void ok(int rc, const std::string& what) {
  if (rc < 0) {
    const git_error* e = git_error_last();
    throw std::runtime_error(what + ": " + (e && e->message ? e->message : "libgit2 error"));
  }
}

struct Entry {
  std::string content;
  FileMode mode;
};

}  // namespace

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "sigwarden-test-XXXXXX").string();
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

struct RepoBuilder::Impl {
  git_repository* repo = nullptr;
  std::map<std::string, Entry> files;
  std::string branch = "main";
  std::string head;

  ~Impl() { git_repository_free(repo); }

  // The commit a branch ref points at, "" when the ref does not exist.
  std::string tip(const std::string& ref) {
    git_oid id;
    int rc = git_reference_name_to_id(&id, repo, ref.c_str());
    if (rc == GIT_ENOTFOUND) return "";
    ok(rc, "resolve " + ref);
    return hex(id);
  }

  static std::string hex(const git_oid& id) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &id);
    return buf;
  }

  // Replaces the staged files with the tree of a commit.
  void load(const std::string& commit_id) {
    git_oid id;
    ok(git_oid_fromstr(&id, commit_id.c_str()), "commit id");
    git_commit* c = nullptr;
    ok(git_commit_lookup(&c, repo, &id), "lookup " + commit_id);
    git_tree* tree = nullptr;
    int rc = git_commit_tree(&tree, c);
    git_commit_free(c);
    ok(rc, "tree of " + commit_id);
    files.clear();
    auto visit = [](const char* root, const git_tree_entry* e, void* payload) -> int {
      auto* self = static_cast<Impl*>(payload);
      std::string path = std::string(root) + git_tree_entry_name(e);
      git_filemode_t mode = git_tree_entry_filemode(e);
      if (mode == GIT_FILEMODE_TREE) return 0;
      if (mode == GIT_FILEMODE_COMMIT) {
        self->files[path] = {hex(*git_tree_entry_id(e)), FileMode::kSubmodule};
        return 0;
      }
      git_blob* blob = nullptr;
      // No exception may cross libgit2's C frames: an error stops the walk and is reported below.
      if (int err = git_blob_lookup(&blob, self->repo, git_tree_entry_id(e)); err < 0) return err;
      std::string content(static_cast<const char*>(git_blob_rawcontent(blob)),
                          static_cast<std::size_t>(git_blob_rawsize(blob)));
      git_blob_free(blob);
      FileMode m = mode == GIT_FILEMODE_BLOB_EXECUTABLE ? FileMode::kExecutable
                   : mode == GIT_FILEMODE_LINK          ? FileMode::kSymlink
                                                        : FileMode::kFile;
      self->files[path] = {std::move(content), m};
      return 0;
    };
    rc = git_tree_walk(tree, GIT_TREEWALK_PRE, visit, this);
    git_tree_free(tree);
    ok(rc, "walk tree of " + commit_id);
  }

  // Writes the staged tree as a commit with these parents on the current branch.
  std::string create(const std::string& message, const Signature& author,
                     const Signature& committer, const std::vector<std::string>& parent_ids) {
    git_oid tree_id = write_tree("");
    git_tree* tree = nullptr;
    ok(git_tree_lookup(&tree, repo, &tree_id), "lookup tree");
    std::unique_ptr<git_tree, void (*)(git_tree*)> tree_guard(tree, git_tree_free);
    git_signature* a = nullptr;
    ok(git_signature_new(&a, author.name.c_str(), author.email.c_str(), author.time,
                         author.offset_minutes),
       "author signature");
    std::unique_ptr<git_signature, void (*)(git_signature*)> a_guard(a, git_signature_free);
    git_signature* c = nullptr;
    ok(git_signature_new(&c, committer.name.c_str(), committer.email.c_str(), committer.time,
                         committer.offset_minutes),
       "committer signature");
    std::unique_ptr<git_signature, void (*)(git_signature*)> c_guard(c, git_signature_free);
    std::vector<std::unique_ptr<git_commit, void (*)(git_commit*)>> owned;
    std::vector<const git_commit*> parents;
    for (const std::string& p : parent_ids) {
      git_oid pid;
      ok(git_oid_fromstr(&pid, p.c_str()), "parent id");
      git_commit* parent = nullptr;
      ok(git_commit_lookup(&parent, repo, &pid), "lookup parent");
      owned.emplace_back(parent, git_commit_free);
      parents.push_back(parent);
    }
    std::string ref = "refs/heads/" + branch;
    git_oid id;
    ok(git_commit_create(&id, repo, ref.c_str(), a, c, nullptr, message.c_str(), tree,
                         parents.size(), parents.data()),
       "commit");
    head = hex(id);
    return head;
  }

  git_oid write_tree(const std::string& prefix) {
    git_treebuilder* tb = nullptr;
    ok(git_treebuilder_new(&tb, repo, nullptr), "treebuilder");
    std::unique_ptr<git_treebuilder, void (*)(git_treebuilder*)> guard(tb, git_treebuilder_free);
    std::map<std::string, bool> subdirs;
    for (auto it = files.lower_bound(prefix); it != files.end(); ++it) {
      const std::string& path = it->first;
      if (path.compare(0, prefix.size(), prefix) != 0) break;
      std::string rest = path.substr(prefix.size());
      auto slash = rest.find('/');
      if (slash != std::string::npos) {
        subdirs[rest.substr(0, slash)] = true;
        continue;
      }
      git_oid oid;
      git_filemode_t mode = GIT_FILEMODE_BLOB;
      if (it->second.mode == FileMode::kSubmodule) {
        ok(git_oid_fromstr(&oid, it->second.content.c_str()), "submodule id");
        mode = GIT_FILEMODE_COMMIT;
      } else {
        ok(git_blob_create_from_buffer(&oid, repo, it->second.content.data(),
                                       it->second.content.size()),
           "write blob " + path);
        if (it->second.mode == FileMode::kExecutable) mode = GIT_FILEMODE_BLOB_EXECUTABLE;
        if (it->second.mode == FileMode::kSymlink) mode = GIT_FILEMODE_LINK;
      }
      ok(git_treebuilder_insert(nullptr, tb, rest.c_str(), &oid, mode), "insert " + path);
    }
    for (const auto& [name, unused] : subdirs) {
      git_oid sub = write_tree(prefix + name + "/");
      ok(git_treebuilder_insert(nullptr, tb, name.c_str(), &sub, GIT_FILEMODE_TREE),
         "insert dir " + name);
    }
    git_oid out;
    ok(git_treebuilder_write(&out, tb), "write tree");
    return out;
  }
};

RepoBuilder::RepoBuilder(const fs::path& dir, bool bare) : impl_(new Impl) {
  git_libgit2_init();
  fs::create_directories(dir);
  git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
  opts.flags = GIT_REPOSITORY_INIT_MKPATH | (bare ? GIT_REPOSITORY_INIT_BARE : 0);
  opts.initial_head = "main";
  ok(git_repository_init_ext(&impl_->repo, dir.c_str(), &opts), "init " + dir.string());
}

RepoBuilder::~RepoBuilder() {
  delete impl_;
  git_libgit2_shutdown();
}

void RepoBuilder::put(const std::string& path, const std::string& content, FileMode mode) {
  impl_->files[path] = {content, mode};
}

void RepoBuilder::remove(const std::string& path) { impl_->files.erase(path); }

void RepoBuilder::put_tree(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    put(fs::relative(e.path(), dir).generic_string(), ss.str());
  }
}

std::string RepoBuilder::commit(const std::string& message, std::int64_t time,
                                const std::string& author, const std::string& email) {
  Signature sig{author, email, time, 0};
  return commit(message, sig, sig);
}

std::string RepoBuilder::commit(const std::string& message, const Signature& author,
                                const Signature& committer) {
  std::vector<std::string> parents;
  if (!impl_->head.empty()) parents.push_back(impl_->head);
  return impl_->create(message, author, committer, parents);
}

void RepoBuilder::checkout(const std::string& branch, const std::string& start) {
  std::string full = "refs/heads/" + branch;
  std::string tip = impl_->tip(full);
  if (tip.empty()) {
    tip = start.empty() ? impl_->head : start;
    if (!tip.empty()) {
      git_oid id;
      ok(git_oid_fromstr(&id, tip.c_str()), "start id");
      git_reference* r = nullptr;
      ok(git_reference_create(&r, impl_->repo, full.c_str(), &id, 0, "branch"), "create " + full);
      git_reference_free(r);
    }
  }
  impl_->branch = branch;
  impl_->head = tip;
  if (!tip.empty()) impl_->load(tip);
}

std::string RepoBuilder::merge(const std::string& branch, const std::string& message,
                               const Signature& author, const Signature& committer) {
  std::string other = impl_->tip("refs/heads/" + branch);
  if (impl_->head.empty() || other.empty()) {
    throw std::runtime_error("merge " + branch + ": both branches need a commit");
  }
  return impl_->create(message, author, committer, {impl_->head, other});
}

const std::string& RepoBuilder::head() const { return impl_->head; }

void RepoBuilder::ref(const std::string& name, bool tag) {
  git_oid id;
  ok(git_oid_fromstr(&id, impl_->head.c_str()), "head id");
  git_reference* r = nullptr;
  std::string full = (tag ? "refs/tags/" : "refs/heads/") + name;
  ok(git_reference_create(&r, impl_->repo, full.c_str(), &id, 1, "test"), "ref " + full);
  git_reference_free(r);
}

fs::path fixtures_dir() {
#ifdef SIGWARDEN_SOURCE_DIR
  return fs::path(SIGWARDEN_SOURCE_DIR) / "fixtures";
#else
  return fs::current_path() / "fixtures";
#endif
}

std::string build_fixture_repo(const std::string& name, const fs::path& dir) {
  RepoBuilder b(dir);
  b.put_tree(fixtures_dir() / name);
  return b.commit("fixture " + name);
}

}  // namespace sigwarden::testing
