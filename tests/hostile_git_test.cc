// Hostile object stores: commits, packs and object sizes a pull request (or a corrupted clone) can
// bring. Each case must end with git's reading (checked against git itself where git reads it) or
// with exit 2 and one line naming the object; never a hang, a crash or an unbounded allocation.
#include <git2.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "git/commit_graph.h"
#include "git/commit_reader.h"
#include "git/pack_reader.h"
#include "git/raw_commit.h"
#include "git/repository.h"
#include "support/cli.h"
#include "support/raw_objects.h"
#include "support/repo_builder.h"
#include "support/shell.h"

namespace sigwarden {
namespace {

using testing::object_id;
using testing::PackItem;
using testing::RepoBuilder;
using testing::run_cli;
using testing::run_command;
using testing::TempDir;

const git::Library kLibgit2;
constexpr std::int64_t kStart = 1700000000;  // 2023-11-14
const char* kAsOf = "2023-12-31";

std::string hex_tree() { return std::string(40, 'a'); }

TEST(RawCommit, ReadsHeadersAsGitDoes) {
  std::string t = "tree " + hex_tree() + "\n";
  std::string p1 = "parent " + std::string(40, '1') + "\n";
  std::string p2 = "parent " + std::string(40, '2') + "\n";
  std::string a = "author Zed <zed@example.org> 1700000100 +0000\n";
  std::string c = "committer Zed <zed@example.org> 1700000200 +0000\n";
  git::RawCommit out;
  // The first committer counts; a second one is an unknown header.
  ASSERT_EQ(git::parse_raw_commit(t + p1 + a + c + "committer Eve <e@x> 100 +0000\n\nmsg\n", out),
            "");
  EXPECT_EQ(out.time, 1700000200);
  EXPECT_EQ(out.committer_name, "Zed");
  EXPECT_EQ(out.message, "msg\n");
  // A parent line after the committer is not a parent.
  ASSERT_EQ(git::parse_raw_commit(t + p1 + a + c + p2 + "\nmsg\n", out), "");
  EXPECT_EQ(out.parents.size(), 1u);
  // Only such a line: a root commit.
  ASSERT_EQ(git::parse_raw_commit(t + a + c + p1 + "\nmsg\n", out), "");
  EXPECT_TRUE(out.parents.empty());
  // Extra author lines are skipped (libgit2 does the same; git fsck warns).
  ASSERT_EQ(git::parse_raw_commit(t + a + "author Bob <b@x> 5 +0000\n" + c + "\n", out), "");
  EXPECT_EQ(out.author_name, "Zed");
  EXPECT_EQ(out.author_time, 1700000100);
  // A signed commit: continuation lines of gpgsig are headers too.
  ASSERT_EQ(
      git::parse_raw_commit(
          t + p1 + p2 + a + c + "gpgsig -----BEGIN-----\n parent x\n -----END-----\n\n\nm", out),
      "");
  EXPECT_EQ(out.parents.size(), 2u);
  EXPECT_EQ(out.message, "m");
  // No blank line: no message.
  ASSERT_EQ(git::parse_raw_commit(t + a + c, out), "");
  EXPECT_EQ(out.message, "");
}

TEST(RawCommit, RefusesWhatGitRefuses) {
  std::string t = "tree " + hex_tree() + "\n";
  std::string a = "author Zed <zed@example.org> 1700000100 +0000\n";
  std::string c = "committer Zed <zed@example.org> 1700000200 +0000\n";
  git::RawCommit out;
  EXPECT_EQ(git::parse_raw_commit("parent " + std::string(40, '1') + "\n" + a + c + t + "\n", out),
            "its first line is not 'tree <id>' (git: bogus commit object)");
  EXPECT_EQ(git::parse_raw_commit("tree abc\n" + a + c, out),
            "its first line is not 'tree <id>' (git: bogus commit object)");
  EXPECT_EQ(git::parse_raw_commit(t + "parent xyz\n" + a + c, out),
            "a parent line is malformed (git: bad parents)");
  EXPECT_EQ(git::parse_raw_commit(t + c + a, out),
            "no author line after the tree and parents (git fsck: missingAuthor)");
  EXPECT_EQ(git::parse_raw_commit(t + a + "\nmsg", out),
            "no committer line after its author (git fsck: missingCommitter)");
  EXPECT_EQ(git::parse_raw_commit(t + "author nobody\n" + c, out),
            "its author line is malformed (git fsck: badEmail)");
  // Only the start of a longer object: the headers must end inside it.
  EXPECT_EQ(git::parse_raw_commit(t + a + c + "encoding x", out, /*complete=*/false),
            "its headers run past the part sigwarden reads");
  EXPECT_EQ(git::parse_raw_commit("", out),
            "its first line is not 'tree <id>' (git: bogus commit object)");
}

// A small Markdown-layout community with 20 daily commits, like the attack reproductions.
struct Community {
  TempDir dir;
  std::filesystem::path git_dir;
  std::vector<std::string> commits;
  std::unique_ptr<RepoBuilder> builder;

