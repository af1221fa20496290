// Reads commit objects for every walk over history (the report's walk, a pull request's commits,
// the first-parent chain): from the pack files through PackReader when they are packed, else
// from libgit2's object database, and always parsed by parse_raw_commit (raw_commit.h), never by
// libgit2's commit parser, which differs from git's on crafted commits and copies a message of
// any size twice. A commit is read up to kMaxCommitBytes: a longer message is cut there.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "git/handle.h"
#include "git/pack_reader.h"
#include "git/raw_commit.h"

namespace sigwarden::git {

// The most of one commit object sigwarden reads (headers and message); docs/security.md.
inline constexpr std::size_t kMaxCommitBytes = std::size_t{4} << 20;

class CommitReader {
 public:
  // packs may be null: the reader then opens its own.
  CommitReader(git_repository* repo, PackReader* packs = nullptr);
  ~CommitReader();
  CommitReader(const CommitReader&) = delete;
  CommitReader& operator=(const CommitReader&) = delete;

  // The commit id. Throws Error "read commit <id>: ..." when it is not in the object store (with
  // the shallow/partial clone hint), is not a commit, is corrupt or is not a commit git accepts.
  RawCommit read(const git_oid& id);

 private:
  std::string read_bytes(const git_oid& id, bool* complete);

  git_repository* repo_;
  std::unique_ptr<PackReader> own_packs_;
  PackReader* packs_;
  Owned<git_odb, git_odb_free> odb_;
};

}  // namespace sigwarden::git
