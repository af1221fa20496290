#include "git/pack_reader.h"

#include <fmt/format.h>
#include <git2.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <list>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"

namespace sigwarden::git {

static_assert(kObjectIdSize == GIT_OID_RAWSZ, "the raw pack and tree parsers assume SHA-1 ids");

namespace {

std::string hex(const unsigned char* id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * kObjectIdSize, '0');
  for (std::size_t i = 0; i < kObjectIdSize; ++i) {
    out[2 * i] = kDigits[id[i] >> 4];
    out[2 * i + 1] = kDigits[id[i] & 15];
  }
  return out;
}

// An intermediate result of a delta chain may be larger than the object asked for, but not by
// much in a pack git wrote (it deltifies versions of one path, of similar sizes).
std::size_t intermediate_limit(std::size_t max_size) {
  return std::min(kMaxPackObject, std::max(max_size, kMaxPackObject / 1024) * 4);
}

}  // namespace

const char* object_type_name(int type) {
  switch (type) {
    case 1:
      return "commit";
    case 2:
      return "tree";
    case 3:
      return "blob";
    case 4:
      return "tag";
    default:
      return "object";
  }
}

struct PackReader::Impl {
  std::vector<std::unique_ptr<PackFile>> packs;
  std::size_t budget;
  std::size_t bytes = 0;
  using Key = std::uint64_t;  // pack number in the top 16 bits, offset below
  std::list<std::pair<Key, std::shared_ptr<const PackObject>>> lru;  // most recent first
  std::unordered_map<Key, decltype(lru)::iterator> cache;
  Inflater z;
  std::string scratch;
  // Objects just read, by id (direct-mapped on the id's first bytes): a walk reads each tree
  // version twice in a row (as one commit's tree, then as its child's parent tree), and a hit
  // here skips the index search and the offset cache. Their bytes count against the budget:
  // without that, a walk over versions of one huge tree kept one version per slot.
  struct Recent {
    unsigned char id[kObjectIdSize] = {};
    std::shared_ptr<const PackObject> object;
  };
  static constexpr std::size_t kRecent = 8192;
  std::vector<Recent> recent = std::vector<Recent>(kRecent);
  std::size_t recent_bytes = 0;

  explicit Impl(std::size_t cache_bytes) : budget(cache_bytes) {}

  Recent& slot(const unsigned char* id) {
    std::size_t h = 0;
    std::memcpy(&h, id, sizeof h);
    return recent[h & (kRecent - 1)];
  }

  void keep_recent(Recent& r, const unsigned char* id,
                   const std::shared_ptr<const PackObject>& object) {
    std::size_t size = object->data.size() + 64;
    if (size > budget / 64) return;  // large objects stay in the offset cache only
    if (r.object) recent_bytes -= r.object->data.size() + 64;
    std::memcpy(r.id, id, kObjectIdSize);
    r.object = object;
    recent_bytes += size;
    if (recent_bytes > budget / 2) {
      for (Recent& each : recent) each.object.reset();
      recent_bytes = 0;
    }
  }

  std::shared_ptr<const PackObject> cached(Key key) {
    auto it = cache.find(key);
    if (it == cache.end()) return nullptr;
    lru.splice(lru.begin(), lru, it->second);
    return it->second->second;
  }

  void remember(Key key, const std::shared_ptr<const PackObject>& object) {
    std::size_t size = object->data.size() + 64;
    if (size > budget / 4 || cache.count(key) != 0) return;
    lru.emplace_front(key, object);
    cache.emplace(key, lru.begin());
    bytes += size;
    while (bytes > budget && !lru.empty()) {
      bytes -= lru.back().second->data.size() + 64;
      cache.erase(lru.back().first);
      lru.pop_back();
    }
  }

  [[noreturn]] static void corrupt(const unsigned char* id, const PackFile& pack,
                                   std::uint64_t offset, std::string_view problem) {
    throw Error(fmt::format("object {} in {} at offset {}: {} (corrupt pack)", hex(id), pack.name(),
                            offset, problem));
  }

