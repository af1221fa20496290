#include "git/diff.h"

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

}  // namespace
}  // namespace sigwarden
