// The checks every tree walk of the git layer makes, because a pull request can push any tree
// object it likes and sigwarden reads it on the CI machine.
//
// Depth. git 2.44 refuses trees nested deeper than core.maxTreeDepth (4,096 by default); a
// directory nested 100,000 levels costs its author a few megabytes. The walks here keep their own
// stacks instead of recursing, and stop at the same depth as git, with an error naming the path.
//
// Cycles. sigwarden turns off libgit2's hash verification (re-hashing every object costs time),
// so an object store can hold a tree whose content names its own id, directly or through a
// descendant. Git cannot write one (the id would be a SHA-1 fixed point); reading one, a walk
// would never end. Each walk keeps the ids of the trees between the root and where it is, and a
// tree met again on that path is corruption.
//
// Order. libgit2 looks a name up by binary search, which answers wrongly (a SIG folder "not
// there") on a tree whose entries are out of git's order or named twice: git fsck's treeNotSorted
// and duplicateEntries. Each tree is checked once where it is read, entry against entry before it.
//
// Long names. git takes entry names of any length; libgit2 1.5 refuses a tree with one over
// 65,535 bytes ("can't parse filename"). The error then says that, not "corrupt".
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "git/handle.h"

namespace sigwarden::git {

// git's default core.maxTreeDepth: a walk enters trees down to this depth (the root is 0).
inline constexpr std::size_t kMaxTreeDepth = 4096;

// Where a walk runs, for its messages: "<prefix>read tree 'a/b' (<id>)<suffix>: ...", e.g. a
// prefix "compare main with HEAD: " or a suffix " at HEAD".
struct TreeContext {
  std::string prefix;
  std::string suffix;
};

// path for a message: the first three and last two segments of a deep path around "…", long
// segments cut, control characters escaped (a message stays one line).
std::string short_path(std::string_view path);

// memcmp of n bytes, eight at a time: inline, as the walks compare every entry they pass with its
// neighbour (a history walk, hundreds of millions of short names, which differ early).
inline int compare_bytes(const char* a, const char* b, std::size_t n) {
  for (; n >= 8; a += 8, b += 8, n -= 8) {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    std::memcpy(&x, a, 8);
    std::memcpy(&y, b, 8);
    if (x == y) continue;
    if constexpr (std::endian::native == std::endian::little) {
      x = __builtin_bswap64(x);
      y = __builtin_bswap64(y);
    }
    return x < y ? -1 : 1;
  }
  for (; n > 0; ++a, ++b, --n) {
    if (*a != *b) return static_cast<unsigned char>(*a) < static_cast<unsigned char>(*b) ? -1 : 1;
  }
  return 0;
}

// git's tree order: names compared bytewise, a directory as if its name ended in '/'.
inline int tree_order(std::string_view a, bool a_dir, std::string_view b, bool b_dir) {
  std::size_t n = std::min(a.size(), b.size());
  int c = compare_bytes(a.data(), b.data(), n);
  if (c != 0) return c;
  unsigned char ca = a.size() > n ? static_cast<unsigned char>(a[n]) : (a_dir ? '/' : '\0');
  unsigned char cb = b.size() > n ? static_cast<unsigned char>(b[n]) : (b_dir ? '/' : '\0');
  return static_cast<int>(ca) - static_cast<int>(cb);
}

// Checks the entries of one tree in turn, each against those before it, as git fsck does. The
// names must stay valid while the check runs (they point into the tree object).
class OrderCheck {
 public:
  enum class Fault { kNone, kNotSorted, kDuplicate };
  // The next entry's name and whether it is a directory; the first fault it shows.
  Fault next(std::string_view name, bool dir) {
    if (started_ && files_.empty() &&
        compare_bytes(prev_.data(), name.data(), std::min(prev_.size(), name.size())) < 0) {
      prev_ = name;  // the usual case, inline: names differ before either ends
      prev_dir_ = dir;
      return Fault::kNone;
    }
    return next_slowly(name, dir);
  }

 private:
  Fault next_slowly(std::string_view name, bool dir);

  std::string_view prev_;
  bool prev_dir_ = false;
  bool started_ = false;
  // Files that a directory of the same name could still follow: 'x' < 'x-1' < 'x.c' < 'x/'.
  std::vector<std::string_view> files_;
};

// Throws Error for a fault of the tree with id at path: "tree 'sigs' (<id>) at HEAD is not
// sorted as git requires (git fsck: treeNotSorted)" or "... has two entries named 'x' (git fsck:
// duplicateEntries)".
[[noreturn]] void throw_order_fault(OrderCheck::Fault fault, std::string_view name,
                                    std::string_view path, const git_oid& id,
                                    const TreeContext& where);

// Checks the order of a tree libgit2 has read; throws as throw_order_fault.
void check_order(const git_tree* tree, std::string_view path, const git_oid& id,
                 const TreeContext& where);

// Throws Error when a tree at depth (the number of segments of path) is deeper than
// kMaxTreeDepth.
void check_depth(std::size_t depth, std::string_view path, const git_oid& id,
                 const TreeContext& where);

// Throws Error: the tree with id, met at path, is already on the way there from the root.
[[noreturn]] void throw_cycle(std::string_view path, const git_oid& id, const TreeContext& where);

// The ids of the trees on the path from a walk's root to where it is, on one side of the walk.
class TreePath {
 public:
  // Enters the tree with id at path. Throws Error when it is already on the path (the tree
  // contains itself).
  void enter(const git_oid& id, std::string_view path, const TreeContext& where);
  void leave();

 private:
  struct Hash {
    std::size_t operator()(const git_oid& id) const;
  };
  struct Equal {
    bool operator()(const git_oid& a, const git_oid& b) const;
  };
  std::vector<git_oid> ids_;
  // The ids past the first kScanned, for deep paths (the first ones are compared in a loop).
  static constexpr std::size_t kScanned = 32;
  std::unordered_set<git_oid, Hash, Equal> deep_;
};

// Reads the tree with id at path with libgit2 and checks its order. Throws Error naming path and
// id when it cannot be read: not in the object store, an entry name libgit2 cannot parse, or
// what libgit2 says.
TreePtr read_tree(git_repository* repo, const git_oid& id, std::string_view path,
                  const TreeContext& where);

// Throws the Error for a failed libgit2 read (rc) of the tree with id at path, saying what is
// wrong when libgit2's message would misname it.
[[noreturn]] void throw_tree_read_error(git_repository* repo, int rc, std::string_view path,
                                        const git_oid& id, const TreeContext& where);

}  // namespace sigwarden::git
