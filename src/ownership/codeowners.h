// CODEOWNERS: parsing and matching with GitHub's rules (invalid lines are skipped and reported, a
// file of 3 MB or more is ignored entirely, the last matching line wins) or GitLab's (sections
// `[Name]`, optional `^[Name]`, approval counts `[Name][2]` and default owners after the header;
// within a section the last match wins and every section applies; `!pattern` excludes paths from
// its section; a pattern without a leading '/' matches at any depth).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/finding.h"
#include "ownership/glob.h"

namespace sigwarden {

struct CodeownersRule {
  GlobMatcher glob;
  std::vector<std::string> owners;  // as written: "@user", "@org/team", "a@b.org", "@@maintainer"
  Location where;
  int section = 0;         // GitLab: index into CodeownersFile::sections; always 0 on GitHub
  bool exclusion = false;  // GitLab "!pattern"
};

// A GitLab section; section 0 is the unnamed one before the first header (and the only one on
// GitHub).
struct CodeownersSection {
  std::string name;
  bool optional = false;  // "^[Name]"
  int approvals = 1;      // "[Name][2]"
  std::vector<std::string> default_owners;
  Location where;
};

struct CodeownersFile {
  std::string path;
  std::vector<CodeownersRule> rules;  // in file order
  std::vector<Finding> findings;      // rule "ownership-syntax" and "codeowners-too-large"
  bool ignored = false;               // 3 MB or more: GitHub ignores the whole file
  bool gitlab = false;
  std::vector<CodeownersSection> sections = {CodeownersSection{}};
};

// GitHub ignores a CODEOWNERS file of this size or more.
inline constexpr std::size_t kCodeownersMaxBytes = std::size_t{3} * 1024 * 1024;

// The CODEOWNERS locations GitHub (or GitLab) reads, in order; the first that exists is used.
const std::vector<std::string>& codeowners_locations(GlobFlavor flavor = GlobFlavor::kGithub);

// Parses CODEOWNERS text found at path. size is the file's size in bytes (text may be empty when
// size is over the limit and the content was not read).
CodeownersFile parse_codeowners(const std::string& path, std::string_view text, std::size_t size,
                                GlobFlavor flavor = GlobFlavor::kGithub);

// Answers "which rule decides this path" in time close to the path's length: rules are bucketed
// by literal leading segments (a trie), by literal name, and by extension; only the few
// candidates of a path are tested, from the last rule backwards.
class CodeownersMatcher {
 public:
  // Indexes the file's rules, or only the (non-exclusion) rules of one section when section >= 0.
  explicit CodeownersMatcher(const CodeownersFile& file, int section = -1);

  // Index of the rule that decides path (the last matching one), or -1.
  int match(std::string_view path) const;
  // Indexes of every rule matching path, in file order (the last one decides; the others are
  // shadowed).
  std::vector<int> all_matches(std::string_view path) const;

 private:
  struct Node {
    std::unordered_map<std::string, int> children;  // segment -> node index
    std::vector<int> rules;
  };
  // The buckets of candidate rules for path; each is sorted by rule index.
  using Bucket = std::pair<const int*, const int*>;
  void candidates(std::string_view path, std::vector<Bucket>& out) const;

  const CodeownersFile& file_;
  std::vector<Node> trie_;  // anchored rules with literal leading segments; node 0 is the root
  std::unordered_map<std::string, std::vector<int>> by_name_;  // floating literal names
  std::unordered_map<std::string, std::vector<int>> by_ext_;   // floating "*.ext"
  std::vector<int> generic_;                                   // everything else
  // Over kGenericScanLimit generic rules (a hostile or generated file), they are indexed by a
  // literal run instead, so the cost per path does not grow with their number.
  LiteralRunIndex generic_index_;
};

}  // namespace sigwarden
