// Hostile trees: what a pull request can push into the object store (a directory nested past
// git's core.maxTreeDepth, a tree that contains itself, entries out of git's order, names libgit2
// cannot parse) and a revision whose object cannot be read. Every command that walks such a tree
// exits 2 with one line naming the tree; none crashes, loops or grows without bound. The trees
// are written as raw objects (a tree that contains itself cannot hash to its own id, so it is
// written under a chosen one, as a corrupt object store holds it).
#include <git2.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "git/handle.h"
#include "git/repository.h"
#include "git/tree_checks.h"
#include "support/cli.h"
#include "support/raw_objects.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

namespace fs = std::filesystem;
using testing::CliResult;
using testing::RepoBuilder;
using testing::run_cli;
using testing::TempDir;
using testing::tree_entry;

const git::Library kLibgit2;

const std::int64_t kNow = static_cast<std::int64_t>(std::time(nullptr));

// A Markdown-layout community of two SIGs, committed twice (HEAD~1 and HEAD differ in a file)
// a few days ago, with libgit2 at hand to write raw objects and commits on top of it.
class Community {
 public:
  Community() {
    {
      RepoBuilder b(dir_.path());
      b.put("sigs/README.md",
            "| SIG name | Leads |\n|:--|:--|\n| [compiler](compiler/README.md) | Ann "
            "(ann@example.org) |\n| [data](data/README.md) | Ann (ann@example.org) |\n");
      for (std::string sig : {"compiler", "data"}) {
        b.put("sigs/" + sig + "/README.md", "# " + sig +
                                                "\n\n### Maintainers\n\n- Ann (ann@example.org)\n\n"
                                                "### Mailing list\n\n" +
                                                sig + "@lists.example.org\n");
      }
      commits_.push_back(b.commit("one", kNow - 5 * 86400, "Ann", "ann@example.org"));
      b.put("sigs/data/notes.md", "notes\n");
      commits_.push_back(b.commit("two", kNow - 4 * 86400, "Ann", "ann@example.org"));
    }
    if (git_repository_open(&repo_, dir_.path().c_str()) != 0) throw std::runtime_error("open");
  }
  ~Community() { git_repository_free(repo_); }

  std::string repo() const { return dir_.path().string(); }
  // main's tip (HEAD) and its parent (HEAD~1).
  const std::string& head() const { return commits_.back(); }
  const std::string& previous() const { return commits_[commits_.size() - 2]; }
  // The community's own second commit, before any crafted one.
  const std::string& original() const { return commits_[1]; }

  // Writes an object (its id computed from its content); returns the id.
  std::string write(git_object_t type, const std::string& data) {
    git_odb* odb = nullptr;
    git_oid id;
    git_repository_odb(&odb, repo_);
    int rc = git_odb_write(&id, odb, data.data(), data.size(), type);
    git_odb_free(odb);
    if (rc != 0) throw std::runtime_error("write object");
    return hex(id);
  }

  // Writes a loose object under id whatever its content: the corruption a tree that contains
  // itself needs.
  void write_as(const std::string& id, const std::string& type, const std::string& data) {
    testing::write_loose(dir_.path() / ".git", id, type, data);
  }

  // Moves the loose objects into one pack, as git gc would: a walk of thousands of trees then
  // reads one file, not thousands. Only for objects whose content hashes to their id.
  void pack() {
    fs::path git_dir = dir_.path() / ".git";
    std::vector<testing::PackItem> items;
    for (const std::string& id : testing::loose_ids(git_dir)) {
      auto [type, data] = testing::read_loose(git_dir, id);
      items.push_back({id, type == "commit" ? 1 : type == "tree" ? 2 : 3, data, ""});
      fs::remove(object_path(id));
    }
    testing::write_pack(git_dir, items, "all");
  }

  fs::path object_path(const std::string& id) const {
    return dir_.path() / ".git/objects" / id.substr(0, 2) / id.substr(2);
  }

