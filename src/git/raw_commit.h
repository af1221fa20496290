// A commit object's bytes parsed as git parses them (commit.c: parse_commit_buffer and the date
// it reads), so that a crafted but fsck-clean commit means to sigwarden what it means to git:
// the first line is the tree; the parents are the `parent` lines that follow it in a row (a
// `parent` header further down is not a parent); the first author and the first committer line
// after them count, later ones are ignored. No libgit2 here: the fuzz target and the tests feed
// it bytes.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sigwarden::git {

using RawId = std::array<unsigned char, 20>;

struct RawCommit {
  RawId tree{};
  std::vector<RawId> parents;
  std::int64_t time = 0;  // committer time (Unix seconds)
  std::int64_t author_time = 0;
  std::string author_name;
  std::string author_email;
  std::string committer_name;
  std::string committer_email;
  std::string message;  // after the headers, leading newlines removed (as git_commit_message)
};

// Parses data into out. Returns "" on success, else what is wrong, in words that name git's own
// complaint ("its first line is not 'tree <id>' (git: bogus commit object)"). complete is false
// when data is only the start of a longer object: then the headers must end inside it, and the
// message is what there is.
std::string parse_raw_commit(std::string_view data, RawCommit& out, bool complete = true);

}  // namespace sigwarden::git
