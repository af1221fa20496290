#include "git/commit_graph.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/error.h"

namespace sigwarden::git {

namespace {

// git's object flags, as commit-reach.c and revision.c use them.
constexpr int kParent1 = 1 << 0;
constexpr int kParent2 = 1 << 1;
constexpr int kStale = 1 << 2;
constexpr int kResult = 1 << 3;
constexpr int kSeen = 1 << 4;
constexpr int kUninteresting = 1 << 5;
constexpr int kSlop = 5;  // revision.c: commits to look at after everything left is uninteresting

// git's date-ordered commit lists and queues: newest first, equal dates in insertion order.
struct Queued {
  std::int64_t time;
  std::uint64_t order;
  RawId id;
};
struct Later {
  bool operator()(const Queued& a, const Queued& b) const {
    return a.time != b.time ? a.time < b.time : a.order > b.order;
  }
};

class DateQueue {
 public:
  void put(std::int64_t time, const RawId& id) {
    heap_.push_back({time, order_++, id});
    std::push_heap(heap_.begin(), heap_.end(), Later());
  }
  RawId get() {
    std::pop_heap(heap_.begin(), heap_.end(), Later());
    RawId id = heap_.back().id;
    heap_.pop_back();
    return id;
  }
  bool empty() const { return heap_.empty(); }
  // Whether pred holds for every queued commit (git scans its queue the same way).
  template <typename Pred>
  bool all(Pred pred) const {
    return std::all_of(heap_.begin(), heap_.end(), [&](const Queued& q) { return pred(q.id); });
  }
  // The newest queued commit's date.
  std::int64_t newest() const { return heap_.front().time; }

