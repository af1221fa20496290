// The byte-level layer of the pack reader: one pack index (v2) and its pack file (v2/v3), mapped
// read-only, the header of one pack entry, and git's delta format. Nothing here allocates more
// than a caller asks for or reads past a mapping; every malformed input is refused with a reason.
// pack_reader.h builds the object cache on top of it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace sigwarden::git {

// The largest object (inflated) the pack reader ever produces, and the longest delta chain it
// follows: git itself never writes chains deeper than 4,095 (`pack.depth` is capped there).
inline constexpr std::size_t kMaxPackObject = std::size_t{1} << 30;
inline constexpr int kMaxDeltaChain = 4095;
inline constexpr std::size_t kObjectIdSize = 20;  // SHA-1; the raw parsers assume it

// A regular file mapped read-only for the object's lifetime; empty when it cannot be opened, is
// not a regular file (a FIFO or a device would block or never end) or is empty.
class MappedFile {
 public:
  explicit MappedFile(const std::filesystem::path& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const unsigned char* data() const { return data_; }
  std::size_t size() const { return size_; }

 private:
  const unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

// A zlib inflater reused across entries (initialising one costs more than inflating a small
// tree).
class Inflater {
 public:
  Inflater();
  ~Inflater();
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  // Inflates [in, in + in_size) into out[0, out_size); returns the bytes written, or nothing when
  // the stream is corrupt. A stream longer than out_size is cut there (*complete = false).
  std::optional<std::size_t> run(const unsigned char* in, std::size_t in_size, char* out,
                                 std::size_t out_size, bool* complete);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// One pack entry's header.
struct PackEntry {
  int type = 0;                            // 1-4 an object, 6 OFS_DELTA, 7 REF_DELTA
  std::uint64_t size = 0;                  // inflated size (of the object, or of the delta)
  std::size_t data = 0;                    // where the zlib stream starts
  std::uint64_t base = 0;                  // OFS_DELTA: the base's offset
  const unsigned char* base_id = nullptr;  // REF_DELTA: the base's id
};

// A pack index v2 with its pack file.
class PackFile {
 public:
  // Maps idx_path and the .pack beside it; nothing when they are not a usable v2 index of a v2/v3
  // pack with the same object count.
  static std::unique_ptr<PackFile> open(const std::filesystem::path& idx_path);

  // The offset of the object with the raw id in the pack, or nothing.
  std::optional<std::uint64_t> find(const unsigned char* id) const;

  // The entry header at offset; nothing when it is malformed or runs past the pack.
  std::optional<PackEntry> entry(std::uint64_t offset) const;

  // Inflates the zlib stream of e into out: the whole object (e.size bytes) when limit is at
  // least e.size, else only its first limit bytes. False when the stream is corrupt or shorter
  // than it says.
  bool inflate(Inflater& z, const PackEntry& e, std::string& out, std::size_t limit) const;

  // The pack's file name, for messages ("pack-1a2b....pack").
  const std::string& name() const { return name_; }

 private:
  PackFile() = default;
  std::unique_ptr<MappedFile> idx_;
  std::unique_ptr<MappedFile> pack_;
  std::string name_;
  std::uint32_t count_ = 0;
  const unsigned char* fanout_ = nullptr;
  const unsigned char* ids_ = nullptr;
  const unsigned char* offsets32_ = nullptr;
  const unsigned char* offsets64_ = nullptr;
  std::size_t large_ = 0;
};

// The source and target sizes a delta starts with; nothing when they are malformed.
struct DeltaSizes {
  std::uint64_t source = 0;
  std::uint64_t target = 0;
};
std::optional<DeltaSizes> delta_sizes(const unsigned char* delta, std::size_t size);

// Applies a git delta to base. Returns nothing when the delta is malformed or does not fit
// base (sizes disagree, a copy reaches past the base, a zero opcode) or its result would be over
// max_target bytes.
std::optional<std::string> apply_delta(const std::string& base, const unsigned char* delta,
                                       std::size_t size, std::size_t max_target = kMaxPackObject);

}  // namespace sigwarden::git
