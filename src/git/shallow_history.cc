#include "git/shallow_history.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "git/handle.h"

namespace sigwarden::git {

ShallowHistory::ShallowHistory(git_repository* repo) : repo_(repo) {
  // In a linked worktree .git/shallow is in the common directory.
  std::ifstream in(std::filesystem::path(git_repository_commondir(repo)) / "shallow");
  for (std::string line; std::getline(in, line);) {
    if (line.size() >= GIT_OID_HEXSZ) cut_.insert(line.substr(0, GIT_OID_HEXSZ));
  }
}

const ShallowHistory::Commit& ShallowHistory::read(const git_oid& id, const std::string& hex) {
  auto found = commits_.find(hex);
  if (found != commits_.end()) return found->second;
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, repo_, &id), fmt::format("read commit {}", hex));
  CommitPtr commit(raw);
  Commit c;
  c.oid = id;
  c.time = git_commit_time(commit.get());
  if (cut_.count(hex) == 0) {
    for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) {
      c.parents.push_back(oid_hex(git_commit_parent_id(commit.get(), i)));
    }
  }
  return commits_.emplace(hex, std::move(c)).first->second;
}

std::unordered_set<std::string> ShallowHistory::ancestors(
    const git_oid& id, const std::unordered_set<std::string>* stop) {
  std::unordered_set<std::string> seen;
  std::vector<std::pair<git_oid, std::string>> todo = {{id, oid_hex(&id)}};
  while (!todo.empty()) {
    auto [oid, hex] = todo.back();
    todo.pop_back();
    if ((stop != nullptr && stop->count(hex) > 0) || !seen.insert(hex).second) continue;
    for (const std::string& parent : read(oid, hex).parents) {
      git_oid p;
      check(git_oid_fromstr(&p, parent.c_str()), fmt::format("read commit {}", parent));
      todo.emplace_back(p, parent);
    }
  }
  return seen;
}

}  // namespace sigwarden::git