  // The raw content of a tree or the root tree id of a commit.
  std::string read(const std::string& id) {
    git_odb* odb = nullptr;
    git_odb_object* object = nullptr;
    git_oid oid = parse(id);
    git_repository_odb(&odb, repo_);
    git_odb_read(&object, odb, &oid);
    std::string out(static_cast<const char*>(git_odb_object_data(object)),
                    git_odb_object_size(object));
    git_odb_object_free(object);
    git_odb_free(odb);
    return out;
  }
  std::string tree_of(const std::string& commit) { return read(commit).substr(5, 40); }

  // Commits tree on top of HEAD, an hour after the one before, and moves main (HEAD) there.
  std::string commit(const std::string& tree) {
    std::string parent = head();
    std::int64_t time = kNow - 3 * 86400 + 3600 * static_cast<std::int64_t>(commits_.size());
    std::string who = "Ann <ann@example.org> " + std::to_string(time) + " +0000";
    std::string id = write(GIT_OBJECT_COMMIT, "tree " + tree + "\nparent " + parent + "\nauthor " +
                                                  who + "\ncommitter " + who + "\n\nchange\n");
    git_reference* ref = nullptr;
    git_oid oid = parse(id);
    git_reference_create(&ref, repo_, "refs/heads/main", &oid, 1, "test");
    git_reference_free(ref);
    commits_.push_back(id);
    return id;
  }

  static std::string hex(const git_oid& id) {
    char buf[GIT_OID_HEXSZ + 1];
    git_oid_tostr(buf, sizeof buf, &id);
    return buf;
  }
  static git_oid parse(const std::string& id) {
    git_oid oid;
    git_oid_fromstr(&oid, id.c_str());
    return oid;
  }

 private:
  TempDir dir_;
  git_repository* repo_ = nullptr;
  std::vector<std::string> commits_;
};

// The community's root tree (that of its second commit) with one more directory entry, placed
// in git's order.
std::string root_with(Community& c, const std::string& name, const std::string& id) {
  std::string root = c.read(c.tree_of(c.original()));
  std::string added = tree_entry("40000", name, id);
  std::size_t at = 0;  // root entries: "sigs" only
  if (name > "sigs") at = root.size();
  return c.write(GIT_OBJECT_TREE, root.insert(at, added));
}

// A directory chain deep/d/d/.../leaf.txt whose innermost tree is at depth levels; returns the
// tree ids by depth (ids[1] is 'deep').
std::vector<std::string> deep_chain(Community& c, std::size_t levels) {
  std::vector<std::string> ids(levels + 1);
  ids[levels] = c.write(GIT_OBJECT_TREE,
                        tree_entry("100644", "leaf.txt", c.write(GIT_OBJECT_BLOB, "leaf\n")));
  for (std::size_t k = levels - 1; k >= 1; --k) {
    ids[k] = c.write(GIT_OBJECT_TREE, tree_entry("40000", "d", ids[k + 1]));
  }
  return ids;
}

CliResult run(const Community& c, std::vector<std::string> args) {
  args.push_back("--repo");
  args.push_back(c.repo());
  return run_cli(args);
}

using Commands = std::vector<std::vector<std::string>>;
const Commands kSnapshotWalks = {
    {"owners", "--all", "--format", "tsv"}, {"audit"}, {"report", "--window", "365d"}};
const Commands kDiffWalks = {{"check", "--base", "HEAD~1"}, {"review", "--base", "HEAD~1"}};

