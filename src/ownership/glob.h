// Compiles gitignore-style ownership patterns (CODEOWNERS) into matchers. GitHub's semantics
// (FORMATS.md §4): a leading or middle '/' anchors the pattern at the root, otherwise it matches at
// any depth; a trailing '/' matches the directory's contents; a pattern without one also covers
// everything below a directory of that name; '*' and '?' stay within one segment; '**' spans
// segments; a final segment that is exactly '*' matches direct children only.
//
// Most patterns in real files are literal paths ("/src/foo/", "Makefile"): those are matched by
// comparing segments, without a regex. The rest are matched by a small automaton built from the
// pattern's regex (glob_program.h), and only GitLab character classes by an RE2 compiled on first
// use; a path that lacks one of the pattern's literal runs ("testdata", ".md") is rejected before
// either runs. `regex` stays the reference for what a pattern means.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ownership/glob_program.h"

namespace re2 {
class RE2;
}

namespace sigwarden {

struct GlobPattern {
  std::string text;            // as written (after unescaping "\ ")
  bool anchored = false;       // matched from the root
  bool dir_only = false;       // trailing '/': only paths below a directory of that name
  bool children_only = false;  // final segment is '*': direct children only
  // Leading segments without glob characters (for an anchored pattern: from the root; for a
  // floating one: the whole pattern when it is one literal segment).
  std::vector<std::string> literal_prefix;
  bool literal = false;  // no glob characters at all
  std::string regex;     // the RE2 equivalent over the whole path
};

enum class GlobFlavor {
  kGithub,  // GitHub CODEOWNERS (and sigwarden's own owns: patterns)
  kGitlab,  // GitLab: a pattern without a leading '/' matches at any depth, even with a middle
            // slash; '[ ]' ranges work; "\#" is a literal '#'
};

// Parses a pattern. Returns nothing (and sets *error) for what the flavour rejects: '!' negation
// (GitLab exclusions are stripped by the caller), '[ ]' ranges and "\#" on GitHub, an empty
// pattern; "/" alone is accepted and matches nothing.
std::optional<GlobPattern> parse_glob(std::string_view pattern, std::string* error,
                                      GlobFlavor flavor = GlobFlavor::kGithub);

// Patterns longer than this that need RE2 (GitLab character classes, literal text that is not
// valid UTF-8) are never handed to it: RE2 logs to stderr from its simplifier, whatever the
// options, when a regex has about a million parts; such a pattern matches nothing and
// parse_codeowners reports its line.
inline constexpr std::size_t kMaxRe2GlobBytes = 64 * 1024;

// Matches one compiled pattern against repository paths (no leading '/').
class GlobMatcher {
 public:
  explicit GlobMatcher(GlobPattern pattern);
  ~GlobMatcher();
  GlobMatcher(GlobMatcher&&) noexcept;
  GlobMatcher& operator=(GlobMatcher&&) noexcept;

  bool matches(std::string_view path) const;
  // The same, adding the work done to work (units of CodeownersBudget: about one per character
  // of the path and 64 states of the pattern's automaton); stops with false once work is over
  // limit.
  bool matches(std::string_view path, std::uint64_t& work, std::uint64_t limit) const;
  const GlobPattern& pattern() const { return pattern_; }
  // Texts every path the pattern matches contains (its literal runs of two or more characters).
  const std::vector<std::string>& required() const { return required_; }

  // The byte classes (byte_classes()) every path the pattern matches contains: a path whose
  // classes lack one of them is rejected with one AND.
  std::uint64_t required_classes() const { return classes_; }
  // The byte classes of text: a-z, A-Z and 0-9 one bit each, '.' one, everything else one.
  static std::uint64_t byte_classes(std::string_view text);
  // Whether the pattern matches a path exactly when it matches "D/x" for the path's directory
  // D, as long as the file name is ASCII without a newline: patterns that end in '/' or "/**".
  // Their answers can be shared by every file of a directory.
  bool below_directory() const { return below_directory_; }
  // False for a pattern over kMaxRe2GlobBytes that only RE2 could match: it matches nothing.
  bool usable() const { return usable_; }

 private:
  GlobPattern pattern_;
  std::string literal_;  // a literal pattern's segments joined with '/'
  // Texts every matching path contains (the pattern's literal runs): a path without one of them is
  // rejected before the regex, which most candidates of a path are.
  std::vector<std::string> required_;
  std::uint64_t classes_ = 0;
  bool below_directory_ = false;
  bool automaton_ = false;  // matched by a GlobProgram (GlobProgram::supports)
  bool re_usable_ = false;  // RE2 is needed and may be used
  bool usable_ = true;
  mutable std::unique_ptr<const GlobProgram> program_;  // built on first use
  mutable std::unique_ptr<re2::RE2> re_;                // otherwise compiled on first use
};

// Candidate patterns for a path, by a literal run every match of a pattern contains: for long
// lists of patterns that nothing else narrows down (a hostile or generated file), a path is tested
// only against the patterns whose key (a prefix of their longest run, at most 12 characters) is
// one of its substrings. Patterns without a literal run (`**/*`) are candidates for every path.
class LiteralRunIndex {
 public:
  using Range = std::pair<const int*, const int*>;  // ids, ascending

  // Adds a pattern under id; ids must be added in ascending order.
  void add(int id, const GlobMatcher& glob);
  // Appends the ranges of ids that can match path (each range once).
  void ranges(std::string_view path, std::vector<Range>& out) const;
  // The ids that can match path, ascending and unique.
  std::vector<int> candidates(std::string_view path) const;
  // The ids of several ranges, ascending and unique.
  static std::vector<int> merge(const std::vector<Range>& ranges);
  bool empty() const { return keyed_.empty() && unkeyed_.empty(); }
  // The number of distinct key lengths: ranges() looks up that many substrings per position.
  std::size_t key_lengths() const { return lengths_.size(); }

 private:
  struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<int>, ViewHash, std::equal_to<>> keyed_;
  std::vector<std::size_t> lengths_;  // the distinct key lengths, ascending
  std::vector<int> unkeyed_;
};

}  // namespace sigwarden
