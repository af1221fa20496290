// Builds real git repositories for tests and benchmarks: plain file maps or fixture trees become
// commits written with libgit2 into a temporary directory (never checked-in .git folders).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace sigwarden::testing {

// A directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

enum class FileMode { kFile, kExecutable, kSymlink, kSubmodule };

class RepoBuilder {
 public:
  // Initialises a repository at dir (created if needed); bare or with a (empty) work tree.
  explicit RepoBuilder(const std::filesystem::path& dir, bool bare = false);
  ~RepoBuilder();
  RepoBuilder(const RepoBuilder&) = delete;
  RepoBuilder& operator=(const RepoBuilder&) = delete;

  // Stages content at path for the next commit. For kSubmodule, content is a 40-hex commit id.
  void put(const std::string& path, const std::string& content, FileMode mode = FileMode::kFile);
  void remove(const std::string& path);
  // Stages every file under dir (recursively), with paths relative to dir.
  void put_tree(const std::filesystem::path& dir);
  // Commits the staged tree on refs/heads/main; returns the commit id (hex).
  std::string commit(const std::string& message, std::int64_t time = 1700000000,
                     const std::string& author = "Test Author",
                     const std::string& email = "author@example.org");
  // Points refs/heads/<name> (or refs/tags/<name> when tag) at the current head.
  void ref(const std::string& name, bool tag = false);

 private:
  struct Impl;
  Impl* impl_;
};

// Builds a repository in dir from the fixture tree fixtures/<name> of the source tree, one commit.
std::string build_fixture_repo(const std::string& name, const std::filesystem::path& dir);

// The source tree's fixtures/ directory.
std::filesystem::path fixtures_dir();

}  // namespace sigwarden::testing