TEST(HostileTree, DepthIsCappedWhereGitCapsIt) {
  // One chain deep/d/.../leaf.txt of 5,000 trees; HEAD takes a deeper part of it at each step.
  // ids[k] at 'deep' puts the innermost tree at depth 5001 - k.
  Community c;
  std::string plain = c.tree_of(c.head());
  std::vector<std::string> ids = deep_chain(c, 5000);
  c.pack();
  {
    SCOPED_TRACE("4,000 levels: walked, the deepest file listed and found");
    c.commit(root_with(c, "deep", ids[1001]));
    std::string deepest = "deep/";
    for (int k = 2; k <= 4000; ++k) deepest += "d/";
    deepest += "leaf.txt";
    auto owners = run(c, {"owners", "--all", "--format", "tsv"});
    EXPECT_EQ(owners.status, 0) << owners.err;
    EXPECT_NE(owners.out.find(deepest + "\t"), std::string::npos);
    auto one = run(c, {"owners", deepest});
    EXPECT_EQ(one.status, 0) << one.err;
    for (const auto& args : {kSnapshotWalks[1], kSnapshotWalks[2], kDiffWalks[0], kDiffWalks[1]}) {
      auto r = run(c, args);
      EXPECT_NE(r.status, 2) << args[0] << ": " << r.err;
    }
  }
  {
    SCOPED_TRACE("4,096 levels are read, 4,097 are not, as git 2.44 does");
    c.commit(root_with(c, "deep", ids[905]));
    EXPECT_EQ(run(c, {"owners", "--all"}).status, 0);
    c.commit(root_with(c, "deep", ids[904]));
    EXPECT_EQ(run(c, {"owners", "--all"}).err,
              "sigwarden: error: read tree 'deep/d/d/…/d/d' (" + ids[5000] +
                  ") at HEAD: nested deeper than 4,096 levels (git's core.maxTreeDepth)\n");
  }
  std::string tree = "read tree 'deep/d/d/…/d/d' (" + ids[4097] + ")";
  std::string why = ": nested deeper than 4,096 levels (git's core.maxTreeDepth)\n";
  {
    SCOPED_TRACE("5,000 levels");
    c.commit(root_with(c, "deep", ids[1]));
    for (const auto& args : kSnapshotWalks) {
      auto r = run(c, args);
      EXPECT_EQ(r.status, 2) << args[0];
      EXPECT_EQ(r.err, "sigwarden: error: " + tree + " at HEAD" + why) << args[0];
    }
    for (const auto& args : kDiffWalks) {
      auto r = run(c, args);
      EXPECT_EQ(r.status, 2) << args[0];
      EXPECT_EQ(r.err, "sigwarden: error: compare " + c.previous() + " with HEAD: " + tree + why)
          << args[0];
    }
  }
  {
    SCOPED_TRACE("in history only: the walk of the report and the gate meet it");
    c.commit(plain);
    auto report = run(c, {"report", "--window", "365d", "--format", "json"});
    EXPECT_EQ(report.status, 2);
    EXPECT_EQ(std::count(report.err.begin(), report.err.end(), '\n'), 1) << report.err;
    EXPECT_TRUE(report.err.starts_with("sigwarden: error: ")) << report.err;
    EXPECT_NE(report.err.find(": read tree 'deep/d/d/…/d/d' ("), std::string::npos) << report.err;
    EXPECT_TRUE(report.err.ends_with(why)) << report.err;
    auto check = run(c, {"check", "--base", "HEAD~1"});
    EXPECT_EQ(check.status, 2);
    EXPECT_EQ(check.err, "sigwarden: error: compare " + c.previous() + " with HEAD: " + tree + why);
  }
}

TEST(HostileTree, TreeThatContainsItself) {
  // HEAD's root tree rewritten to hold itself as 'zz-loop' (an id it cannot hash to).
  Community c;
  std::string root = c.tree_of(c.head());
  c.write_as(root, "tree", c.read(root) + tree_entry("40000", "zz-loop", root));
  std::string tail = " contains itself at 'zz-loop' (corrupt object store; git fsck reports it)\n";
  for (const auto& args : kSnapshotWalks) {
    auto r = run(c, args);
    EXPECT_EQ(r.status, 2) << args[0];
    EXPECT_EQ(r.err, "sigwarden: error: tree " + root + " at HEAD" + tail) << args[0];
  }
  for (const auto& args : kDiffWalks) {
    auto r = run(c, args);
    EXPECT_EQ(r.status, 2) << args[0];
    EXPECT_EQ(r.err,
              "sigwarden: error: compare " + c.previous() + " with HEAD: tree " + root + tail)
        << args[0];
  }
}

