// Shared by the benchmark generators (gen_history, gen_scale): a deterministic random source and
// a buffered writer of `git fast-import` streams on stdout.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <iterator>
#include <string_view>
#include <utility>

namespace sigwarden::bench {

// A 64-bit linear congruential generator: the same seed gives the same repository.
class Lcg {
 public:
  explicit Lcg(std::uint64_t seed) : state_(seed) {}
  // Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state_ >> 33) % n;
  }
  // Uniform in [lo, hi].
  int range(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1)));
  }
  bool chance(int percent) { return below(1000) < static_cast<std::uint64_t>(percent * 10); }
  bool permille(int p) { return below(1000) < static_cast<std::uint64_t>(p); }

 private:
  std::uint64_t state_;
};

// The stream, written to stdout in chunks.
class FastImport {
 public:
  FastImport() = default;
  ~FastImport() { flush(); }
  FastImport(const FastImport&) = delete;
  FastImport& operator=(const FastImport&) = delete;

  template <typename... Args>
  void print(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(buf_), format, std::forward<Args>(args)...);
    if (buf_.size() > (1 << 20)) flush();
  }
  // A `data` command with its payload.
  void data(std::string_view payload) { print("data {}\n{}\n", payload.size(), payload); }
  // An inline file modification.
  void modify(std::string_view path, std::string_view content) {
    print("M 100644 inline {}\n", path);
    data(content);
  }
  void flush() {
    std::fwrite(buf_.data(), 1, buf_.size(), stdout);
    buf_.clear();
  }

 private:
  fmt::memory_buffer buf_;
};

}  // namespace sigwarden::bench
