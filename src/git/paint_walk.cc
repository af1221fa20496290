#include "git/paint_walk.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

#include "git/handle.h"
#include "git/repository.h"

namespace sigwarden::git {

PaintWalk::PaintWalk(git_repository* repo, int stop_flag) : repo_(repo), stop_flag_(stop_flag) {
  std::ifstream in(std::filesystem::path(git_repository_path(repo)) / "shallow");
  for (std::string line; std::getline(in, line);) {
    if (line.size() >= GIT_OID_HEXSZ) cut_.insert(line.substr(0, GIT_OID_HEXSZ));
  }
}

void PaintWalk::push(const git_oid& id, int flags) {
  std::string hex = oid_hex(&id);
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, repo_, &id), fmt::format("read commit {}", hex));
  CommitPtr commit(raw);
  int& f = flags_[hex];
  f |= flags;
  ids_[hex] = id;
  bool active = (f & stop_flag_) == 0;
  active_ += active ? 1 : 0;
  queue_.push({git_commit_time(commit.get()), hex, active});
}

void PaintWalk::push_parents(const std::string& id, int flags) {
  if (cut_.count(id) > 0) return;
  git_commit* raw = nullptr;
  check(git_commit_lookup(&raw, repo_, &ids_[id]), fmt::format("read commit {}", id));
  CommitPtr commit(raw);
  for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i) {
    const git_oid* parent = git_commit_parent_id(commit.get(), i);
    if ((flags_[oid_hex(parent)] & flags) != flags) push(*parent, flags);
  }
}

std::string PaintWalk::pop() {
  Entry top = queue_.top();
  queue_.pop();
  active_ -= top.active ? 1 : 0;
  return top.id;
}

}  // namespace sigwarden::git
