#include "git/pack_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <filesystem>
#include <list>
#include <unordered_map>

namespace sigwarden::git {

namespace {

constexpr std::size_t kIdSize = 20;
constexpr std::size_t kTrailer = 2 * kIdSize;  // pack checksum + index checksum
constexpr std::size_t kMaxObject = std::size_t{1} << 30;
constexpr int kMaxChain = 10000;

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

std::uint64_t be64(const unsigned char* p) {
  return (std::uint64_t{be32(p)} << 32) | std::uint64_t{be32(p + 4)};
}

// A file mapped read-only for the reader's lifetime.
class Mapped {
 public:
  explicit Mapped(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      void* p =
          ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = static_cast<const unsigned char*>(p);
        size_ = static_cast<std::size_t>(st.st_size);
      }
    }
    ::close(fd);
  }
  ~Mapped() {
    if (data_ != nullptr) ::munmap(const_cast<unsigned char*>(data_), size_);
  }
  Mapped(const Mapped&) = delete;
  Mapped& operator=(const Mapped&) = delete;
  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  const unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

struct Pack {
  std::unique_ptr<Mapped> idx;
  std::unique_ptr<Mapped> pack;
  std::uint32_t count = 0;
  const unsigned char* fanout = nullptr;
  const unsigned char* ids = nullptr;
  const unsigned char* offsets32 = nullptr;
  const unsigned char* offsets64 = nullptr;
  std::size_t large = 0;

  // Reads the index; false when it is not a usable v2 index of a v2/v3 pack.
  bool open(const std::filesystem::path& idx_path) {
    idx = std::make_unique<Mapped>(idx_path);
    std::filesystem::path pack_path = idx_path;
    pack_path.replace_extension(".pack");
    pack = std::make_unique<Mapped>(pack_path);
    const unsigned char* d = idx->data();
    std::size_t n = idx->size();
    if (d == nullptr || n < 8 + 1024 + kTrailer) return false;
    if (std::memcmp(d, "\377tOc", 4) != 0 || be32(d + 4) != 2) return false;
    fanout = d + 8;
    for (std::size_t i = 1; i < 256; ++i) {
      if (be32(fanout + 4 * i) < be32(fanout + 4 * (i - 1))) return false;
    }
    count = be32(fanout + std::size_t{4} * 255);
    std::size_t fixed = 8 + 1024 + std::size_t{count} * (kIdSize + 4 + 4) + kTrailer;
    if (n < fixed || (n - fixed) % 8 != 0) return false;
    ids = fanout + 1024;
    offsets32 = ids + std::size_t{count} * (kIdSize + 4);
    offsets64 = offsets32 + std::size_t{count} * 4;
    large = (n - fixed) / 8;
    const unsigned char* p = pack->data();
    if (p == nullptr || pack->size() < 12 + kIdSize || std::memcmp(p, "PACK", 4) != 0) return false;
    std::uint32_t version = be32(p + 4);
    return (version == 2 || version == 3) && be32(p + 8) == count;
  }

