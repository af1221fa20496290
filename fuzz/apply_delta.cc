// git delta application (git/pack_reader.h apply_delta). Input: a 2-byte little-endian base
// length n, then n bytes of base (fewer when the input ends), then the delta.
#include <cstddef>
#include <cstdint>
#include <string>

#include "git/pack_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  std::size_t n = std::size_t{data[0]} | (std::size_t{data[1]} << 8);
  data += 2;
  size -= 2;
  if (n > size) n = size;
  std::string base(reinterpret_cast<const char*>(data), n);
  sigwarden::git::apply_delta(base, data + n, size - n);
  return 0;
}