  Community() {
    builder = std::make_unique<RepoBuilder>(dir.path());
    RepoBuilder& b = *builder;
    b.put("sigs/README.md",
          "| SIG name | Leads |\n|:--|:--|\n| [compiler](compiler/README.md) | Ann "
          "(ann@example.org) |\n| [data](data/README.md) | Ann (ann@example.org) |\n");
    for (const char* sig : {"compiler", "data"}) {
      b.put(std::string("sigs/") + sig + "/README.md",
            std::string("# ") + sig + "\n\n### Maintainers\n\n- Ann (ann@example.org)\n\n" +
                "### Mailing list\n\n" + sig + "@lists.example.org\n");
    }
    for (int k = 0; k < 20; ++k) {
      b.put(std::string("sigs/") + (k % 2 == 0 ? "compiler" : "data") + "/notes.md",
            "note " + std::to_string(k) + "\n");
      commits.push_back(
          b.commit("change " + std::to_string(k), kStart + k * 86400, "Ann", "ann@example.org"));
    }
    git_dir = dir.path() / ".git";
  }
  std::string repo() const { return dir.path().string(); }
  // Points main at a new commit made of raw header lines (hash-valid: its id is its content's).
  std::string add_raw_commit(const std::string& headers, const std::string& message = "zed\n") {
    std::string data = headers + "\n" + message;
    std::string id = object_id("commit", data);
    testing::write_loose(git_dir, id, "commit", data);
    return id;
  }
  void set_head(const std::string& id) {
    std::filesystem::path ref = git_dir / "refs" / "heads" / "main";
    std::ofstream(ref, std::ios::trunc) << id << "\n";
  }
  std::string tree_of(const std::string& commit) {
    return run_command("git -C '" + repo() + "' rev-parse " + commit + "^{tree}");
  }
  std::string git(const std::string& args, int* status = nullptr) {
    return run_command("git -C '" + repo() + "' " + args + " 2>&1", status);
  }
};

nlohmann::json report_json(const std::string& repo, testing::CliResult* out = nullptr) {
  auto r =
      run_cli({"report", "--repo", repo, "--as-of", kAsOf, "--window", "365d", "--format", "json"});
  if (out != nullptr) *out = r;
  if (r.status != 0) return nullptr;
  return nlohmann::json::parse(r.out);
}

// The crafted commit X (HEAD~1) by Zed, on top of the community, and a normal HEAD after it.
std::string craft(
    Community& c,
    const std::function<std::string(const std::string& tree, const std::string& parent,
                                    const std::string& old)>& fn) {
  std::string tree = c.tree_of(c.commits.back());
  std::string x = c.add_raw_commit(fn(tree, c.commits.back(), c.commits[2]));
  std::string head = c.add_raw_commit(
      "tree " + tree + "\nparent " + x + "\nauthor Ann <ann@example.org> " +
          std::to_string(kStart + 30 * 86400) + " +0000\ncommitter Ann <ann@example.org> " +
          std::to_string(kStart + 30 * 86400) + " +0000\n",
      "head\n");
  c.set_head(head);
  return x;
}

std::string sig(const std::string& who, std::int64_t t) {
  return who + " <" + "zed@example.org> " + std::to_string(t) + " +0000\n";
}

TEST(HostileGit, CommitHeadersAreReadAsGitReadsThem) {
  std::int64_t t = kStart + 25 * 86400;
  struct Case {
    const char* name;
    std::function<std::string(const std::string&, const std::string&, const std::string&)> fn;
  };
  std::vector<Case> cases = {
      {"duplicate committer",
       [&](auto& tree, auto& p, auto&) {
         return "tree " + tree + "\nparent " + p + "\nauthor " + sig("Zed", t) + "committer " +
                sig("Zed", t) + "committer Eve <eve@example.org> 100 +0000\n";
       }},
      {"late parent",
       [&](auto& tree, auto& p, auto& old) {
         return "tree " + tree + "\nparent " + p + "\nauthor " + sig("Zed", t) + "committer " +
                sig("Zed", t) + "parent " + old + "\n";
       }},
      {"only a late parent",
       [&](auto& tree, auto& p, auto&) {
         return "tree " + tree + "\nauthor " + sig("Zed", t) + "committer " + sig("Zed", t) +
                "parent " + p + "\n";
       }},
  };
  for (const Case& k : cases) {
    Community c;
    craft(c, k.fn);
    testing::CliResult r;
    nlohmann::json doc = report_json(c.repo(), &r);
    ASSERT_EQ(r.status, 0) << k.name << ": " << r.err;
    // git's reading of the same history.
    int status = 0;
    std::string count = c.git("rev-list --count HEAD", &status);
    ASSERT_EQ(status, 0) << count;
    EXPECT_EQ(doc["scannedCommits"].get<int>(), std::stoi(count)) << k.name;
    std::string merges = c.git("rev-list --count --merges HEAD");
    EXPECT_EQ(merges, "0") << k.name;
  }
}

TEST(HostileGit, ACommitGitCannotParseStopsTheRunNamingIt) {
  Community c;
  std::int64_t t = kStart + 25 * 86400;
  std::string x = craft(c, [&](auto& tree, auto& p, auto&) {
    return "parent " + p + "\nauthor " + sig("Zed", t) + "committer " + sig("Zed", t) + "tree " +
           tree + "\n";
  });
  int status = 0;
  c.git("log --format=%H", &status);
  EXPECT_NE(status, 0) << "git reads it";
  testing::CliResult r;
  report_json(c.repo(), &r);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("read commit " + x +
                       ": its first line is not 'tree <id>' (git: bogus commit object)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  for (const char* command : {"check", "review"}) {
    auto g = run_cli({command, "--repo", c.repo(), "--base", c.commits.back()});
    EXPECT_EQ(g.status, 2) << command << ": " << g.out;
    EXPECT_NE(g.err.find("read commit " + x + ": its first line"), std::string::npos) << g.err;
  }
}

TEST(HostileGit, ACommitThatIsItsOwnAncestorIsCorruption) {
  Community c;
  // HEAD~3 stored again under its own id with itself as parent (its content no longer hashes
  // to its id: libgit2 does not verify, git fsck would report it).
  std::string victim = c.commits[c.commits.size() - 4];
  auto [type, data] = testing::read_loose(c.git_dir, victim);
  std::size_t parent = data.find("parent ");
  data.replace(parent + 7, 40, victim);
  testing::write_loose(c.git_dir, victim, "commit", data);
  auto r = run_cli({"report", "--repo", c.repo(), "--window", "365d", "--as-of", "2020-01-01"});
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(
      r.err.find("the first parent of commit " + victim + " is a commit already passed on the way"),
      std::string::npos)
      << r.err;
  // The report's own walk visits each commit once.
  nlohmann::json doc = report_json(c.repo());
  ASSERT_FALSE(doc.is_null());
  EXPECT_EQ(doc["scannedCommits"].get<int>(), std::stoi(c.git("rev-list --count HEAD")));
}

// Moves every loose object of the community into one pack written by the test (no deltas),
// with the given extra entries; returns nothing.
void pack_everything(Community& c, std::vector<PackItem> extra = {},
                     const std::vector<std::string>& skip = {}) {
  std::vector<PackItem> items;
  for (const std::string& id : testing::loose_ids(c.git_dir)) {
    if (std::find(skip.begin(), skip.end(), id) != skip.end()) continue;
    auto [type, data] = testing::read_loose(c.git_dir, id);
    int t = type == "commit" ? 1 : type == "tree" ? 2 : 3;
    items.push_back({id, t, data, ""});
  }
  for (PackItem& e : extra) items.push_back(std::move(e));
  testing::write_pack(c.git_dir, items, "test");
  for (const std::string& id : testing::loose_ids(c.git_dir)) {
    std::filesystem::remove(c.git_dir / "objects" / id.substr(0, 2) / id.substr(2));
  }
}

TEST(HostileGit, AFifoInThePackDirectoryIsSkipped) {
  Community c;
  pack_everything(c);
  ASSERT_EQ(::mkfifo((c.git_dir / "objects" / "pack" / "pack-0000.idx").c_str(), 0600), 0);
  nlohmann::json doc = report_json(c.repo());
  ASSERT_FALSE(doc.is_null());
  EXPECT_EQ(doc["scannedCommits"].get<int>(), 20);
}

TEST(HostileGit, ADeltaOnItselfIsACorruptPack) {
  Community c;
  std::string tree = c.tree_of(c.commits[c.commits.size() - 2]);  // HEAD~1's root tree
  auto [type, data] = testing::read_loose(c.git_dir, tree);
  ASSERT_LT(data.size(), 128u);
  // A REF_DELTA whose base is the object itself: copy the whole "base" once.
  std::string delta;
  delta += static_cast<char>(data.size());
  delta += static_cast<char>(data.size());
  delta += static_cast<char>(0x80 | 0x10);
  delta += static_cast<char>(data.size());
  pack_everything(c, {{tree, 7, delta, testing::raw_bytes(tree)}}, {tree});
  testing::CliResult r;
  report_json(c.repo(), &r);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.err.find("object " + tree + " in pack-test.pack at offset "), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(": its delta chain loops back on itself (corrupt pack)"), std::string::npos)
      << r.err;
}

TEST(HostileGit, OfTwoPacksHoldingAnIdTheCopyThatHashesToItIsRead) {
  Community c;
  pack_everything(c);
  // pack-0000 sorts first and claims HEAD~1's root tree with other content.
  std::string tree = c.tree_of(c.commits[c.commits.size() - 2]);
  std::string fake = testing::tree_entry("100644", "only-this.txt", object_id("blob", "x\n"));
  testing::write_pack(c.git_dir, {{tree, 2, fake, ""}}, "0000");
  nlohmann::json doc = report_json(c.repo());
  ASSERT_FALSE(doc.is_null());
  EXPECT_EQ(doc["scannedCommits"].get<int>(), 20);
  std::string dump = doc.dump();
  EXPECT_EQ(dump.find("only-this.txt"), std::string::npos);
  // Each SIG's commits are the ones git counts on its folder (git reads the sound copy).
  ASSERT_EQ(doc["sigs"].size(), 2u);
  for (const auto& g : doc["sigs"]) {
    std::string dir = g["dir"].get<std::string>();
    EXPECT_EQ(g["commits"].get<int>(), std::stoi(c.git("rev-list --count HEAD -- " + dir)))
        << g.dump();
  }
}

TEST(HostileGit, ABlobNamedAsADirectoryIsRefusedBeforeItIsRead) {
  Community c;
  std::string blob = object_id("blob", std::string(4096, 'x'));
  testing::write_loose(c.git_dir, blob, "blob", std::string(4096, 'x'));
  auto [type, root] = testing::read_loose(c.git_dir, c.tree_of(c.commits.back()));
  root += testing::tree_entry("40000", "zzz", blob);  // sorts last
  std::string tree = object_id("tree", root);
  testing::write_loose(c.git_dir, tree, "tree", root);
  std::int64_t t = kStart + 25 * 86400;
  c.set_head(c.add_raw_commit("tree " + tree + "\nparent " + c.commits.back() + "\nauthor " +
                              sig("Zed", t) + "committer " + sig("Zed", t)));
  pack_everything(c);
  testing::CliResult r;
  report_json(c.repo(), &r);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.err.find("read tree 'zzz' (" + blob + ") at "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": the object is a blob, not a tree"), std::string::npos) << r.err;
}