// The id of HEAD's sigs/ (the last entry of its root tree).
std::string sigs_of_head(Community& c) {
  std::string root = c.read(c.tree_of(c.head()));
  git_oid id;
  git_oid_fromraw(&id, reinterpret_cast<const unsigned char*>(root.data() + root.size() - 20));
  return Community::hex(id);
}

TEST(HostileTree, TreeThatContainsAnAncestor) {
  // sigs/ holds the root tree again as 'zz-up': the cycle passes through a descendant.
  Community c;
  std::string root = c.tree_of(c.head());
  std::string sigs_hex = sigs_of_head(c);
  c.write_as(sigs_hex, "tree", c.read(sigs_hex) + tree_entry("40000", "zz-up", root));
  std::string want = "sigwarden: error: tree " + root +
                     " at HEAD contains itself at 'sigs/zz-up' (corrupt object store; git fsck "
                     "reports it)\n";
  auto all = run(c, {"owners", "--all"});
  EXPECT_EQ(all.status, 2);
  EXPECT_EQ(all.err, want);
  // A path through the cycle, looked up directory by directory.
  auto one = run(c, {"owners", "sigs/zz-up/sigs/data/README.md"});
  EXPECT_EQ(one.status, 2);
  EXPECT_EQ(one.err, want);
}

TEST(HostileTree, CycleInHistoryOnly) {
  // HEAD~1 adds 'zz-loop', a tree that holds itself as 'again'; HEAD removes it.
  Community c;
  std::string blob = c.write(GIT_OBJECT_BLOB, "f\n");
  std::string loop = c.write(GIT_OBJECT_TREE, tree_entry("100644", "f", blob));
  c.write_as(loop, "tree", tree_entry("40000", "again", loop) + tree_entry("100644", "f", blob));
  std::string good = c.tree_of(c.head());
  std::string with = c.commit(root_with(c, "zz-loop", loop));
  c.commit(good);
  std::string tail = "tree " + loop +
                     " contains itself at 'zz-loop/again' (corrupt object store; git fsck "
                     "reports it)\n";
  auto report = run(c, {"report", "--window", "365d", "--format", "json"});
  EXPECT_EQ(report.status, 2);
  EXPECT_EQ(std::count(report.err.begin(), report.err.end(), '\n'), 1) << report.err;
  EXPECT_TRUE(report.err.ends_with(": " + tail)) << report.err;
  auto check = run(c, {"check", "--base", "HEAD~1"});
  EXPECT_EQ(check.status, 2);
  EXPECT_EQ(check.err, "sigwarden: error: compare " + with + " with HEAD: " + tail);
}

// HEAD with sigs/ rewritten: its entries in another order (or doubled); returns the new id.
std::string rewrite_sigs(Community& c, const std::string& sigs_content) {
  std::string sigs = c.write(GIT_OBJECT_TREE, sigs_content);
  c.commit(c.write(GIT_OBJECT_TREE, tree_entry("40000", "sigs", sigs)));
  return sigs;
}

// The entries of a tree object, each "<mode> <name>\0<id>".
std::vector<std::string> entries_of(const std::string& tree) {
  std::vector<std::string> out;
  for (std::size_t p = 0; p < tree.size();) {
    std::size_t end = tree.find('\0', p) + 21;
    out.push_back(tree.substr(p, end - p));
    p = end;
  }
  return out;
}

