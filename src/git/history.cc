#include "git/history.h"

#include <fmt/format.h>

#include <cstring>
#include <queue>
#include <unordered_set>

#include "core/error.h"
#include "git/diff.h"
#include "git/handle.h"

namespace sigwarden::git {

namespace {

git_oid parse_oid(const std::string& hex, const std::string& what) {
  git_oid id;
  check(git_oid_fromstr(&id, hex.c_str()), what);
  return id;
}

std::string hex_of(const git_oid* id) {
  char buf[GIT_OID_HEXSZ + 1];
  git_oid_tostr(buf, sizeof buf, id);
  return buf;
}

CommitPtr lookup_commit(git_repository* repo, const git_oid* id, const std::string& what) {
  git_commit* raw = nullptr;
  int rc = git_commit_lookup(&raw, repo, id);
  if (rc == GIT_ENOTFOUND) {
    throw Error(
        fmt::format("{}: commit {} is not in the object store (a shallow or partial "
                    "clone? fetch full history, e.g. 'fetch-depth: 0')",
                    what, hex_of(id)));
  }
  check(rc, fmt::format("{}: read commit {}", what, hex_of(id)));
  return CommitPtr(raw);
}

void copy_signature(const git_signature* sig, std::string& name, std::string& email) {
  name.assign(sig != nullptr && sig->name != nullptr ? sig->name : "");
  email.assign(sig != nullptr && sig->email != nullptr ? sig->email : "");
}

}  // namespace

namespace {

struct OidHash {
  std::size_t operator()(const git_oid& id) const {
    std::size_t h = 0;
    std::memcpy(&h, id.id, sizeof h);
    return h;
  }
};
struct OidEq {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b) != 0; }
};

// A commit waiting in the walk's queue: newest committer time first, like `git log`.
struct Pending {
  std::int64_t time;
  std::uint64_t order;  // insertion order breaks ties, so the walk is deterministic
  CommitPtr commit;
};
struct Older {
  bool operator()(const Pending& a, const Pending& b) const {
    return a.time != b.time ? a.time < b.time : a.order > b.order;
  }
};

}  // namespace

namespace {

// One commit of a batch: its metadata, and the two trees whose difference gives its paths.
struct Item {
  HistoryCommit commit;
  git_oid tree{};
  git_oid parent_tree{};
  bool has_parent_tree = false;
};

// Fills in the paths of items [begin, end) with the pruned tree walk.
void diff_items(git_repository* repo, std::vector<Item>& items, std::size_t begin, std::size_t end,
                const std::string& what) {
  for (std::size_t i = begin; i < end; ++i) {
    Item& item = items[i];
    if (item.commit.parents > 1) continue;  // merges are not diffed, as in `git log`
    changed_files(repo, item.has_parent_tree ? &item.parent_tree : nullptr, &item.tree,
                  fmt::format("{}: diff {}", what, item.commit.id), item.commit.paths);
  }
}

}  // namespace

