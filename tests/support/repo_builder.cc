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
  std::string head;

  ~Impl() { git_repository_free(repo); }

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
  git_oid tree_id = impl_->write_tree("");
  git_tree* tree = nullptr;
  ok(git_tree_lookup(&tree, impl_->repo, &tree_id), "lookup tree");
  git_signature* sig = nullptr;
  ok(git_signature_new(&sig, author.c_str(), email.c_str(), time, 0), "signature");
  git_commit* parent = nullptr;
  if (!impl_->head.empty()) {
    git_oid pid;
    ok(git_oid_fromstr(&pid, impl_->head.c_str()), "parent id");
    ok(git_commit_lookup(&parent, impl_->repo, &pid), "lookup parent");
  }
  const git_commit* parents[] = {parent};
  git_oid id;
  int rc = git_commit_create(&id, impl_->repo, "refs/heads/main", sig, sig, nullptr,
                             message.c_str(), tree, parent ? 1 : 0, parents);
  git_commit_free(parent);
  git_signature_free(sig);
  git_tree_free(tree);
  ok(rc, "commit");
  char hex[GIT_OID_HEXSZ + 1];
  git_oid_tostr(hex, sizeof hex, &id);
  impl_->head = hex;
  return impl_->head;
}

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