  [[noreturn]] static void too_large(const unsigned char* id, int type, std::uint64_t size,
                                     std::size_t limit) {
    throw Error(fmt::format("{} {} is {} bytes, over sigwarden's limit of {} bytes for a {}",
                            object_type_name(type), hex(id), size, limit, object_type_name(type)));
  }

  std::shared_ptr<const PackObject> resolve(std::size_t pack_number, std::uint64_t offset,
                                            const unsigned char* id, const ObjectLimits& limits) {
    const PackFile& pack = *packs[pack_number];
    constexpr std::uint64_t kOffsetLimit = std::uint64_t{1} << 48;
    auto key_of = [&](std::uint64_t o) { return (Key{pack_number} << 48) | o; };
    if (offset >= kOffsetLimit) corrupt(id, pack, offset, "offset out of range");
    // Headers first, nothing inflated: the chain of deltas down to a base (or to a cached
    // result), so that the type and the size are known before any allocation.
    std::vector<std::pair<std::uint64_t, PackEntry>> chain;  // outermost first
    std::shared_ptr<const PackObject> base;
    PackEntry base_entry;
    std::uint64_t at = offset;
    while (true) {
      if ((base = cached(key_of(at)))) break;
      std::optional<PackEntry> e = pack.entry(at);
      if (!e) corrupt(id, pack, at, "malformed entry header");
      if (e->type >= 1 && e->type <= 4) {
        base_entry = *e;
        break;
      }
      std::optional<std::uint64_t> next =
          e->type == 6 ? std::optional<std::uint64_t>(e->base) : pack.find(e->base_id);
      if (!next) corrupt(id, pack, at, "the base of a delta is not in the pack");
      bool loops = *next == at || std::any_of(chain.begin(), chain.end(),
                                              [&](const auto& c) { return c.first == *next; });
      if (loops) corrupt(id, pack, at, "its delta chain loops back on itself");
      if (chain.size() >= static_cast<std::size_t>(kMaxDeltaChain)) {
        corrupt(id, pack, at, fmt::format("delta chain deeper than {}", kMaxDeltaChain));
      }
      chain.emplace_back(at, *e);
      at = *next;
    }
    int type = base ? base->type : base_entry.type;
    if (limits.type != ObjectType::kAny && type != static_cast<int>(limits.type)) {
      throw Error(fmt::format("object {} is a {}, not a {}", hex(id), object_type_name(type),
                              object_type_name(static_cast<int>(limits.type))));
    }
    if (chain.empty() && base && base->data.size() > limits.max_size) {
      if (!limits.truncate) too_large(id, type, base->data.size(), limits.max_size);
      auto cut = std::make_shared<PackObject>(*base);
      cut->data.resize(limits.max_size);
      cut->truncated = true;
      return cut;
    }
    if (chain.empty() && !base) {
      if (base_entry.size > limits.max_size) {
        if (!limits.truncate) too_large(id, type, base_entry.size, limits.max_size);
        auto cut = std::make_shared<PackObject>();
        cut->type = type;
        cut->truncated = true;
        if (!pack.inflate(z, base_entry, cut->data, limits.max_size)) {
          corrupt(id, pack, offset, "zlib stream is corrupt");
        }
        return cut;  // never cached: the next reader may want all of it
      }
    } else if (!chain.empty()) {
      // The outermost delta's header says the object's size.
      const PackEntry& outer = chain.front().second;
      if (!pack.inflate(z, outer, scratch, 32)) corrupt(id, pack, offset, "zlib stream is corrupt");
      auto sizes =
          delta_sizes(reinterpret_cast<const unsigned char*>(scratch.data()), scratch.size());
      if (!sizes) corrupt(id, pack, offset, "malformed delta header");
      if (sizes->target > limits.max_size) too_large(id, type, sizes->target, limits.max_size);
    }
    if (!base) {
      if (base_entry.size > intermediate_limit(limits.max_size)) {
        corrupt(id, pack, at, fmt::format("delta base of {} bytes", base_entry.size));
      }
      auto object = std::make_shared<PackObject>();
      object->type = type;
      if (!pack.inflate(z, base_entry, object->data, kMaxPackObject)) {
        corrupt(id, pack, at, "zlib stream is corrupt");
      }
      remember(key_of(at), object);
      base = std::move(object);
    }
    // Apply the deltas from the base outwards, keeping every intermediate result: the next
    // (older) version of the same tree is usually one more delta on top of this one.
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      if (it->second.size > 8 * intermediate_limit(limits.max_size) + 64 ||
          !pack.inflate(z, it->second, scratch, kMaxPackObject)) {
        corrupt(id, pack, it->first, "zlib stream of a delta is corrupt");
      }
      std::optional<std::string> data =
          apply_delta(base->data, reinterpret_cast<const unsigned char*>(scratch.data()),
                      scratch.size(), intermediate_limit(limits.max_size));
      if (!data) corrupt(id, pack, it->first, "a delta does not apply to its base");
      auto object = std::make_shared<PackObject>();
      object->type = type;
      object->data = std::move(*data);
      remember(key_of(it->first), object);
      base = std::move(object);
    }
    return base;
  }

  // True when data is the content of the object id of that type.
  static bool hashes_to(const unsigned char* id, const PackObject& object) {
    git_oid computed;
    if (git_odb_hash(&computed, object.data.data(), object.data.size(),
                     static_cast<git_object_t>(object.type)) != 0) {
      return false;
    }
    return std::memcmp(computed.id, id, kObjectIdSize) == 0;
  }
};

