// CODEOWNERS: parsing and matching with GitHub's rules (invalid lines are skipped and reported, a
// file of 3 MB or more is ignored entirely, the last matching line wins) or GitLab's (sections
// `[Name]`, optional `^[Name]`, approval counts `[Name][2]` and default owners after the header;
// within a section the last match wins and every section applies; `!pattern` excludes paths from
// its section; a pattern without a leading '/' matches at any depth).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
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

// Bounds the work of matching CODEOWNERS rules in one run. A file of 100,000 patterns that are
// candidates for every path (`**/a*b*c*/**`) is otherwise 100,000 tests per path; the prefilters
// and the per-directory answers of CodeownersMatcher make such files cheap for real trees, and
// this budget stops the rest (a crafted file and crafted paths) with an error instead of a hang.
// Units: one per candidate rule looked at (a byte-class AND), and for each pattern test the work
// GlobMatcher::matches counts (about one per character of the path and 64 automaton states);
// each unit is a few nanoseconds (bench/bench_owners.cc --shape measures it). A run may spend
// kCodeownersBudgetBase plus kCodeownersBudgetPerPath for each path asked about (about a second,
// plus a few microseconds per path; real files need under 200 units per path).
inline constexpr std::uint64_t kCodeownersBudgetBase = 100'000'000;
inline constexpr std::uint64_t kCodeownersBudgetPerPath = 8'192;

class CodeownersBudget {
 public:
  // file: the CODEOWNERS path, named in the error; rules: its number of rules. Tests give a
  // smaller base and per_path.
  CodeownersBudget(std::string file, std::size_t rules, std::uint64_t base = kCodeownersBudgetBase,
                   std::uint64_t per_path = kCodeownersBudgetPerPath);
  // A path is about to be matched: adds per_path to the allowance.
  void add_path();
  // Spends units; throws Error, naming the file and the counts, when the run goes over.
  void spend(std::uint64_t units) {
    spent_ += units;
    if (spent_ > allowed_) over();
  }
  std::uint64_t spent() const { return spent_; }
  std::uint64_t left() const { return allowed_ - spent_; }

 private:
  [[noreturn]] void over() const;
  std::string file_;
  std::size_t rules_;
  std::uint64_t base_;
  std::uint64_t per_path_;
  std::uint64_t paths_ = 0;
  std::uint64_t spent_ = 0;
  std::uint64_t allowed_;
};

// Answers "which rule decides this path" in time close to the path's length: rules are bucketed
// by literal leading segments (a trie), by literal name, and by extension; only the few
// candidates of a path are tested, from the last rule backwards. Rules whose answer depends only
// on the path's directory (below_directory(): "docs/", "**/a*b/**") are indexed apart and answered
// once per directory. Every candidate is first checked against the byte classes of the path.
// Not thread-safe (the answers per directory are cached).
class CodeownersMatcher {
 public:
  enum class Rules { kDeciding, kExclusions };
  // Indexes the file's rules, or only the rules of one section when section >= 0: its deciding
  // rules, or its GitLab exclusions ("!pattern"). With a budget, every test is charged to it.
  explicit CodeownersMatcher(const CodeownersFile& file, int section = -1,
                             Rules which = Rules::kDeciding, CodeownersBudget* budget = nullptr);
  ~CodeownersMatcher();

  // Index of the rule that decides path (the last matching one), or -1.
  int match(std::string_view path) const;
  // Indexes of every rule matching path, in file order (the last one decides; the others are
  // shadowed).
  std::vector<int> all_matches(std::string_view path) const;

 private:
  // Rules are numbered in the matcher (ids, ascending with the rule index); rules_ maps back.
  using Bucket = std::pair<const int*, const int*>;  // ids, ascending
  // Candidate rules by literal segments, names, extensions and literal runs.
  class Index {
   public:
    void add(int id, const GlobMatcher& glob);
    void finish(const CodeownersFile& file, const std::vector<int>& rules);  // after the last add()
    // The buckets of candidate rules for path.
    void candidates(std::string_view path, std::vector<Bucket>& out) const;
    // What candidates() costs for path, in CodeownersBudget units.
    std::uint64_t lookup_cost(std::string_view path) const;
    bool empty() const { return empty_; }

   private:
    struct Node {
      std::unordered_map<std::string, int> children;  // segment -> node index
      std::vector<int> rules;
    };
    std::vector<Node> trie_ = std::vector<Node>(1);  // anchored literal leading segments
    std::unordered_map<std::string, std::vector<int>> by_name_;  // floating literal names
    std::unordered_map<std::string, std::vector<int>> by_ext_;   // floating "*.ext"
    std::vector<int> generic_;                                   // everything else
    // Over kGenericScanLimit generic rules (a hostile or generated file), they are indexed by a
    // literal run instead, so the cost per path does not grow with their number.
    LiteralRunIndex generic_index_;
    bool empty_ = true;
  };

  // Whether rule id matches path, whose byte classes are classes; charged to the budget.
  bool test(int id, std::string_view path, std::uint64_t classes) const;
  // The matching rules (indexes in the file) among buckets, ascending and unique.
  std::vector<int> test_all(const std::vector<Bucket>& buckets, std::string_view path) const;
  // The last rule (index in the file) among index's candidates for path that matches, looking no
  // lower than rule floor; -1 when none does.
  int last_match(const Index& index, std::string_view path, int floor) const;
  // The matching below_directory() rules (indexes in the file) for path, ascending; valid until
  // the next call.
  const std::vector<int>& directory_matches(std::string_view path) const;
  // The last of them, or -1.
  int directory_last(std::string_view path) const;
  void charge(std::uint64_t units) const {
    if (budget_ != nullptr) budget_->spend(units);
  }

  const CodeownersFile& file_;
  CodeownersBudget* budget_;
  std::vector<int> rules_;              // per id: the rule's index in the file
  std::vector<std::uint64_t> classes_;  // per id: GlobMatcher::required_classes()
  Index by_path_;                       // rules whose answer depends on the whole path
  Index by_directory_;                  // below_directory() rules
  // below_directory() answers per directory ("a/b" for "a/b/c.txt"): every matching rule (for
  // all_matches()) and the last one (for match()).
  struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  mutable std::unordered_map<std::string, std::vector<int>, ViewHash, std::equal_to<>>
      per_directory_;
  mutable std::unordered_map<std::string, int, ViewHash, std::equal_to<>> last_per_directory_;
  mutable std::vector<int> unshared_;  // the answer for a path whose file name is not plain
};

}  // namespace sigwarden