 private:
  std::vector<Queued> heap_;
  std::uint64_t order_ = 0;
};

}  // namespace

RawId raw_id(const git_oid& id) {
  RawId out;
  std::memcpy(out.data(), id.id, out.size());
  return out;
}

git_oid to_oid(const RawId& id) {
  git_oid out;
  std::memcpy(out.id, id.data(), id.size());
  return out;
}

std::size_t CommitGraph::IdHash::operator()(const RawId& id) const {
  std::size_t h = 0;
  std::memcpy(&h, id.data(), sizeof h);
  return h;
}

CommitGraph::CommitGraph(git_repository* repo) : reader_(repo) {
  // In a linked worktree .git/shallow is in the common directory.
  std::ifstream in(std::filesystem::path(git_repository_commondir(repo)) / "shallow");
  for (std::string line; std::getline(in, line);) {
    git_oid id;
    if (line.size() >= GIT_OID_HEXSZ && git_oid_fromstrn(&id, line.data(), GIT_OID_HEXSZ) == 0) {
      cut_.insert(raw_id(id));
    }
  }
}

CommitGraph::Node& CommitGraph::node(const RawId& id) {
  Node& n = nodes_[id];
  if (!n.parsed) {
    RawCommit c = reader_.read(to_oid(id));
    n.time = c.time;
    if (cut_.count(id) == 0) n.parents = std::move(c.parents);
    n.parsed = true;
  }
  return n;
}

void CommitGraph::clear_flags() {
  for (auto& [id, n] : nodes_) n.flags = 0;
}

std::vector<RawId> CommitGraph::paint(const RawId& one, const std::vector<RawId>& twos) {
  node(one).flags |= kParent1;
  if (twos.empty()) return {one};
  DateQueue queue;
  queue.put(node(one).time, one);
  for (const RawId& two : twos) {
    Node& n = node(two);
    n.flags |= kParent2;
    queue.put(n.time, two);
  }
  std::vector<RawId> found;
  while (!queue.all([&](const RawId& id) { return (nodes_[id].flags & kStale) != 0; })) {
    RawId id = queue.get();
    Node& n = node(id);
    int flags = n.flags & (kParent1 | kParent2 | kStale);
    if (flags == (kParent1 | kParent2)) {
      if ((n.flags & kResult) == 0) {
        n.flags |= kResult;
        found.push_back(id);
      }
      flags |= kStale;  // the parents of a common commit are not better answers
    }
    std::vector<RawId> parents = n.parents;
    for (const RawId& p : parents) {
      Node& pn = node(p);
      if ((pn.flags & flags) == flags) continue;
      pn.flags |= flags;
      queue.put(pn.time, p);
    }
  }
  std::vector<RawId> out;
  for (const RawId& id : found) {
    if ((nodes_[id].flags & kStale) == 0) out.push_back(id);
  }
  std::stable_sort(out.begin(), out.end(),
                   [&](const RawId& x, const RawId& y) { return nodes_[x].time > nodes_[y].time; });
  return out;
}

std::optional<git_oid> CommitGraph::merge_base(const git_oid& a, const git_oid& b) {
  RawId ra = raw_id(a);
  RawId rb = raw_id(b);
  if (ra == rb) return a;
  clear_flags();
  std::vector<RawId> bases = paint(ra, {rb});
  if (bases.size() > 1) {
    // remove_redundant: a base that is an ancestor of another is not a best one.
    std::vector<bool> redundant(bases.size(), false);
    for (std::size_t i = 0; i < bases.size(); ++i) {
      if (redundant[i]) continue;
      std::vector<RawId> others;
      std::vector<std::size_t> index;
      for (std::size_t j = 0; j < bases.size(); ++j) {
        if (j == i || redundant[j]) continue;
        others.push_back(bases[j]);
        index.push_back(j);
      }
      clear_flags();
      paint(bases[i], others);
      if ((nodes_[bases[i]].flags & kParent2) != 0) redundant[i] = true;
      for (std::size_t k = 0; k < others.size(); ++k) {
        if ((nodes_[others[k]].flags & kParent1) != 0) redundant[index[k]] = true;
      }
    }
    std::vector<RawId> kept;
    for (std::size_t i = 0; i < bases.size(); ++i) {
      if (!redundant[i]) kept.push_back(bases[i]);
    }
    bases = std::move(kept);
  }
  clear_flags();
  if (bases.empty()) return std::nullopt;
  return to_oid(bases.front());
}

std::vector<git_oid> CommitGraph::between(const git_oid* a, const git_oid& b) {
  clear_flags();
  DateQueue list;
  RawId rb = raw_id(b);
  node(rb).flags |= kSeen;
  list.put(node(rb).time, rb);
  if (a != nullptr) {
    RawId ra = raw_id(*a);
    Node& na = node(ra);
    na.flags |= kSeen | kUninteresting;
    list.put(na.time, ra);
  }
  // mark_parents_uninteresting: through the parents already read, never reading new ones.
  auto mark_parents_uninteresting = [&](const Node& from) {
    std::vector<RawId> pending(from.parents.rbegin(), from.parents.rend());
    while (!pending.empty()) {
      RawId id = pending.back();
      pending.pop_back();
      Node& n = nodes_[id];
      if ((n.flags & kUninteresting) != 0) continue;
      n.flags |= kUninteresting;
      for (auto it = n.parents.rbegin(); it != n.parents.rend(); ++it) pending.push_back(*it);
    }
  };
  std::vector<RawId> listed;
  std::int64_t date = std::numeric_limits<std::int64_t>::max();
  int slop = kSlop;
  while (!list.empty()) {
    RawId id = list.get();
    Node& n = node(id);
    bool uninteresting = (n.flags & kUninteresting) != 0;
    std::vector<RawId> parents = n.parents;
    for (const RawId& p : parents) {  // process_parents
      if (uninteresting) nodes_[p].flags |= kUninteresting;
      Node& pn = node(p);
      if (uninteresting && !pn.parents.empty()) mark_parents_uninteresting(pn);
      if ((pn.flags & kSeen) != 0) continue;
      pn.flags |= kSeen;
      list.put(pn.time, p);
    }
    if (uninteresting) {
      mark_parents_uninteresting(n);
      // still_interesting
      if (list.empty()) break;
      bool everybody_uninteresting =
          list.all([&](const RawId& q) { return (nodes_[q].flags & kUninteresting) != 0; });
      if (date <= list.newest() || !everybody_uninteresting) {
        slop = kSlop;
      } else if (--slop == 0) {
        break;
      }
      continue;
    }
    date = n.time;
    listed.push_back(id);
  }
  std::vector<git_oid> out;
  for (const RawId& id : listed) {
    if ((nodes_[id].flags & kUninteresting) == 0) out.push_back(to_oid(id));
  }
  clear_flags();
  return out;
}

}  // namespace sigwarden::git
