// Many regexes searched for in one text, as RE2::Sets of bounded size (MAINTAINERS N: values and
// F: globs).
//
// Why chunks: RE2 logs to stderr ("CoalesceWalker::ShortVisit called"), whatever its options,
// while it simplifies a regex of about a million parts, which one set of all the N: values of a
// large file is; that set's compile then fails too, leaving one match per regex and path. A set
// here holds at most kSetRegexes regexes and kSetBytes of their text.
#pragma once

#include <re2/re2.h>
#include <re2/set.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sigwarden {

inline constexpr std::size_t kSetRegexes = 256;
inline constexpr std::size_t kSetBytes = 64 * 1024;

class RegexGroup {
 public:
  // options: for every regex and set (set_log_errors(false) is the caller's to choose).
  explicit RegexGroup(const RE2::Options& options);
  ~RegexGroup();
  RegexGroup(RegexGroup&&) noexcept;
  RegexGroup& operator=(RegexGroup&&) noexcept;

  // Adds a regex; false (and nothing added) when RE2 cannot compile it.
  bool add(const std::string& re);
  // Builds the sets, after the last add(); a chunk whose set cannot be built is matched one
  // regex at a time.
  void compile();
  // The indexes, in the order of add(), of the regexes found in text (unanchored), chunk by
  // chunk; one by one in a chunk whose set's DFA runs out of memory.
  std::vector<int> match(std::string_view text) const;

 private:
  struct Chunk {
    int first = 0;  // index in all_ of its first regex
    int count = 0;
    std::size_t bytes = 0;
    std::unique_ptr<RE2::Set> set;
  };
  RE2::Options options_;
  std::vector<std::unique_ptr<RE2>> all_;
  std::vector<Chunk> chunks_;
};

}  // namespace sigwarden
