#include "git/history.h"

#include <fmt/format.h>

#include <cstring>
#include <memory>
#include <queue>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "git/commit_reader.h"
#include "git/diff.h"
#include "git/handle.h"
#include "git/pack_reader.h"

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
  std::shared_ptr<RawCommit> commit;
  git_oid id;
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
                const std::string& what, PackReader* packs) {
  for (std::size_t i = begin; i < end; ++i) {
    Item& item = items[i];
    if (item.commit.parents > 1) continue;  // merges are not diffed, as in `git log`
    changed_files(repo, item.has_parent_tree ? &item.parent_tree : nullptr, &item.tree,
                  fmt::format("{}: diff {}", what, item.commit.id), item.commit.paths, packs);
  }
}

}  // namespace

HistoryEnd walk_history(const Snapshot& tip, std::int64_t since,
                        const std::function<void(const HistoryCommit&)>& visit, std::int64_t mark) {
  // libgit2's revwalk sorts by time only after reading the whole history (its "limited" walk);
  // this walk reads commits lazily from a queue ordered by committer time and stops at the first
  // one older than since, so its cost follows the window, not the repository's age.
  git_repository* repo = tip.raw_repository();
  std::string what = fmt::format("walk history from {}", tip.revision());
  PackReader packs(git_repository_path(repo));
  CommitReader commits(repo, &packs);
  std::priority_queue<Pending, std::vector<Pending>, Older> queue;
  struct Known {
    git_oid tree;
    std::int64_t time;
  };
  std::unordered_map<git_oid, Known, OidHash, OidEq> known;  // every commit queued so far
  std::uint64_t order = 0;
  // Reads and queues a commit the first time it is seen.
  auto enqueue = [&](const git_oid& id) -> const Known& {
    auto it = known.find(id);
    if (it != known.end()) return it->second;
    auto commit = std::make_shared<RawCommit>();
    try {
      *commit = commits.read(id);
    } catch (const Error& e) {
      throw Error(fmt::format("{}: {}", what, e.what()));
    }
    git_oid tree;
    std::memcpy(tree.id, commit->tree.data(), GIT_OID_RAWSZ);
    const Known& k = known.emplace(id, Known{tree, commit->time}).first->second;
    queue.push({commit->time, order++, std::move(commit), id});
    return k;
  };
  git_oid chain = parse_oid(tip.commit_id(), what);  // the next first-parent commit expected
  bool chain_ends = false;
  enqueue(chain);

  // One commit at a time, diffed as soon as it is read: memory stays independent of history.
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
      end.stop_commit = hex_of(&next.id);
      end.stop_author_time = next.commit->author_time;
      break;
    }
    RawCommit& w = *next.commit;
    std::vector<git_oid> parents(w.parents.size());
    for (std::size_t k = 0; k < parents.size(); ++k) {
      std::memcpy(parents[k].id, w.parents[k].data(), GIT_OID_RAWSZ);
    }
    if (!chain_ends && end.first_parent_before_mark.empty() && git_oid_equal(&next.id, &chain)) {
      if (w.time < mark) {
        end.first_parent_before_mark = hex_of(&next.id);
      } else if (parents.empty()) {
        chain_ends = true;
      } else {
        chain = parents[0];
      }
    }
    ++end.commits;
    end.oldest_time = next.time;
    Item& item = batch[0];
    item.has_parent_tree = false;
    HistoryCommit& c = item.commit;
    c.paths.clear();
    c.id = hex_of(&next.id);
    c.time = w.time;
    c.author_time = w.author_time;
    c.author_name = std::move(w.author_name);
    c.author_email = std::move(w.author_email);
    c.committer_name = std::move(w.committer_name);
    c.committer_email = std::move(w.committer_email);
    c.message = std::move(w.message);
    c.parents = w.parents.size();
    std::memcpy(item.tree.id, w.tree.data(), GIT_OID_RAWSZ);
    for (std::size_t k = 0; k < parents.size(); ++k) {
      const Known& parent = enqueue(parents[k]);
      if (k == 0) {
        item.parent_tree = parent.tree;
        item.has_parent_tree = true;
      }
    }
    diff_items(repo, batch, 0, 1, what, &packs);
    visit(c);
  }
  end.reached_root = !stopped;
  // The chain's next commit was queued but not visited: it is older than since, so before mark.
  if (!chain_ends && end.first_parent_before_mark.empty() && known.count(chain) != 0) {
    end.first_parent_before_mark = hex_of(&chain);
  }
  return end;
}

std::int64_t commit_time(const Snapshot& snapshot) {
  git_oid id = parse_oid(snapshot.commit_id(), fmt::format("read commit {}", snapshot.revision()));
  return CommitReader(snapshot.raw_repository()).read(id).time;
}

std::string first_parent_before(const Snapshot& tip, std::int64_t before) {
  std::string what = fmt::format("walk the first-parent history of {}", tip.revision());
  git_repository* repo = tip.raw_repository();
  git_odb* raw_odb = nullptr;
  check(git_repository_odb(&raw_odb, repo), what);
  Owned<git_odb, git_odb_free> odb(raw_odb);
  CommitReader commits(repo);
  std::set<RawId> passed;  // a crafted object store can make a commit its own ancestor
  git_oid id = parse_oid(tip.commit_id(), what);
  try {
    while (true) {
      RawCommit c = commits.read(id);
      if (c.time < before) return hex_of(&id);
      if (c.parents.empty()) return "";
      RawId self;
      std::memcpy(self.data(), id.id, self.size());
      passed.insert(self);
      if (passed.count(c.parents[0]) != 0) {
        throw Error(fmt::format(
            "the first parent of commit {} is a commit already passed on the way (a commit "
            "cannot be its own ancestor: corrupt object store)",
            hex_of(&id)));
      }
      std::memcpy(id.id, c.parents[0].data(), GIT_OID_RAWSZ);
      if (git_odb_exists(odb.get(), &id) == 0) return "";  // shallow cut: nothing older known
    }
  } catch (const Error& e) {
    throw Error(fmt::format("{}: {}", what, e.what()));
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