  std::optional<std::uint64_t> find(const unsigned char* id) const {
    std::size_t first = id[0];
    std::uint32_t lo = first == 0 ? 0 : be32(fanout + 4 * (first - 1));
    std::uint32_t hi = be32(fanout + 4 * first);
    // Object ids are uniformly distributed: guess the position from the next id bytes, then
    // narrow the range around the guess by doubling steps before the binary search. A few
    // probes instead of ~20 on an index of a million objects.
    if (hi - lo > 16) {
      auto key = [&](std::uint32_t i) { return be32(ids + std::size_t{i} * kIdSize) & 0xffffffU; };
      std::uint32_t want = be32(id) & 0xffffffU;
      std::uint64_t span = std::uint64_t{hi - lo};
      auto guess = static_cast<std::uint32_t>(
          lo + std::min<std::uint64_t>(span - 1, span * want / 0x1000000U));
      std::uint32_t lo_bound = lo;
      {  // lo: an index whose key is below want, or the range start
        std::uint32_t step = 1;
        std::uint32_t at = guess;
        if (key(at) < want) {
          while (at + step < hi && key(at + step) < want) {
            at += step;
            step <<= 1;
          }
          lo = at;
        } else {
          while (at > lo + step && key(at - step) >= want) {
            at -= step;
            step <<= 1;
          }
          lo = at > lo + step ? at - step : lo;
        }
      }
      {  // hi: an index whose key is above want, or the range end
        std::uint32_t step = 1;
        std::uint32_t at = guess;
        if (key(at) > want) {
          while (at > lo_bound + step && key(at - step) > want) {
            at -= step;
            step <<= 1;
          }
          hi = at;
        } else {
          while (at + step < hi && key(at + step) <= want) {
            at += step;
            step <<= 1;
          }
          hi = std::min(hi, at + step);
        }
      }
    }
    while (lo < hi) {
      std::uint32_t mid = lo + (hi - lo) / 2;
      int c = std::memcmp(ids + std::size_t{mid} * kIdSize, id, kIdSize);
      if (c == 0) {
        std::uint32_t o = be32(offsets32 + std::size_t{mid} * 4);
        if ((o & 0x80000000U) == 0) return o;
        std::size_t k = o & 0x7fffffffU;
        if (k >= large) return std::nullopt;
        return be64(offsets64 + k * 8);
      }
      if (c < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return std::nullopt;
  }
};

// One pack entry's header.
struct Entry {
  int type = 0;
  std::uint64_t size = 0;                  // inflated size (of the object, or of the delta)
  std::size_t data = 0;                    // where the zlib stream starts
  std::uint64_t base = 0;                  // OFS_DELTA: the base's offset
  const unsigned char* base_id = nullptr;  // REF_DELTA: the base's id
};

std::optional<Entry> parse_entry(const Pack& pack, std::uint64_t offset) {
  const unsigned char* p = pack.pack->data();
  std::size_t end = pack.pack->size() - kIdSize;
  if (offset < 12 || offset >= end) return std::nullopt;
  std::size_t pos = static_cast<std::size_t>(offset);
  Entry e;
  unsigned char c = p[pos++];
  e.type = (c >> 4) & 7;
  e.size = c & 15;
  int shift = 4;
  while ((c & 0x80) != 0) {
    if (pos >= end || shift > 60) return std::nullopt;
    c = p[pos++];
    e.size |= std::uint64_t{c & 0x7fU} << shift;
    shift += 7;
  }
  if (e.type == 6) {
    if (pos >= end) return std::nullopt;
    c = p[pos++];
    std::uint64_t back = c & 0x7fU;
    while ((c & 0x80) != 0) {
      if (pos >= end || back > (std::uint64_t{1} << 55)) return std::nullopt;
      c = p[pos++];
      back = ((back + 1) << 7) | (c & 0x7fU);
    }
    if (back == 0 || back > offset) return std::nullopt;
    e.base = offset - back;
  } else if (e.type == 7) {
    if (pos + kIdSize > end) return std::nullopt;
    e.base_id = p + pos;
    pos += kIdSize;
  } else if (e.type < 1 || e.type > 4) {
    return std::nullopt;
  }
  if (e.size > kMaxObject) return std::nullopt;
  e.data = pos;
  return e;
}

}  // namespace

std::optional<std::string> apply_delta(const std::string& base, const unsigned char* delta,
                                       std::size_t size) {
  std::size_t pos = 0;
  auto varint = [&](std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= size) return false;
      unsigned char c = delta[pos++];
      v |= std::uint64_t{c & 0x7fU} << shift;
      if ((c & 0x80) == 0) return true;
    }
    return false;
  };
  std::uint64_t source = 0;
  std::uint64_t target = 0;
  if (!varint(source) || !varint(target) || source != base.size() || target > kMaxObject) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(static_cast<std::size_t>(target));
  while (pos < size) {
    unsigned char op = delta[pos++];
    if ((op & 0x80) != 0) {
      std::uint64_t offset = 0;
      std::uint64_t length = 0;
      for (int i = 0; i < 4; ++i) {
        if ((op & (1 << i)) == 0) continue;
        if (pos >= size) return std::nullopt;
        offset |= std::uint64_t{delta[pos++]} << (8 * i);
      }
      for (int i = 0; i < 3; ++i) {
        if ((op & (0x10 << i)) == 0) continue;
        if (pos >= size) return std::nullopt;
        length |= std::uint64_t{delta[pos++]} << (8 * i);
      }
      if (length == 0) length = 0x10000;
      if (offset + length > base.size() || out.size() + length > target) return std::nullopt;
      out.append(base, static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
    } else if (op != 0) {
      if (pos + op > size || out.size() + op > target) return std::nullopt;
      out.append(reinterpret_cast<const char*>(delta + pos), op);
      pos += op;
    } else {
      return std::nullopt;  // reserved opcode
    }
  }
  if (out.size() != target) return std::nullopt;
  return out;
}

struct PackReader::Impl {
  std::vector<Pack> packs;
  std::size_t budget;
  std::size_t bytes = 0;
  using Key = std::uint64_t;  // pack number in the top 16 bits, offset below
  std::list<std::pair<Key, std::shared_ptr<const PackObject>>> lru;  // most recent first
  std::unordered_map<Key, decltype(lru)::iterator> cache;
  z_stream zs{};
  bool zs_ready = false;
  std::string scratch;
  // Objects just read, by id (direct-mapped on the id's first bytes): a walk reads each tree
  // version twice in a row (as one commit's tree, then as its child's parent tree), and a hit
  // here skips the index search and the offset cache.
  struct Recent {
    unsigned char id[kIdSize] = {};
    std::shared_ptr<const PackObject> object;
  };
  static constexpr std::size_t kRecent = 8192;
  std::vector<Recent> recent = std::vector<Recent>(kRecent);

