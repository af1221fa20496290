#include "git/pack_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <climits>
#include <cstring>

namespace sigwarden::git {

namespace {

constexpr std::size_t kTrailer = 2 * kObjectIdSize;  // pack checksum + index checksum

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

std::uint64_t be64(const unsigned char* p) {
  return (std::uint64_t{be32(p)} << 32) | std::uint64_t{be32(p + 4)};
}

}  // namespace

MappedFile::MappedFile(const std::filesystem::path& path) {
  // O_NONBLOCK: opening a FIFO planted as objects/pack/pack-x.idx must not wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p != MAP_FAILED) {
      data_ = static_cast<const unsigned char*>(p);
      size_ = static_cast<std::size_t>(st.st_size);
    }
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<unsigned char*>(data_), size_);
}

struct Inflater::State {
  z_stream zs{};
  bool ready = false;
};

Inflater::Inflater() : state_(std::make_unique<State>()) {}

Inflater::~Inflater() {
  if (state_->ready) inflateEnd(&state_->zs);
}

std::optional<std::size_t> Inflater::run(const unsigned char* in, std::size_t in_size, char* out,
                                         std::size_t out_size, bool* complete) {
  z_stream& zs = state_->zs;
  if (!state_->ready) {
    if (inflateInit(&zs) != Z_OK) return std::nullopt;
    state_->ready = true;
  } else if (inflateReset(&zs) != Z_OK) {
    return std::nullopt;
  }
  zs.next_in = const_cast<Bytef*>(in);
  zs.avail_in = static_cast<uInt>(std::min<std::size_t>(in_size, UINT_MAX));
  zs.next_out = reinterpret_cast<Bytef*>(out);
  zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out_size, UINT_MAX));
  int rc = inflate(&zs, Z_FINISH);
  *complete = rc == Z_STREAM_END;
  if (rc != Z_STREAM_END && !(zs.avail_out == 0 && (rc == Z_BUF_ERROR || rc == Z_OK))) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(zs.total_out);
}

std::unique_ptr<PackFile> PackFile::open(const std::filesystem::path& idx_path) {
  std::unique_ptr<PackFile> f(new PackFile());
  f->idx_ = std::make_unique<MappedFile>(idx_path);
  std::filesystem::path pack_path = idx_path;
  pack_path.replace_extension(".pack");
  f->name_ = pack_path.filename().string();
  f->pack_ = std::make_unique<MappedFile>(pack_path);
  const unsigned char* d = f->idx_->data();
  std::size_t n = f->idx_->size();
  if (d == nullptr || n < 8 + 1024 + kTrailer) return nullptr;
  if (std::memcmp(d, "\377tOc", 4) != 0 || be32(d + 4) != 2) return nullptr;
  f->fanout_ = d + 8;
  for (std::size_t i = 1; i < 256; ++i) {
    if (be32(f->fanout_ + 4 * i) < be32(f->fanout_ + 4 * (i - 1))) return nullptr;
  }
  f->count_ = be32(f->fanout_ + std::size_t{4} * 255);
  std::size_t fixed = 8 + 1024 + std::size_t{f->count_} * (kObjectIdSize + 4 + 4) + kTrailer;
  if (n < fixed || (n - fixed) % 8 != 0) return nullptr;
  f->ids_ = f->fanout_ + 1024;
  f->offsets32_ = f->ids_ + std::size_t{f->count_} * (kObjectIdSize + 4);
  f->offsets64_ = f->offsets32_ + std::size_t{f->count_} * 4;
  f->large_ = (n - fixed) / 8;
  const unsigned char* p = f->pack_->data();
  if (p == nullptr || f->pack_->size() < 12 + kObjectIdSize || std::memcmp(p, "PACK", 4) != 0) {
    return nullptr;
  }
  std::uint32_t version = be32(p + 4);
  if ((version != 2 && version != 3) || be32(p + 8) != f->count_) return nullptr;
  return f;
}

std::optional<std::uint64_t> PackFile::find(const unsigned char* id) const {
  std::size_t first = id[0];
  std::uint32_t lo = first == 0 ? 0 : be32(fanout_ + 4 * (first - 1));
  std::uint32_t hi = be32(fanout_ + 4 * first);
  // Object ids are uniformly distributed: guess the position from the next id bytes, then
  // narrow the range around the guess by doubling steps before the binary search. A few
  // probes instead of ~20 on an index of a million objects.
  if (hi - lo > 16) {
    auto key = [&](std::uint32_t i) {
      return be32(ids_ + std::size_t{i} * kObjectIdSize) & 0xffffffU;
    };
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
    int c = std::memcmp(ids_ + std::size_t{mid} * kObjectIdSize, id, kObjectIdSize);
    if (c == 0) {
      std::uint32_t o = be32(offsets32_ + std::size_t{mid} * 4);
      if ((o & 0x80000000U) == 0) return o;
      std::size_t k = o & 0x7fffffffU;
      if (k >= large_) return std::nullopt;
      return be64(offsets64_ + k * 8);
    }
    if (c < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return std::nullopt;
}

std::optional<PackEntry> PackFile::entry(std::uint64_t offset) const {
  const unsigned char* p = pack_->data();
  std::size_t end = pack_->size() - kObjectIdSize;
  if (offset < 12 || offset >= end) return std::nullopt;
  std::size_t pos = static_cast<std::size_t>(offset);
  PackEntry e;
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
    if (pos + kObjectIdSize > end) return std::nullopt;
    e.base_id = p + pos;
    pos += kObjectIdSize;
  } else if (e.type < 1 || e.type > 4) {
    return std::nullopt;
  }
  e.data = pos;
  return e;
}

bool PackFile::inflate(Inflater& z, const PackEntry& e, std::string& out, std::size_t limit) const {
  std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(e.size, limit));
  out.resize(want);
  bool complete = false;
  std::optional<std::size_t> got =
      z.run(pack_->data() + e.data, pack_->size() - kObjectIdSize - e.data, out.data(), out.size(),
            &complete);
  if (!got || *got != want) return false;
  // A whole object must end exactly where its header says; a cut one only needs its prefix.
  return want < e.size || complete;
}

std::optional<DeltaSizes> delta_sizes(const unsigned char* delta, std::size_t size) {
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
  DeltaSizes s;
  if (!varint(s.source) || !varint(s.target)) return std::nullopt;
  return s;
}

std::optional<std::string> apply_delta(const std::string& base, const unsigned char* delta,
                                       std::size_t size, std::size_t max_target) {
  std::optional<DeltaSizes> sizes = delta_sizes(delta, size);
  if (!sizes || sizes->source != base.size() || sizes->target > max_target) return std::nullopt;
  std::size_t pos = 0;
  while ((delta[pos++] & 0x80) != 0) {
  }
  while ((delta[pos++] & 0x80) != 0) {
  }
  std::uint64_t target = sizes->target;
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

}  // namespace sigwarden::git
