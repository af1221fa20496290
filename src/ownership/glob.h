// Compiles gitignore-style ownership patterns (CODEOWNERS) into matchers. GitHub's semantics
// (FORMATS.md §4): a leading or middle '/' anchors the pattern at the root, otherwise it matches at
// any depth; a trailing '/' matches the directory's contents; a pattern without one also covers
// everything below a directory of that name; '*' and '?' stay within one segment; '**' spans
// segments; a final segment that is exactly '*' matches direct children only.
//
// Most patterns in real files are literal paths ("/src/foo/", "Makefile"): those are matched by
// comparing segments, without a regex. The rest get an RE2 compiled on first use, so that a
// 50,000-line file costs nothing for the rules a run never needs, and a path that lacks one of the
// pattern's literal runs ("testdata", ".md") is rejected before the regex runs.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

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

// Matches one compiled pattern against repository paths (no leading '/').
class GlobMatcher {
 public:
  explicit GlobMatcher(GlobPattern pattern);
  ~GlobMatcher();
  GlobMatcher(GlobMatcher&&) noexcept;
  GlobMatcher& operator=(GlobMatcher&&) noexcept;

  bool matches(std::string_view path) const;
  const GlobPattern& pattern() const { return pattern_; }
  // Texts every path the pattern matches contains (its literal runs of two or more characters).
  const std::vector<std::string>& required() const { return required_; }

 private:
  GlobPattern pattern_;
  std::string literal_;  // a literal pattern's segments joined with '/'
  // Texts every matching path contains (the pattern's literal runs): a path without one of them is
  // rejected before the regex, which most candidates of a path are.
  std::vector<std::string> required_;
  mutable std::unique_ptr<re2::RE2> re_;  // compiled on first use
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
