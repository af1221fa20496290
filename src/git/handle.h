// Private to src/git: RAII owners for libgit2 objects and the error check that turns a libgit2
// return code into an Error naming the operation and operand. Only src/git includes <git2.h>.
#pragma once

#include <git2.h>

#include <memory>
#include <string>

namespace sigwarden::git {

// Turns each git_x_free into a std::unique_ptr deleter, so every owning pointer is wrapped at
// first contact and freed on every path, exceptions included.
template <auto FreeFn>
struct Deleter {
  template <typename T>
  void operator()(T* p) const {
    FreeFn(p);
  }
};
template <typename T, auto FreeFn>
using Owned = std::unique_ptr<T, Deleter<FreeFn>>;

using RepositoryPtr = Owned<git_repository, git_repository_free>;
using ObjectPtr = Owned<git_object, git_object_free>;
using TreePtr = Owned<git_tree, git_tree_free>;
using TreeEntryPtr = Owned<git_tree_entry, git_tree_entry_free>;
using BlobPtr = Owned<git_blob, git_blob_free>;
using CommitPtr = Owned<git_commit, git_commit_free>;

// Returns libgit2's last error message, copied at once (it is thread-local and may be NULL). When
// libgit2 set none, says so with the return code rc (the caller's message names the operation).
std::string last_error_message(int rc = -1);

// Throws Error("<what>: <libgit2 message>") when rc is negative; what names the operation and
// its object ("read tree 'sigs' (<id>) at HEAD").
void check(int rc, const std::string& what);

// The 40 hex digits of an object id.
std::string oid_hex(const git_oid* oid);

}  // namespace sigwarden::git
