// Shallow clones (`git clone --depth N`, actions/checkout's default): the merge base of a pull
// request and the commits it adds must be what git itself says in that clone, where the commits
// at the cut have no parents. libgit2 1.5 ignores .git/shallow, so sigwarden walks those itself
// (git/shallow_history.h). Checked against git on a history with branches and merges, at every
// depth.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "git/commits.h"
#include "git/diff.h"
#include "git/repository.h"
#include "support/repo_builder.h"
#include "support/shell.h"

namespace sigwarden {
namespace {

using testing::TempDir;

const git::Library kLibgit2;

std::set<std::string> lines(const std::string& s) {
  std::set<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty()) out.insert(l);
  }
  return out;
}

// main and two feature branches that fork, merge main back in (twice, once criss-cross) and go on.
void make_origin(const std::string& dir) {
  std::string script = R"(
set -e
cd ")" + dir + R"("
git init -q -b main .
t=1700000000
c() { t=$((t + 60)); echo "$1" >> "f-$2"; git add -A;
      GIT_AUTHOR_DATE="@$t +0000" GIT_COMMITTER_DATE="@$t +0000" git -c user.name=a \
        -c user.email=a@example.org commit -qm "$1"; }
m() { t=$((t + 60)); GIT_AUTHOR_DATE="@$t +0000" GIT_COMMITTER_DATE="@$t +0000" git -c user.name=a \
        -c user.email=a@example.org merge -q --no-edit --no-ff "$1" >/dev/null; }
for i in 1 2 3 4 5; do c "main $i" main; done
git checkout -q -b feature
for i in 1 2 3; do c "feature $i" feature; done
git checkout -q main
for i in 6 7 8; do c "main $i" main; done
git checkout -q feature
m main
for i in 4 5; do c "feature $i" feature; done
git checkout -q -b other main~2
c "other 1" other
git checkout -q main
c "main 9" main
m other
git checkout -q other
m feature
c "other 2" other
git checkout -q feature
for i in 6 7; do c "feature $i" feature; done
git checkout -q main
c "main 10" main
)";
  int status = 0;
  std::string file = dir + "/../make-origin.sh";
  {
    FILE* f = std::fopen(file.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fwrite(script.data(), 1, script.size(), f);
    std::fclose(f);
  }
  std::string out = testing::run_command("bash '" + file + "' 2>&1", &status);
  ASSERT_EQ(status, 0) << out;
}

TEST(Shallow, MergeBaseAndCommitsMatchGitAtEveryDepth) {
  TempDir dir;
  std::string origin = (dir.path() / "origin").string();
  std::filesystem::create_directories(origin);
  make_origin(origin);
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"origin/main", "origin/feature"},
      {"origin/feature", "origin/main"},
      {"origin/main", "origin/other"},
      {"origin/other", "origin/feature"},
      {"origin/main", "origin/main"}};
  int found = 0;
  int refused = 0;
  for (int depth : {1, 2, 3, 4, 6, 8, 12, 50}) {
    std::string clone = (dir.path() / ("d" + std::to_string(depth))).string();
    int status = 0;
    std::string out =
        testing::run_command("git clone -q --no-single-branch --depth " + std::to_string(depth) +
                                 " 'file://" + origin + "' '" + clone + "' 2>&1",
                             &status);
    ASSERT_EQ(status, 0) << out;
    git::Repository repo = git::Repository::discover(clone);
    for (const auto& [a, b] : pairs) {
      std::string label = a + "..." + b + " at depth " + std::to_string(depth);
      std::string expected = testing::run_command(
          "git -C '" + clone + "' merge-base " + a + " " + b + " 2>/dev/null", &status);
      if (status != 0) {
        EXPECT_THROW(repo.range(a + "..." + b), Error) << label;
        try {
          repo.range(a + "..." + b);
        } catch (const Error& e) {
          EXPECT_NE(std::string(e.what()).find("fetch-depth: 0"), std::string::npos) << e.what();
        }
        ++refused;
        continue;
      }
      ++found;
      auto [base, head] = repo.range(a + "..." + b);
      EXPECT_EQ(base.commit_id(), expected) << label;
      std::set<std::string> commits;
      for (const git::CommitInfo& c : git::commits_between(base, head)) commits.insert(c.id);
      EXPECT_EQ(commits, lines(testing::run_command("git -C '" + clone + "' rev-list " + b + " ^" +
                                                    expected)))
          << label;
    }
  }
  // Both outcomes were exercised.
  EXPECT_GT(found, 10);
  EXPECT_GT(refused, 3);
}

}  // namespace
}  // namespace sigwarden

