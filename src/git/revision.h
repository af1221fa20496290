// Resolves the revisions CI passes (a branch, a tag, HEAD, a commit id, each with `~N` / `^N`
// suffixes) without libgit2's commit parser: refs and ids are looked up, commits are read by
// CommitReader. libgit2's git_revparse_single parses every commit on the way whole, so a
// pull request whose commit carries a 1 GiB message made `check --base HEAD~2` allocate 3 GB,
// and a crafted commit meant something else than to git.
#pragma once

#include <optional>
#include <string>

#include "git/commit_reader.h"
#include "git/handle.h"

namespace sigwarden::git {

struct ResolvedRevision {
  git_oid commit;
  git_oid tree;
};

// The commit and tree rev names. Nothing when rev uses syntax this does not handle (`@{...}`,
// `^{...}`, `:path`, a tag of a tree, ...) or does not resolve: the caller then asks libgit2,
// which also words the error. Throws Error when a commit on the way cannot be read.
std::optional<ResolvedRevision> resolve_revision(git_repository* repo, CommitReader& reader,
                                                 const std::string& rev);

}  // namespace sigwarden::git