  Recent& slot(const unsigned char* id) {
    std::size_t h = 0;
    std::memcpy(&h, id, sizeof h);
    return recent[h & (kRecent - 1)];
  }

  explicit Impl(std::size_t cache_bytes) : budget(cache_bytes) {}
  ~Impl() {
    if (zs_ready) inflateEnd(&zs);
  }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

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

  // Inflates the zlib stream of entry e (expected to give e.size bytes) into out.
  bool inflate_entry(const Pack& pack, const Entry& e, std::string& out) {
    if (!zs_ready) {
      if (inflateInit(&zs) != Z_OK) return false;
      zs_ready = true;
    } else if (inflateReset(&zs) != Z_OK) {
      return false;
    }
    std::size_t available = pack.pack->size() - kIdSize - e.data;
    out.resize(static_cast<std::size_t>(e.size));
    zs.next_in = const_cast<Bytef*>(pack.pack->data() + e.data);
    zs.avail_in = static_cast<uInt>(std::min<std::size_t>(available, UINT_MAX));
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&zs, Z_FINISH);
    return rc == Z_STREAM_END && zs.total_out == e.size;
  }

  std::shared_ptr<const PackObject> resolve(std::size_t pack_number, std::uint64_t offset) {
    const Pack& pack = packs[pack_number];
    constexpr std::uint64_t kOffsetLimit = std::uint64_t{1} << 48;
    auto key_of = [&](std::uint64_t o) { return (Key{pack_number} << 48) | o; };
    if (offset >= kOffsetLimit) return nullptr;
    std::vector<std::pair<std::uint64_t, Entry>> chain;  // deltas to apply, outermost first
    std::shared_ptr<const PackObject> base;
    std::uint64_t at = offset;
    for (int depth = 0; depth < kMaxChain; ++depth) {
      if ((base = cached(key_of(at)))) break;
      std::optional<Entry> e = parse_entry(pack, at);
      if (!e) return nullptr;
      if (e->type >= 1 && e->type <= 4) {
        auto object = std::make_shared<PackObject>();
        object->type = e->type;
        if (!inflate_entry(pack, *e, object->data)) return nullptr;
        remember(key_of(at), object);
        base = std::move(object);
        break;
      }
      std::optional<std::uint64_t> next =
          e->type == 6 ? std::optional<std::uint64_t>(e->base) : pack.find(e->base_id);
      if (!next || *next >= kOffsetLimit) return nullptr;
      chain.emplace_back(at, *e);
      at = *next;
    }
    if (!base) return nullptr;
    // Apply the deltas from the base outwards, keeping every intermediate result: the next
    // (older) version of the same tree is usually one more delta on top of this one.
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      if (!inflate_entry(pack, it->second, scratch)) return nullptr;
      std::optional<std::string> data = apply_delta(
          base->data, reinterpret_cast<const unsigned char*>(scratch.data()), scratch.size());
      if (!data) return nullptr;
      auto object = std::make_shared<PackObject>();
      object->type = base->type;
      object->data = std::move(*data);
      remember(key_of(it->first), object);
      base = std::move(object);
    }
    return base;
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
    Pack pack;
    if (pack.open(path)) impl_->packs.push_back(std::move(pack));
  }
}

PackReader::~PackReader() = default;

std::shared_ptr<const PackObject> PackReader::read(const unsigned char* id) {
  Impl::Recent& recent = impl_->slot(id);
  if (recent.object && std::memcmp(recent.id, id, kIdSize) == 0) return recent.object;
  for (std::size_t i = 0; i < impl_->packs.size(); ++i) {
    if (std::optional<std::uint64_t> offset = impl_->packs[i].find(id)) {
      std::shared_ptr<const PackObject> object = impl_->resolve(i, *offset);
      if (object) {
        std::memcpy(recent.id, id, kIdSize);
        recent.object = object;
      }
      return object;
    }
  }
  return nullptr;
}

std::size_t PackReader::packs() const { return impl_->packs.size(); }

}  // namespace sigwarden::git
