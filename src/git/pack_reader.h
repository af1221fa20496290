// A read-only reader of a repository's pack files for the history walk, with a cache of
// resolved delta results.
//
// Why it exists: a history walk reads each version of each changed tree, newest first. In packs
// written by git (depth up to 50), an older tree version is a delta on a newer one, so reading
// it means applying every delta of its chain. git keeps every intermediate result in its delta
// base cache; libgit2 1.5 caches only the chain's full base, so it re-applies ~25 deltas per tree
// and a one-year walk ran 3x slower than `git log`. This reader caches every resolved object by
// pack offset (LRU, bounded in bytes), so walking back one version costs one delta.
//
// It reads pack index v2 and pack v2/v3 files (SHA-1); packs of other versions are skipped and
// their objects, like loose ones, are left to libgit2 (read() returns nothing). An object it
// finds but cannot read is corruption, reported as an Error naming the object and the pack,
// never handed to libgit2, which allocates without bound on some corrupt packs (a delta whose
// base is itself). Files are mapped read-only; memory is the cache budget (the recently read
// objects count against it) plus the objects callers hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "git/pack_file.h"

namespace sigwarden::git {

// The largest tree object the walks read: a directory of about three million entries. A pull
// request can push a 1 GiB tree that packs into a few kilobytes.
inline constexpr std::size_t kMaxTreeBytes = std::size_t{128} << 20;

// git's object type numbers.
enum class ObjectType { kAny = 0, kCommit = 1, kTree = 2, kBlob = 3, kTag = 4 };

// The name of an object type as git writes it ("commit", "tree", ...).
const char* object_type_name(int type);

struct PackObject {
  int type = 0;  // an ObjectType
  std::string data;
  // Only the first ObjectLimits::max_size bytes were read (the object is longer).
  bool truncated = false;
};

// What a caller expects of an object.
struct ObjectLimits {
  ObjectType type = ObjectType::kAny;  // another type is an error, found before inflating
  std::size_t max_size = kMaxPackObject;
  // Over max_size: false is an error (found before inflating); true reads the first max_size
  // bytes of an object stored whole (a commit whose message is cut), and is an error for one
  // stored as a delta.
  bool truncate = false;
};

class PackReader {
 public:
  // Opens every objects/pack/*.idx (v2) of the git directory git_dir with its .pack. Packs that
  // cannot be read are skipped (their objects fall back to libgit2).
  explicit PackReader(const std::string& git_dir, std::size_t cache_bytes = 96u << 20);
  ~PackReader();
  PackReader(const PackReader&) = delete;
  PackReader& operator=(const PackReader&) = delete;

  // The object with the 20-byte raw id, or null when no readable pack has it. When several packs
  // hold the id, the copy whose content hashes to the id is read (as git would, for a sound
  // one). Throws Error naming the object and pack when it is corrupt (an entry or delta that
  // does not parse, a delta chain that loops or is deeper than git writes, no copy matching its
  // id), of another type than limits.type, or larger than limits allow.
  std::shared_ptr<const PackObject> read(const unsigned char* id, const ObjectLimits& limits = {});

  std::size_t packs() const;

  // The bytes of the objects the cache and the recent slots hold (at most 1.5 x the budget).
  std::size_t held_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sigwarden::git