PackReader::PackReader(const std::string& git_dir, std::size_t cache_bytes)
    : impl_(std::make_unique<Impl>(cache_bytes)) {
  std::error_code ec;
  std::vector<std::filesystem::path> indexes;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::filesystem::path(git_dir) / "objects" / "pack", ec)) {
    if (entry.path().extension() == ".idx") indexes.push_back(entry.path());
  }
  std::sort(indexes.begin(), indexes.end());
  for (const auto& path : indexes) {
    if (auto pack = PackFile::open(path)) impl_->packs.push_back(std::move(pack));
  }
}

PackReader::~PackReader() = default;

std::shared_ptr<const PackObject> PackReader::read(const unsigned char* id,
                                                   const ObjectLimits& limits) {
  Impl::Recent& recent = impl_->slot(id);
  if (recent.object && std::memcmp(recent.id, id, kObjectIdSize) == 0) {
    const PackObject& o = *recent.object;
    if ((limits.type == ObjectType::kAny || o.type == static_cast<int>(limits.type)) &&
        o.data.size() <= limits.max_size) {
      return recent.object;
    }
  }
  std::vector<std::pair<std::size_t, std::uint64_t>> found;
  for (std::size_t i = 0; i < impl_->packs.size(); ++i) {
    if (std::optional<std::uint64_t> offset = impl_->packs[i]->find(id)) {
      found.emplace_back(i, *offset);
    }
  }
  if (found.empty()) return nullptr;
  std::shared_ptr<const PackObject> object;
  if (found.size() == 1) {
    object = impl_->resolve(found[0].first, found[0].second, id, limits);
  } else {
    // Copies in several packs must be equal; a crafted pack can disagree. Read the one whose
    // content is the id's, as git does when it verifies (and libgit2 does by chance).
    for (const auto& [pack, offset] : found) {
      std::shared_ptr<const PackObject> candidate = impl_->resolve(pack, offset, id, limits);
      if (candidate->truncated || Impl::hashes_to(id, *candidate)) {
        object = std::move(candidate);
        break;
      }
    }
    if (!object) {
      throw Error(
          fmt::format("object {}: none of its {} copies in {} and {} hashes to its id "
                      "(corrupt pack)",
                      hex(id), found.size(), impl_->packs[found[0].first]->name(),
                      impl_->packs[found[1].first]->name()));
    }
  }
  if (!object->truncated) impl_->keep_recent(recent, id, object);
  return object;
}

std::size_t PackReader::packs() const { return impl_->packs.size(); }

std::size_t PackReader::held_bytes() const { return impl_->bytes + impl_->recent_bytes; }

}  // namespace sigwarden::git