namespace sigwarden {
namespace {

// Random histories with merges, equal and skewed commit times and a cut anywhere (what a review
// found to trip a date-ordered walk): the merge base must be one git names with --all, and A..B
// exactly git rev-list's.
TEST(Shallow, RandomHistoriesWithEqualAndSkewedTimes) {
  TempDir dir;
  std::string script = (dir.path() / "make.sh").string();
  {
    FILE* f = std::fopen(script.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::string text = R"SH(set -e
RANDOM=$1; d=$2; git init -q "$d"; cd "$d"
export GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@x
t=$(git mktree </dev/null); ids=()
for i in 0 1 2 3 4 5 6 7 8 9; do
  ts=$((1700000000 + i / 3 + (RANDOM % 3 == 0 ? RANDOM % 11 - 5 : 0)))
  export GIT_AUTHOR_DATE="$ts +0000" GIT_COMMITTER_DATE="$ts +0000"
  args=()
  if [ $i -gt 0 ]; then args+=(-p "${ids[$((RANDOM % i))]}"); fi
  if [ $i -gt 1 ] && [ $((RANDOM % 3)) = 0 ]; then
    p=${ids[$((RANDOM % i))]}; case " ${args[*]} " in *" $p "*) ;; *) args+=(-p "$p");; esac
  fi
  ids+=("$(echo "c$i" | git commit-tree "$t" "${args[@]}")")
done
git update-ref refs/heads/a "${ids[$((4 + RANDOM % 6))]}"
git update-ref refs/heads/b "${ids[$((4 + RANDOM % 6))]}"
: > .git/shallow
for k in 1 2;
    do [$((RANDOM % 2)) = 0] && echo "${ids[$((RANDOM % 6))]}" >>.git / shallow; done
[ -s .git/shallow ] || rm .git/shallow
)SH";
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  int compared = 0;
  for (int seed = 1; seed <= 60; ++seed) {
    std::string repo_dir = (dir.path() / ("r" + std::to_string(seed))).string();
    int status = 0;
    std::string out = testing::run_command(
        "bash '" + script + "' " + std::to_string(seed) + " '" + repo_dir + "' 2>&1", &status);
    ASSERT_EQ(status, 0) << out;
    std::set<std::string> bases =
        lines(testing::run_command("git -C '" + repo_dir + "' merge-base --all a b 2>/dev/null"));
    git::Repository repo = git::Repository::discover(repo_dir);
    if (bases.empty()) {
      EXPECT_THROW(repo.range("a...b"), Error) << "seed " << seed;
      continue;
    }
    auto [base, head] = repo.range("a...b");
    EXPECT_EQ(bases.count(base.commit_id()), 1u) << "seed " << seed << ": " << base.commit_id();
    std::set<std::string> commits;
    for (const git::CommitInfo& c : git::commits_between(base, head)) commits.insert(c.id);
    EXPECT_EQ(commits, lines(testing::run_command("git -C '" + repo_dir + "' rev-list b ^" +
                                                  base.commit_id())))
        << "seed " << seed;
    ++compared;
  }
  EXPECT_GT(compared, 30);
  // The case the review found: every commit in the same second, main merged into the pull request
  // and the cut just below both (M0). Whether a date-ordered walk went wrong depended on how the
  // commit ids compared, so it is tried with several.
  for (int seed = 1; seed <= 20; ++seed) {
    std::string repo_dir = (dir.path() / ("m" + std::to_string(seed))).string();
    int status = 0;
    std::string out = testing::run_command(
        "set -e; git init -q '" + repo_dir + "'; cd '" + repo_dir +
            "'; export GIT_AUTHOR_DATE='1700000000 +0000' GIT_COMMITTER_DATE='1700000000 +0000' "
            "GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@x GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@x; "
            "t=$(git mktree </dev/null); c() { m=$1; shift; echo \"$m " +
            std::to_string(seed) +
            "\" | git commit-tree $t \"$@\"; }; R=$(c R); M0=$(c M0 -p $R); P1=$(c P1 -p $M0); "
            "M=$(c M -p $M0); P2=$(c P2 -p $P1 -p $M); H=$(c H -p $P2); "
            "git update-ref refs/heads/main $M; git update-ref refs/heads/pr $H; "
            "echo $M0 > .git/shallow 2>&1",
        &status);
    ASSERT_EQ(status, 0) << out;
    git::Repository repo = git::Repository::discover(repo_dir);
    auto [base, head] = repo.range("main...pr");
    std::set<std::string> commits;
    for (const git::CommitInfo& c : git::commits_between(base, head)) commits.insert(c.id);
    EXPECT_EQ(commits, lines(testing::run_command("git -C '" + repo_dir + "' rev-list main..pr")))
        << "seed " << seed;
  }
}

}  // namespace
}  // namespace sigwarden
