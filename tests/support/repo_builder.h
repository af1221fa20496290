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

// An author or committer: name, e-mail, time (Unix seconds) and the UTC offset git records with
// it (minutes east of UTC; it changes only how git prints the time).
struct Signature {
  std::string name = "Test Author";
  std::string email = "author@example.org";
  std::int64_t time = 1700000000;
  int offset_minutes = 0;
};

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
  // Commits the staged tree on the current branch (refs/heads/main unless checkout() chose
  // another); returns the commit id (hex). Author and committer are the same.
  std::string commit(const std::string& message, std::int64_t time = 1700000000,
                     const std::string& author = "Test Author",
                     const std::string& email = "author@example.org");
  // The same with separate author and committer (e.g. a rebased commit: committed later than
  // authored, which is what `git log --since` looks at).
  std::string commit(const std::string& message, const Signature& author,
                     const Signature& committer);
  // Makes refs/heads/<branch> the branch that commit() and merge() extend, creating it at start
  // (a commit id; default: the current head) when it does not exist. The staged files become
  // that branch's tree. HEAD of the repository keeps pointing at main.
  void checkout(const std::string& branch, const std::string& start = "");
  // Commits the staged tree with two parents, the current branch's head and the tip of
  // refs/heads/<branch>; returns the commit id. Nothing is merged: stage the merged files first.
  std::string merge(const std::string& branch, const std::string& message, const Signature& author,
                    const Signature& committer);
  // The current branch's head commit id ("" before its first commit).
  const std::string& head() const;
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

// The governance fixtures every registry command is tested on (each has a *.expected.md).
inline constexpr const char* kRegistryFixtures[] = {"demo", "markdown-legacy", "openeuler",
                                                    "kubernetes"};

// A GoogleTest name for a fixture parameter ("markdown-legacy" -> "markdown_legacy").
struct FixtureTestName {
  template <class ParamInfo>
  std::string operator()(const ParamInfo& info) const {
    std::string n = info.param;
    for (char& c : n) c = c == '-' ? '_' : c;
    return n;
  }
};

}  // namespace sigwarden::testing