TEST(HostileTree, UnsortedTreeIsAnError) {
  Community c;
  std::vector<std::string> e = entries_of(c.read(sigs_of_head(c)));  // README.md compiler data
  std::string good = c.tree_of(c.head());
  std::string sigs = rewrite_sigs(c, e[0] + e[2] + e[1]);
  std::string what = "tree 'sigs' (" + sigs + ")";
  std::string fault = " is not sorted as git requires (git fsck: treeNotSorted)\n";
  for (const auto& args : {std::vector<std::string>{"lint"}, kSnapshotWalks[0], kSnapshotWalks[1],
                           kSnapshotWalks[2], kDiffWalks[0], kDiffWalks[1]}) {
    auto r = run(c, args);
    EXPECT_EQ(r.status, 2) << args[0];
    // The gate and the review may meet it in the diff first: the same line, said of the diff.
    bool diff = args[0] == "check" || args[0] == "review";
    EXPECT_TRUE(r.err == "sigwarden: error: " + what + " at HEAD" + fault ||
                (diff && r.err == "sigwarden: error: compare " + c.previous() +
                                      " with HEAD: " + what + fault))
        << args[0] << ": " << r.err;
  }
  // In history only (HEAD sorted again): the report's walk meets it.
  c.commit(good);
  auto report = run(c, {"report", "--window", "365d", "--format", "json"});
  EXPECT_EQ(report.status, 2);
  EXPECT_TRUE(report.err.ends_with(": " + what + fault)) << report.err;
}