HistoryEnd walk_history(const Snapshot& tip, std::int64_t since,
                        const std::function<void(const HistoryCommit&)>& visit) {
  // libgit2's revwalk sorts by time only after reading the whole history (its "limited" walk);
  // this walk reads commits lazily from a queue ordered by committer time and stops at the first
  // one older than since, so its cost follows the window, not the repository's age.
  git_repository* repo = tip.raw_repository();
  std::string what = fmt::format("walk history from {}", tip.revision());
  std::priority_queue<Pending, std::vector<Pending>, Older> queue;
  std::unordered_set<git_oid, OidHash, OidEq> seen;
  std::uint64_t order = 0;
  auto enqueue = [&](CommitPtr commit) {
    if (!seen.insert(*git_commit_id(commit.get())).second) return;
    std::int64_t time = git_commit_time(commit.get());
    queue.push({time, order++, std::move(commit)});
  };
  git_oid start = parse_oid(tip.commit_id(), what);
  enqueue(lookup_commit(repo, &start, what));

  // One item at a time, diffed as soon as it is read: memory stays independent of history.
  // (A second thread with its own repository handle does not help: libgit2 1.5 shares each
  // pack file, its window cache and its lock between repository handles, so two readers
  // serialize and a run took twice as long.)
  std::vector<Item> batch(1);
  HistoryEnd end;
  bool stopped = false;
  while (!queue.empty()) {
    // priority_queue::top is const; the commit is moved out before pop (pop never reads it).
    Pending next = std::move(const_cast<Pending&>(queue.top()));
    queue.pop();
    if (next.time < since) {
      stopped = true;
      break;
    }
    git_commit* commit = next.commit.get();
    ++end.commits;
    end.oldest_time = next.time;
    Item& item = batch[0];
    item.has_parent_tree = false;
    item.commit.paths.clear();
    HistoryCommit& c = item.commit;
    c.id = hex_of(git_commit_id(commit));
    c.time = next.time;
    copy_signature(git_commit_author(commit), c.author_name, c.author_email);
    copy_signature(git_commit_committer(commit), c.committer_name, c.committer_email);
    const char* message = git_commit_message(commit);
    c.message.assign(message != nullptr ? message : "");
    c.parents = git_commit_parentcount(commit);
    git_oid_cpy(&item.tree, git_commit_tree_id(commit));
    for (unsigned int k = 0; k < c.parents; ++k) {
      git_commit* parent_raw = nullptr;
      int rc = git_commit_parent(&parent_raw, commit, k);
      if (rc == GIT_ENOTFOUND) {
        throw Error(
            fmt::format("{}: the parent of {} is not in the object store (a shallow or "
                        "partial clone? fetch full history, e.g. 'fetch-depth: 0')",
                        what, c.id));
      }
      check(rc, fmt::format("{}: parent {} of {}", what, k + 1, c.id));
      CommitPtr parent(parent_raw);
      if (k == 0) {
        git_oid_cpy(&item.parent_tree, git_commit_tree_id(parent.get()));
        item.has_parent_tree = true;
      }
      enqueue(std::move(parent));
    }
    diff_items(repo, batch, 0, 1, what);
    visit(c);
  }
  end.reached_root = !stopped;
  return end;
}

std::int64_t commit_time(const Snapshot& snapshot) {
  std::string what = fmt::format("read commit {}", snapshot.revision());
  git_oid id = parse_oid(snapshot.commit_id(), what);
  return git_commit_time(lookup_commit(snapshot.raw_repository(), &id, what).get());
}

std::string first_parent_before(const Snapshot& tip, std::int64_t before) {
  std::string what = fmt::format("walk the first-parent history of {}", tip.revision());
  git_oid id = parse_oid(tip.commit_id(), what);
  CommitPtr commit = lookup_commit(tip.raw_repository(), &id, what);
  while (true) {
    if (git_commit_time(commit.get()) < before) return hex_of(git_commit_id(commit.get()));
    if (git_commit_parentcount(commit.get()) == 0) return "";
    git_commit* parent = nullptr;
    int rc = git_commit_parent(&parent, commit.get(), 0);
    if (rc == GIT_ENOTFOUND) return "";  // shallow boundary: nothing older is known
    check(rc, what);
    commit.reset(parent);
  }
}

Mailmap::Mailmap(const std::string& text) {
  check(git_mailmap_from_buffer(&map_, text.data(), text.size()), "parse .mailmap");
}

Mailmap::~Mailmap() { git_mailmap_free(map_); }

std::pair<std::string, std::string> Mailmap::resolve(const std::string& name,
                                                     const std::string& email) const {
  const char* real_name = nullptr;
  const char* real_email = nullptr;
  if (git_mailmap_resolve(&real_name, &real_email, map_, name.c_str(), email.c_str()) < 0) {
    return {name, email};
  }
  return {real_name != nullptr ? real_name : name, real_email != nullptr ? real_email : email};
}

std::string remote_url(const Snapshot& any_snapshot, const std::string& name) {
  git_remote* raw = nullptr;
  if (git_remote_lookup(&raw, any_snapshot.raw_repository(), name.c_str()) < 0) return "";
  Owned<git_remote, git_remote_free> remote(raw);
  const char* url = git_remote_url(remote.get());
  return url != nullptr ? url : "";
}

}  // namespace sigwarden::git
