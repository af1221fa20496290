#include "git/diff.h"

#include <algorithm>

#include "git/history.h"

#include "core/error.h"

#include <gtest/gtest.h>

#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::RepoBuilder;
using testing::TempDir;

std::vector<std::string> describe(const std::vector<git::Change>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) {
    std::string s(1, git::change_letter(c.kind));
    s += " " + (c.old_path.empty() ? "-" : c.old_path) + " " +
         (c.new_path.empty() ? "-" : c.new_path);
    out.push_back(s);
  }
  return out;
}

TEST(ChangedPaths, AddsDeletesModifiesRenamesAndTypeChanges) {
  git::Library lib;
  TempDir dir;
  RepoBuilder b(dir.path());
  b.put("keep/a.txt", "same\n");
  b.put("keep/deep/b.txt", "same\n");
  b.put("mod.txt", "v1\n");
  b.put("gone/x.txt", "x\n");
  b.put("old name.txt", "moved content\n");
  b.put("link", "target\n");
  b.put("dir_or_file/inner.txt", "i\n");
  b.commit("base");
  b.ref("base");
  b.put("mod.txt", "v2\n");
  b.remove("gone/x.txt");
  b.remove("old name.txt");
  b.put("new/place.txt", "moved content\n");
  b.put("link", "target", testing::FileMode::kSymlink);
  b.remove("dir_or_file/inner.txt");
  b.put("dir_or_file", "now a file\n");
  b.put("added.txt", "new\n");
  b.commit("head");
  auto repo = git::Repository::discover(dir.path().string());
  auto [from, to] = repo.range("base..main");
  EXPECT_EQ(describe(git::changed_paths(from, to)),
            (std::vector<std::string>{"A - added.txt", "A - dir_or_file",
                                      "D dir_or_file/inner.txt -", "D gone/x.txt -", "T link link",
                                      "M mod.txt mod.txt", "R old name.txt new/place.txt"}));
}

TEST(ChangedPaths, MergeBaseRangeAndErrors) {
  git::Library lib;
  TempDir dir;
  RepoBuilder b(dir.path());
  b.put("a.txt", "1\n");
  b.commit("c1");
  b.ref("topic");
  b.put("a.txt", "2\n");
  b.commit("c2 on main");
  auto repo = git::Repository::discover(dir.path().string());
  // topic...main: from the merge base (c1) to main: a.txt changed.
  auto [from, to] = repo.range("topic...main");
  EXPECT_EQ(describe(git::changed_paths(from, to)), (std::vector<std::string>{"M a.txt a.txt"}));
  // main...topic: from the merge base (c1) to topic: nothing.
  auto [f2, t2] = repo.range("main...topic");
  EXPECT_TRUE(git::changed_paths(f2, t2).empty());
  EXPECT_THROW(repo.range("main"), Error);
  EXPECT_THROW(repo.range("nope..main"), Error);
}

// The history walk's diff (raw trees, no rename pairing): what `git log --name-only
// --no-renames` lists for the same commits, including file/directory swaps, symlinks, gitlinks
// and a root commit.
TEST(HistoryWalk, ChangedFilesLikeGitLogNameOnly) {
  git::Library lib;
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    b.put("keep/a.txt", "same\n");
    b.put("swap", "a file first\n");
    b.put("link", "target", testing::FileMode::kSymlink);
    b.put("sub", "0123456789012345678901234567890123456789", testing::FileMode::kSubmodule);
    b.put("deep/x/y/z.txt", "z\n");
    b.commit("root", 1700000000);
    b.remove("swap");
    b.put("swap/inside.txt", "now a directory\n");
    b.put("link", "elsewhere", testing::FileMode::kSymlink);
    b.put("sub", "1123456789012345678901234567890123456789", testing::FileMode::kSubmodule);
    b.put("deep/x/y/z.txt", "z2\n");
    b.put("new name.txt", "same\n");
    b.commit("second", 1700000100);
  }
  git::Repository repo = git::Repository::discover(dir.path().string());
  git::Snapshot head = repo.snapshot("HEAD");
  std::vector<std::vector<std::string>> seen;
  git::HistoryEnd end = git::walk_history(head, 0, [&](const git::HistoryCommit& c) {
    std::vector<std::string> paths = c.paths;
    std::sort(paths.begin(), paths.end());
    seen.push_back(paths);
  });
  EXPECT_EQ(end.commits, 2);
  EXPECT_TRUE(end.reached_root);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], (std::vector<std::string>{"deep/x/y/z.txt", "link", "new name.txt", "sub",
                                               "swap", "swap/inside.txt"}));
  EXPECT_EQ(seen[1],
            (std::vector<std::string>{"deep/x/y/z.txt", "keep/a.txt", "link", "sub", "swap"}));
  // A walk that stops before the root says so.
  end = git::walk_history(head, 1700000050, [](const git::HistoryCommit&) {});
  EXPECT_EQ(end.commits, 1);
  EXPECT_FALSE(end.reached_root);
}

}  // namespace
}  // namespace sigwarden