TEST(HostileTree, DuplicateEntriesAreAnError) {
  for (bool adjacent : {true, false}) {
    Community c;
    std::vector<std::string> e = entries_of(c.read(sigs_of_head(c)));  // README.md compiler data
    std::string blob = c.write(GIT_OBJECT_BLOB, "x\n");
    // 'data' twice: next to each other, or a file 'data' < 'data.md' < the directory 'data'.
    std::string sigs = adjacent ? rewrite_sigs(c, e[0] + e[1] + e[2] + e[2])
                                : rewrite_sigs(c, e[0] + e[1] + tree_entry("100644", "data", blob) +
                                                      tree_entry("100644", "data.md", blob) + e[2]);
    auto r = run(c, {"owners", "--all"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "sigwarden: error: tree 'sigs' (" + sigs +
                         ") at HEAD has two entries named 'data' (git fsck: duplicateEntries)\n");
  }
}

TEST(HostileTree, NameLongerThanLibgit2Reads) {
  Community c;
  std::string blob = c.write(GIT_OBJECT_BLOB, "x\n");
  std::string long_tree =
      c.write(GIT_OBJECT_TREE, tree_entry("100644", std::string(70000, 'n'), blob));
  c.commit(root_with(c, "long", long_tree));
  auto r = run(c, {"owners", "--all"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sigwarden: error: read tree 'long' (" + long_tree +
                       ") at HEAD: an entry name is over 65,535 bytes, which libgit2 cannot read "
                       "(git can)\n");
  // In the root tree, found when the revision is resolved.
  std::string root =
      c.write(GIT_OBJECT_TREE,
              c.read(c.tree_of(c.head())) + tree_entry("100644", std::string(70000, 'z'), blob));
  c.commit(root);
  auto lint = run(c, {"lint"});
  EXPECT_EQ(lint.status, 2);
  EXPECT_EQ(lint.err, "sigwarden: error: read the root tree (" + root +
                          ") at HEAD: an entry name is over 65,535 bytes, which libgit2 cannot "
                          "read (git can)\n");
}

TEST(HostileTree, MissingTreeObject) {
  Community c;
  std::string sigs = sigs_of_head(c);
  fs::remove(c.object_path(sigs));
  auto r = run(c, {"owners", "--all"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "sigwarden: error: read tree 'sigs' (" + sigs +
                       ") at HEAD: the object is not in the object store (a partial clone? fetch "
                       "it with 'git fetch' or clone without --filter)\n");
}

TEST(HostileTree, RevisionWhoseObjectCannotBeRead) {
  Community c;
  std::string gone = "object not found - cannot read header for (" + c.head() + ")\n";
  // Missing: the commit's object is gone (as with a deleted or unreadable pack).
  fs::remove(c.object_path(c.head()));
  auto head = run(c, {"lint"});
  EXPECT_EQ(head.status, 2);
  EXPECT_EQ(head.err, "sigwarden: error: resolve revision 'HEAD' in " + c.repo() +
                          ": it names object " + c.head() +
                          ", which cannot be read from the object store (a corrupt or missing "
                          "pack?): " +
                          gone);
  auto base = run(c, {"lint", "--rev", "main~1"});
  EXPECT_EQ(base.status, 2);
  EXPECT_EQ(base.err, "sigwarden: error: resolve revision 'main~1' in " + c.repo() +
                          ": 'main' names object " + c.head() +
                          ", which cannot be read from the object store (a corrupt or missing "
                          "pack?): " +
                          gone);
  auto none = run(c, {"lint", "--rev", "no-such-branch"});
  EXPECT_EQ(none.err, "sigwarden: error: resolve revision 'no-such-branch' in " + c.repo() +
                          ": no such revision\n");
  // Truncated: the object is there but does not inflate.
  Community t;
  std::ofstream(t.object_path(t.head()), std::ios::binary | std::ios::trunc) << "x";
  auto cut = run(t, {"lint"});
  EXPECT_EQ(cut.status, 2);
  EXPECT_TRUE(cut.err.starts_with("sigwarden: error: resolve revision 'HEAD' in " + t.repo() +
                                  ": it names object " + t.head() +
                                  ", which cannot be read from the object store (a corrupt or "
                                  "missing pack?): "))
      << cut.err;
}

TEST(HostileTree, Libgit2FailureWithoutAMessageStillSaysWhat) {
  git_error_clear();
  try {
    git::check(GIT_ENOTFOUND, "read tree 'sigs' (1234) at HEAD");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "read tree 'sigs' (1234) at HEAD: libgit2 failed with code -3 (GIT_ENOTFOUND, not "
              "found) and gave no message");
  }
}

TEST(HostileTree, ShortPaths) {
  EXPECT_EQ(git::short_path("a/b/c"), "a/b/c");
  EXPECT_EQ(git::short_path("a/b/c/d/e/f"), "a/b/c/d/e/f");
  EXPECT_EQ(git::short_path("a/b/c/d/e/f/g"), "a/b/c/…/f/g");
  EXPECT_EQ(git::short_path(std::string(50, 'x')), std::string(40, 'x') + "…");
  EXPECT_EQ(git::short_path("new\nline"), "new\\x0aline");
  EXPECT_EQ(git::short_path(std::string(39, 'x') + "é"), std::string(39, 'x') + "…");
}

TEST(HostileTree, OrderCheckIsGitFscks) {
  using Fault = git::OrderCheck::Fault;
  struct Entry {
    std::string name;
    bool dir;
  };
  auto first_fault = [](const std::vector<Entry>& entries) {
    git::OrderCheck check;
    for (const Entry& e : entries) {
      if (Fault f = check.next(e.name, e.dir); f != Fault::kNone) return f;
    }
    return Fault::kNone;
  };
  // A directory sorts as if its name ended in '/': 'a.c' < 'a/' < 'a0'.
  EXPECT_EQ(first_fault({{"a.c", false}, {"a", true}, {"a0", false}}), Fault::kNone);
  EXPECT_EQ(first_fault({{"a", false}, {"a.c", false}, {"a0", false}}), Fault::kNone);
  EXPECT_EQ(first_fault({{"a", true}, {"a.c", false}}), Fault::kNotSorted);
  EXPECT_EQ(first_fault({{"b", false}, {"a", false}}), Fault::kNotSorted);
  EXPECT_EQ(first_fault({{"a", false}, {"a", false}}), Fault::kDuplicate);
  EXPECT_EQ(first_fault({{"a", false}, {"a", true}}), Fault::kDuplicate);
  EXPECT_EQ(first_fault({{"a", false}, {"a-b", false}, {"a.c", true}, {"a", true}}),
            Fault::kDuplicate);
  EXPECT_EQ(first_fault({{"a", false}, {"a-b", false}, {"a0", false}, {"b", true}}), Fault::kNone);
}

}  // namespace
}  // namespace sigwarden