TEST(HostileGit, ALongCommitMessageIsReadUpToTheLimit) {
  Community c;
  std::int64_t t = kStart + 25 * 86400;
  std::string message = "subject\n\n" + std::string(git::kMaxCommitBytes + 1000, 'a') +
                        "\n\nReviewed-by: Late <late@example.org>\n";
  std::string x =
      c.add_raw_commit("tree " + c.tree_of(c.commits.back()) + "\nparent " + c.commits.back() +
                           "\nauthor " + sig("Zed", t) + "committer " + sig("Zed", t),
                       message);
  c.set_head(x);
  git_oid id;
  ASSERT_EQ(git_oid_fromstr(&id, x.c_str()), 0);
  for (bool packed : {false, true}) {
    if (packed) pack_everything(c);
    git::Repository repo = git::Repository::discover(c.repo());
    git::Snapshot head = repo.snapshot("HEAD");
    git::CommitReader reader(head.raw_repository());
    git::RawCommit commit = reader.read(id);
    EXPECT_EQ(commit.author_name, "Zed") << packed;
    EXPECT_LT(commit.message.size(), git::kMaxCommitBytes) << packed;
    EXPECT_EQ(commit.message.find("Reviewed-by"), std::string::npos) << packed;
    auto r = run_cli({"review", "--repo", c.repo(), "--base", "HEAD~1"});
    EXPECT_EQ(r.status, 0) << packed << r.err;
  }
}

