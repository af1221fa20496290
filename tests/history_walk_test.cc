// The history walk reads commits and trees from pack files itself (git/pack_reader.h) and from
// loose objects through libgit2. Both paths must give the same commits, fields and changed files,
// including for unusual but valid commits: signed commits (a multi-line gpgsig header), an
// encoding header, a mergetag, an empty message, CRLF messages, an octopus merge, an author with
// an empty e-mail, and a committer clock that runs backwards.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "git/history.h"
#include "git/repository.h"
#include "support/repo_builder.h"
#include "support/shell.h"

namespace sigwarden {
namespace {

using testing::TempDir;

std::string run(const std::string& cmd) {
  int status = 0;
  std::string out = testing::run_command(cmd, &status);
  EXPECT_EQ(status, 0) << cmd;
  return out;
}

// Writes a raw object with git and returns its id.
std::string write_object(const std::string& git_dir, const std::string& type,
                         const std::string& content) {
  std::string file = git_dir + "/raw-object";
  std::ofstream(file, std::ios::binary) << content;
  std::string id = run("git --git-dir='" + git_dir + "' hash-object --literally -w -t " + type +
                       " '" + file + "'");
  std::remove(file.c_str());
  return id;
}

std::string tree_with(const std::string& git_dir, const std::string& text) {
  std::string blob = write_object(git_dir, "blob", text);
  // Tree entries are binary: mode, name, NUL, 20-byte id.
  std::string raw_id;
  for (std::size_t i = 0; i < blob.size(); i += 2) {
    raw_id += static_cast<char>(std::stoi(blob.substr(i, 2), nullptr, 16));
  }
  std::string src = std::string("100644 file.txt") + '\0' + raw_id;
  std::string sub = write_object(git_dir, "tree", src);
  std::string raw_sub;
  for (std::size_t i = 0; i < sub.size(); i += 2) {
    raw_sub += static_cast<char>(std::stoi(sub.substr(i, 2), nullptr, 16));
  }
  return write_object(git_dir, "tree", std::string("40000 dir") + '\0' + raw_sub);
}

std::string commit(const std::string& git_dir, const std::string& tree,
                   const std::vector<std::string>& parents, const std::string& author, long time,
                   const std::string& extra_headers, const std::string& message) {
  std::string text = "tree " + tree + "\n";
  for (const auto& p : parents) text += "parent " + p + "\n";
  text += "author " + author + " " + std::to_string(time) + " +0200\n";
  text += "committer Com Mitter <cm@example.org> " + std::to_string(time) + " +0200\n";
  text += extra_headers;
  text += "\n" + message;
  return write_object(git_dir, "commit", text);
}

struct Seen {
  std::string id, author, email, committer, message;
  std::int64_t time;
  std::size_t parents;
  std::vector<std::string> paths;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> walk(const std::string& git_dir, std::string* before_mark, std::int64_t mark) {
  git::Repository repo = git::Repository::discover(git_dir);
  git::Snapshot head = repo.snapshot("refs/heads/main");
  std::vector<Seen> out;
  git::HistoryEnd end = git::walk_history(
      head, 0,
      [&](const git::HistoryCommit& c) {
        out.push_back({c.id, c.author_name, c.author_email, c.committer_name, c.message, c.time,
                       c.parents, c.paths});
      },
      mark);
  EXPECT_TRUE(end.reached_root);
  *before_mark = end.first_parent_before_mark;
  return out;
}

TEST(HistoryWalk, PackedAndLooseObjectsGiveTheSameHistory) {
  git::Library lib;
  TempDir dir;
  std::string g = (dir.path() / "repo.git").string();
  run("git init -q --bare '" + g + "'");
  std::string t1 = tree_with(g, "one\n");
  std::string t2 = tree_with(g, "two\n");
  std::string t3 = tree_with(g, "three\n");
  std::string t4 = tree_with(g, "four\n");
  // Extra spaces around the name and e-mail, and blank lines before the message: libgit2 trims
  // the first and drops the second; the pack path must read them the same way.
  std::string root =
      commit(g, t1, {}, "  Ann   < ann@example.org > ", 1700000000, "", "\n\nroot\n");
  std::string gpg =
      "gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n";
  std::string signed_commit = commit(g, t2, {root}, "Bob <bob@example.org>", 1700000100, gpg,
                                     "signed\r\n\r\nCo-authored-by: Ann <ann@example.org>\r\n");
  std::string encoded =
      commit(g, t3, {signed_commit}, "Cy <>", 1700000200, "encoding ISO-8859-1\n", "");
  std::string side = commit(g, t4, {root}, "Dee <dee@example.org>", 1700000050, "", "side\n");
  std::string side2 = commit(g, t2, {root}, "Eve <eve@example.org>", 1700000060, "", "side2\n");
  std::string mergetag =
      "mergetag object " + side + "\n type commit\n tag v1\n tagger T <t@e> 1 +0000\n \n msg\n";
  // An octopus merge whose committer time is older than its first parent's (clock skew).
  std::string octopus = commit(g, t4, {encoded, side, side2}, "Fay <fay@example.org>", 1700000150,
                               mergetag, "octopus\n");
  std::string tip = commit(g, t1, {octopus}, "Gus <gus@example.org>", 1700000300, "", "tip\n");
  run("git --git-dir='" + g + "' update-ref refs/heads/main " + tip);
  run("git --git-dir='" + g + "' symbolic-ref HEAD refs/heads/main");

  std::string loose_mark;
  std::vector<Seen> loose = walk(g, &loose_mark, 1700000120);
  run("git --git-dir='" + g + "' repack -adq");
  std::string packed_mark;
  std::vector<Seen> packed = walk(g, &packed_mark, 1700000120);

  ASSERT_EQ(loose.size(), 7u);
  EXPECT_EQ(loose, packed);
  EXPECT_EQ(loose_mark, packed_mark);
  // Newest committer time first among the commits reached so far, as git does: the octopus
  // (older clock) comes before its parent "encoded", which is only reached through it.
  std::vector<std::string> ids;
  for (const Seen& s : packed) ids.push_back(s.id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{tip, octopus, encoded, signed_commit, side2, side, root}));
  const Seen& s = packed[3];
  EXPECT_EQ(s.author, "Bob");
  EXPECT_EQ(s.email, "bob@example.org");
  EXPECT_EQ(s.committer, "Com Mitter");
  EXPECT_EQ(s.message, "signed\r\n\r\nCo-authored-by: Ann <ann@example.org>\r\n");
  EXPECT_EQ(s.paths, std::vector<std::string>{"dir/file.txt"});
  EXPECT_EQ(packed[2].email, "");    // "Cy <>"
  EXPECT_EQ(packed[2].message, "");  // no message
  EXPECT_EQ(packed[1].parents, 3u);  // the octopus: not diffed
  EXPECT_TRUE(packed[1].paths.empty());
  EXPECT_EQ(packed[6].paths, std::vector<std::string>{"dir/file.txt"});  // root: all added
  EXPECT_EQ(packed[6].author, "Ann");
  EXPECT_EQ(packed[6].email, "ann@example.org");
  EXPECT_EQ(packed[6].message, "root\n");
  // The first-parent chain tip -> octopus -> encoded -> signed -> root; the newest of those
  // committed before the mark (1700000120) is signed (1700000100): the octopus (1700000150) is
  // not before it although its clock runs backwards relative to encoded.
  EXPECT_EQ(packed_mark, signed_commit);
}

}  // namespace
}  // namespace sigwarden
