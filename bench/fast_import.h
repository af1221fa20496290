// Shared by the benchmark generators (gen_history, gen_scale): a deterministic random source, a
// buffered writer of `git fast-import` streams on stdout, and their "--name N" arguments.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
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

// One "--name N" argument: where its value goes and the least value it takes.
struct Flag {
  std::string_view name;
  long* value;
  long min = 1;
};

// Reads "--name N" pairs into their flags. False on an unknown flag, a missing value, or a value
// that is not a number of at least the flag's min.
inline bool parse_flags(int argc, char** argv, std::initializer_list<Flag> flags) {
  for (int i = 1; i < argc; i += 2) {
    if (i + 1 >= argc) return false;
    const Flag* flag = nullptr;
    for (const Flag& f : flags) {
      if (f.name == argv[i]) flag = &f;
    }
    char* end = nullptr;
    long v = std::strtol(argv[i + 1], &end, 10);
    if (flag == nullptr || *end != '\0' || v < flag->min) return false;
    *flag->value = v;
  }
  return true;
}

}  // namespace sigwarden::bench