TEST(PackReaderBounds, RecentObjectsCountAgainstTheBudget) {
  // Versions of one large tree, each read once, as a history walk reads them.
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    for (int i = 0; i < 3000; ++i) b.put("d/f" + std::to_string(i) + ".txt", "x");
    b.commit("init", kStart);
    for (int k = 0; k < 40; ++k) {
      b.put("d/f" + std::to_string(k * 71 % 3000) + ".txt", "v" + std::to_string(k));
      b.commit("change", kStart + k + 1);
    }
  }
  ASSERT_EQ(std::system(("git -C '" + dir.path().string() + "' repack -adq").c_str()), 0);
  std::size_t budget = 1u << 20;  // a tree version is ~120 KB
  git::PackReader reader((dir.path() / ".git").string(), budget);
  std::string log = run_command("git -C '" + dir.path().string() + "' log --format=%T:%H");
  std::size_t trees = 0;
  for (std::size_t pos = 0; pos < log.size();) {
    std::size_t nl = log.find('\n', pos);
    std::string line = log.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? log.size() : nl + 1;
    std::string tree =
        run_command("git -C '" + dir.path().string() + "' rev-parse " + line.substr(41) + ":d");
    auto object =
        reader.read(reinterpret_cast<const unsigned char*>(testing::raw_bytes(tree).data()),
                    git::ObjectLimits{git::ObjectType::kTree});
    ASSERT_TRUE(object);
    ++trees;
    EXPECT_LE(reader.held_bytes(), budget + budget / 2) << trees;
  }
  EXPECT_EQ(trees, 41u);
}

}  // namespace
}  // namespace sigwarden
