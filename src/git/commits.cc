#include "git/commits.h"

#include <fmt/format.h>

#include "core/error.h"
#include "git/commit_graph.h"
#include "git/handle.h"

namespace sigwarden::git {

std::vector<CommitInfo> commits_between(const Snapshot& from, const Snapshot& to) {
  git_repository* repo = to.raw_repository();
  std::string what = fmt::format("list commits {}..{}", from.revision(), to.revision());
  git_oid to_id;
  git_oid from_id;
  check(git_oid_fromstr(&to_id, to.commit_id().c_str()), what);
  bool has_from = !from.commit_id().empty();
  if (has_from) check(git_oid_fromstr(&from_id, from.commit_id().c_str()), what);
  try {
    CommitGraph graph(repo);
    std::vector<CommitInfo> out;
    for (const git_oid& id : graph.between(has_from ? &from_id : nullptr, to_id)) {
      RawCommit c = graph.reader().read(id);
      out.push_back({oid_hex(&id), std::move(c.author_name), std::move(c.author_email),
                     std::move(c.message)});
    }
    return out;
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", what, e.what()));
  }
}

}  // namespace sigwarden::git
