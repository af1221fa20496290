#include "git/history.h"

#include <fmt/format.h>

#include <charconv>
#include <cstring>
#include <memory>
#include <queue>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
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

// A commit as the walk needs it, read from the pack files when it can be (see pack_reader.h),
// else through libgit2.
struct WalkCommit {
  git_oid id{};
  git_oid tree{};
  std::vector<git_oid> parents;
  std::int64_t time = 0;  // committer time
  std::int64_t author_time = 0;
  std::string author_name;
  std::string author_email;
  std::string committer_name;
  std::string committer_email;
  std::string message;
};

std::string_view trim_space(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

// "Name <email> 1700000000 +0000", split as libgit2 does (the last '<' and '>', both parts
// trimmed): false when the line does not have that shape (libgit2 then reads the commit).
bool parse_signature(std::string_view line, std::string& name, std::string& email,
                     std::int64_t* time) {
  auto lt = line.rfind('<');
  auto gt = line.rfind('>');
  if (lt == std::string_view::npos || gt == std::string_view::npos || gt <= lt) return false;
  name.assign(trim_space(line.substr(0, lt)));
  email.assign(trim_space(line.substr(lt + 1, gt - lt - 1)));
  std::string_view rest = line.substr(gt + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  std::int64_t t = 0;
  auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), t);
  if (ec != std::errc() || end == rest.data()) return false;
  *time = t;
  return true;
}

bool parse_hex_id(std::string_view hex, git_oid& out) {
  return hex.size() == GIT_OID_HEXSZ && git_oid_fromstrn(&out, hex.data(), hex.size()) == 0;
}

// Parses a raw commit object; false when it is not the usual shape (libgit2 then reads it).
bool parse_commit(std::string_view data, WalkCommit& c) {
  bool tree = false;
  bool author = false;
  bool committer = false;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) return false;
    std::string_view line = data.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty()) {
      // As git_commit_message: leading newlines removed.
      std::string_view message = data.substr(pos);
      while (!message.empty() && message.front() == '\n') message.remove_prefix(1);
      c.message.assign(message);
      return tree && author && committer;
    }
    if (line.starts_with("tree ")) {
      if (tree || !parse_hex_id(line.substr(5), c.tree)) return false;
      tree = true;
    } else if (line.starts_with("parent ")) {
      git_oid parent;
      if (!parse_hex_id(line.substr(7), parent)) return false;
      c.parents.push_back(parent);
    } else if (line.starts_with("author ")) {
      author = parse_signature(line.substr(7), c.author_name, c.author_email, &c.author_time);
    } else if (line.starts_with("committer ")) {
      committer = parse_signature(line.substr(10), c.committer_name, c.committer_email, &c.time);
    }  // other headers (encoding, gpgsig and its continuation lines, mergetag) are not needed
  }
  c.message.clear();  // no blank line: a commit without a message
  return tree && author && committer;
}

std::shared_ptr<WalkCommit> read_commit(git_repository* repo, PackReader& packs, const git_oid& id,
                                        const std::string& what) {
  auto c = std::make_shared<WalkCommit>();
  c->id = id;
  std::shared_ptr<const PackObject> raw = packs.read(id.id);
  if (raw && raw->type == GIT_OBJECT_COMMIT && parse_commit(raw->data, *c)) return c;
  *c = WalkCommit{};
  c->id = id;
  CommitPtr commit = lookup_commit(repo, &id, what);
  git_oid_cpy(&c->tree, git_commit_tree_id(commit.get()));
  for (unsigned int k = 0; k < git_commit_parentcount(commit.get()); ++k) {
    c->parents.push_back(*git_commit_parent_id(commit.get(), k));
  }
  c->time = git_commit_time(commit.get());
  const git_signature* author = git_commit_author(commit.get());
  c->author_time = author != nullptr ? author->when.time : c->time;
  copy_signature(git_commit_author(commit.get()), c->author_name, c->author_email);
  copy_signature(git_commit_committer(commit.get()), c->committer_name, c->committer_email);
  const char* message = git_commit_message(commit.get());
  c->message.assign(message != nullptr ? message : "");
  return c;
}

// A commit waiting in the walk's queue: newest committer time first, like `git log`.
struct Pending {
  std::int64_t time;
  std::uint64_t order;  // insertion order breaks ties, so the walk is deterministic
  std::shared_ptr<WalkCommit> commit;
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
    std::shared_ptr<WalkCommit> commit = read_commit(repo, packs, id, what);
    const Known& k = known.emplace(id, Known{commit->tree, commit->time}).first->second;
    queue.push({commit->time, order++, std::move(commit)});
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
      end.stop_commit = hex_of(&next.commit->id);
      end.stop_author_time = next.commit->author_time;
      break;
    }
    WalkCommit& w = *next.commit;
    if (!chain_ends && end.first_parent_before_mark.empty() && git_oid_equal(&w.id, &chain)) {
      if (w.time < mark) {
        end.first_parent_before_mark = hex_of(&w.id);
      } else if (w.parents.empty()) {
        chain_ends = true;
      } else {
        chain = w.parents[0];
      }
    }
    ++end.commits;
    end.oldest_time = next.time;
    Item& item = batch[0];
    item.has_parent_tree = false;
    HistoryCommit& c = item.commit;
    c.paths.clear();
    c.id = hex_of(&w.id);
    c.time = w.time;
    c.author_time = w.author_time;
    c.author_name = std::move(w.author_name);
    c.author_email = std::move(w.author_email);
    c.committer_name = std::move(w.committer_name);
    c.committer_email = std::move(w.committer_email);
    c.message = std::move(w.message);
    c.parents = w.parents.size();
    item.tree = w.tree;
    for (std::size_t k = 0; k < w.parents.size(); ++k) {
      const Known& parent = enqueue(w.parents[k]);
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
