// A glob pattern as a small automaton, so that CODEOWNERS and `owns:` patterns are matched
// without RE2.
//
// Why not RE2: a CODEOWNERS file of 3 MB holds about 100,000 patterns. Each RE2 costs a compile
// and about 9 KB once it has run, and a full match of a short path about a microsecond; a file
// whose patterns are all candidates for every path (`**/a*b*c*/**`) made `owners --all` take
// minutes and most of a gigabyte. A pattern's regex (glob.cc, to_regex) is a sequence of a few
// kinds of pieces; the automaton here has one state per piece (three for the optional groups),
// needs no compile and no cache, and is simulated with a bit set of states over the path, so a
// test costs time linear in the path's length times the states active at once; it counts that
// work, which CodeownersBudget bounds.
//
// It answers exactly what RE2 answers for the pattern's regex over the whole path, in RE2's
// UTF-8 mode: '[^/]' and '.' consume one character, where RE2 takes as one character an ASCII
// byte or a lead byte C2-DF, E0-EF or F0-F4 followed by one, two or three bytes 80-BF (RE2
// accepts overlong and surrogate forms there); a byte that starts no such character matches
// nothing. Literal text of the pattern must be valid UTF-8 (RE2 reads the pattern as UTF-8);
// patterns that are not, and GitLab character classes, are left to RE2 (GlobProgram::build
// returns nothing). The differential tests in tests/ownership_bounds_test.cc and fuzz/glob.cc
// hold the two together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sigwarden {

// One piece of a pattern's regex, in order, between the implicit '^' and '$'.
struct GlobPiece {
  enum Kind : std::uint8_t {
    kLiteral,      // one byte, as written (bytes of a multi-byte character are consecutive pieces)
    kSegmentChar,  // "[^/]": one character but '/'
    kSegmentStar,  // "[^/]*"
    kAnyDirs,      // "(?:.*/)?": nothing, or anything without a newline that ends in '/'
    kDotStar,      // ".*": anything without a newline
    kOptSubtree,   // "(?:/.*)?": nothing, or '/' and anything without a newline
    kClass,        // a GitLab character class, as regex text
    kNothing,      // "[^\x00-\x{10FFFF}]": no character (GitLab "[]")
  };
  Kind kind;
  char byte = 0;       // kLiteral
  std::string text{};  // kClass
};

// The regex text of one literal byte (escaped unless a letter, digit, '/', '-', '_' or non-ASCII).
std::string regex_quote(char c);

// The regex text of pieces, as RE2 reads it ("^...$").
std::string render_regex(const std::vector<GlobPiece>& pieces);

class GlobProgram {
 public:
  // Whether an automaton can answer for pieces as RE2 would: not for a class, nor for literal
  // bytes that are not valid UTF-8.
  static bool supports(const std::vector<GlobPiece>& pieces);
  // The automaton of pieces, or nothing when !supports(pieces).
  static std::optional<GlobProgram> build(const std::vector<GlobPiece>& pieces);

  // Whether the whole path matches. Adds the work done to work (the 64-state words processed:
  // about one per character of the path for patterns of up to 64 states); stops (with false)
  // once work is over limit.
  bool matches(std::string_view path, std::uint64_t& work, std::uint64_t limit) const;

 private:
  // The state sets are bit sets of words_ 64-bit words; a step is a few word operations per
  // word: consuming transitions go to the same state (a star) or the next one, and epsilon
  // transitions go one or three states on, so that a shift and an addition (which carries a
  // state along a run of skippable stars) compute them.
  enum Mask { kNotSlash, kNotNewline, kLoop, kAdvance, kEpsNext, kEpsThree, kMasks };
  const std::uint64_t* mask(std::size_t m) const { return masks_.data() + m * words_; }
  // Adds the states reachable without consuming.
  void close(std::uint64_t* set, std::uint64_t& work) const;

  std::size_t words_ = 0;
  std::size_t match_state_ = 0;
  // kMasks blocks of words_ words, then one block per single-byte literal (literal_bytes_).
  std::vector<std::uint64_t> masks_;
  std::string literal_bytes_;
  std::uint64_t literal_set_[2] = {0, 0};  // the bytes of literal_bytes_, as a set
  struct Wide {                            // a multi-byte literal character
    std::size_t state;
    std::string bytes;
  };
  std::vector<Wide> wide_;
};

}  // namespace sigwarden
