// CodeownersMatcher: which CODEOWNERS rules match a path, without testing every rule.
//
// Real files are a few hundred to tens of thousands of lines of literal directories, extensions
// and names, which hash lookups per segment find. Generated and hostile files add globs that no
// literal leads to (`**/a*b*c*/**`: every pattern a candidate for every path). Three things keep
// those cheap: each candidate is first checked against the byte classes of the path (a pattern
// needing a 'q' is skipped with one AND for a path without one); patterns that depend only on the
// directory (they end in '/' or "/**") are answered once per directory, not once per file; and a
// test is the small automaton of glob_program.h rather than an RE2. What is left (patterns whose
// letters all occur in every directory, thousands of directories) is bounded by CodeownersBudget.
#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "core/error.h"
#include "ownership/codeowners.h"

namespace sigwarden {

namespace {

// Up to this many generic rules are simply tested one by one (real files have a few dozen).
constexpr std::size_t kGenericScanLimit = 64;

// Answers per directory kept at most; the cache starts over when full.
constexpr std::size_t kMaxCachedDirectories = 1 << 18;

// Whether a file name lets the answers of below_directory() rules for its directory stand for
// the path (glob.h): ASCII without a newline, where ".*" takes any suffix.
bool plain_name(std::string_view name) {
  return std::all_of(name.begin(), name.end(), [](char c) {
    return c != '\n' && c != '\0' && static_cast<unsigned char>(c) < 0x80;
  });
}

}  // namespace

CodeownersBudget::CodeownersBudget(std::string file, std::size_t rules, std::uint64_t base,
                                   std::uint64_t per_path)
    : file_(std::move(file)), rules_(rules), base_(base), per_path_(per_path), allowed_(base) {}

void CodeownersBudget::add_path() {
  ++paths_;
  allowed_ += per_path_;
}

void CodeownersBudget::over() const {
  throw Error(fmt::format(
      "match {}: its {} rules need more than {} units of matching work for the first {} paths "
      "({} plus {} per path), over sigwarden's documented limit (docs/security.md); most of its "
      "patterns are candidates for most paths (such as \"**/a*b*c*/**\"): use directory or "
      "extension patterns",
      file_, rules_, allowed_, paths_, base_, per_path_));
}

void CodeownersMatcher::Index::add(int id, const GlobMatcher& glob) {
  empty_ = false;
  const GlobPattern& g = glob.pattern();
  if (g.anchored && !g.literal_prefix.empty()) {
    int node = 0;
    for (const std::string& seg : g.literal_prefix) {
      auto it = trie_[node].children.find(seg);
      if (it == trie_[node].children.end()) {
        trie_.emplace_back();
        it = trie_[node].children.emplace(seg, static_cast<int>(trie_.size()) - 1).first;
      }
      node = it->second;
    }
    trie_[node].rules.push_back(id);
  } else if (!g.anchored && g.literal_prefix.size() == 1) {
    by_name_[g.literal_prefix[0]].push_back(id);
  } else if (!g.anchored && g.text.starts_with("*.") &&
             g.text.find_first_of("*?/", 1) == std::string::npos) {
    by_ext_[g.text.substr(2)].push_back(id);
  } else {
    generic_.push_back(id);
  }
}

void CodeownersMatcher::Index::finish(const CodeownersFile& file, const std::vector<int>& rules) {
  if (generic_.size() <= kGenericScanLimit) return;
  for (int id : generic_) generic_index_.add(id, file.rules[rules[id]].glob);
  generic_.clear();
}

void CodeownersMatcher::Index::candidates(std::string_view path, std::vector<Bucket>& out) const {
  auto add = [&out](const std::vector<int>& rules) {
    if (!rules.empty()) out.emplace_back(rules.data(), rules.data() + rules.size());
  };
  int node = 0;
  std::string key;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    std::string_view seg = path.substr(pos, slash == std::string_view::npos ? slash : slash - pos);
    key.assign(seg);
    auto it = trie_[node].children.find(key);
    if (it == trie_[node].children.end()) break;
    node = it->second;
    add(trie_[node].rules);
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  pos = 0;
  while (pos <= path.size()) {
    std::size_t slash = path.find('/', pos);
    std::string_view seg = path.substr(pos, slash == std::string_view::npos ? slash : slash - pos);
    if (!by_name_.empty()) {
      key.assign(seg);
      if (auto it = by_name_.find(key); it != by_name_.end()) add(it->second);
    }
    if (!by_ext_.empty()) {
      for (std::size_t dot = seg.find('.'); dot != std::string_view::npos;
           dot = seg.find('.', dot + 1)) {
        key.assign(seg.substr(dot + 1));
        if (auto it = by_ext_.find(key); it != by_ext_.end()) add(it->second);
      }
    }
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  add(generic_);
  generic_index_.ranges(path, out);
}

std::uint64_t CodeownersMatcher::Index::lookup_cost(std::string_view path) const {
  // A hash lookup per segment (and per extension), and per position and key length of the
  // literal-run index: two units each.
  return 1 + path.size() / 8 + 2 * path.size() * generic_index_.key_lengths();
}

CodeownersMatcher::CodeownersMatcher(const CodeownersFile& file, int section, Rules which,
                                     CodeownersBudget* budget)
    : file_(file), budget_(budget) {
  for (int i = 0; i < static_cast<int>(file.rules.size()); ++i) {
    const CodeownersRule& rule = file.rules[i];
    if (rule.glob.pattern().regex.empty()) continue;
    if (section >= 0 && rule.section != section) continue;
    if (section >= 0 && rule.exclusion != (which == Rules::kExclusions)) continue;
    int id = static_cast<int>(rules_.size());
    rules_.push_back(i);
    classes_.push_back(rule.glob.required_classes());
    (rule.glob.below_directory() ? by_directory_ : by_path_).add(id, rule.glob);
  }
  by_path_.finish(file, rules_);
  by_directory_.finish(file, rules_);
}

CodeownersMatcher::~CodeownersMatcher() = default;

bool CodeownersMatcher::test(int id, std::string_view path, std::uint64_t classes) const {
  charge(1);
  if ((classes_[id] & ~classes) != 0) return false;
  const GlobMatcher& glob = file_.rules[rules_[id]].glob;
  if (budget_ == nullptr) return glob.matches(path);
  // Stopped at what is left of the budget: charge() then throws.
  std::uint64_t work = 0;
  bool found = glob.matches(path, work, budget_->left());
  charge(work);
  return found;
}

std::vector<int> CodeownersMatcher::test_all(const std::vector<Bucket>& buckets,
                                             std::string_view path) const {
  std::uint64_t classes = GlobMatcher::byte_classes(path);
  std::vector<int> out;
  for (const Bucket& b : buckets) {
    for (const int* id = b.first; id != b.second; ++id) {
      if (test(*id, path, classes)) out.push_back(rules_[*id]);
    }
  }
  // A bucket reached twice (a name or an extension met twice in the path) gives a rule twice.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const std::vector<int>& CodeownersMatcher::directory_matches(std::string_view path) const {
  static const std::vector<int> kNone;
  std::size_t slash = path.rfind('/');
  if (by_directory_.empty() || slash == std::string_view::npos) return kNone;
  std::vector<Bucket> buckets;
  if (!plain_name(path.substr(slash + 1))) {
    charge(by_directory_.lookup_cost(path));
    by_directory_.candidates(path, buckets);
    unshared_ = test_all(buckets, path);
    return unshared_;
  }
  std::string_view dir = path.substr(0, slash);
  charge(1 + dir.size() / 8);
  if (auto it = per_directory_.find(dir); it != per_directory_.end()) return it->second;
  // Any plain file name gives the directory's answer (GlobMatcher::below_directory()).
  std::string probe = std::string(dir) + "/x";
  charge(by_directory_.lookup_cost(probe));
  by_directory_.candidates(probe, buckets);
  std::vector<int> found = test_all(buckets, probe);
  if (per_directory_.size() >= kMaxCachedDirectories) per_directory_.clear();
  return per_directory_.emplace(std::string(dir), std::move(found)).first->second;
}

int CodeownersMatcher::last_match(const Index& index, std::string_view path, int floor) const {
  charge(index.lookup_cost(path));
  // Test candidates from the highest rule down, merging the sorted buckets; the first match is
  // the last matching line, which decides.
  std::vector<Bucket> buckets;
  buckets.reserve(16);
  index.candidates(path, buckets);
  std::uint64_t classes = GlobMatcher::byte_classes(path);
  int last_tested = -1;
  while (true) {
    int next = -1;
    Bucket* from = nullptr;
    for (Bucket& b : buckets) {
      if (b.first != b.second && *(b.second - 1) > next) {
        next = *(b.second - 1);
        from = &b;
      }
    }
    if (from == nullptr || rules_[next] < floor) return -1;
    --from->second;
    if (next == last_tested) continue;  // the same rule reached through two buckets
    last_tested = next;
    if (test(next, path, classes)) return rules_[next];
  }
}

int CodeownersMatcher::directory_last(std::string_view path) const {
  std::size_t slash = path.rfind('/');
  if (by_directory_.empty() || slash == std::string_view::npos) return -1;
  if (!plain_name(path.substr(slash + 1))) return last_match(by_directory_, path, -1);
  std::string_view dir = path.substr(0, slash);
  charge(1 + dir.size() / 8);
  if (auto it = last_per_directory_.find(dir); it != last_per_directory_.end()) return it->second;
  // Any plain file name gives the directory's answer (GlobMatcher::below_directory()).
  int found = last_match(by_directory_, std::string(dir) + "/x", -1);
  if (last_per_directory_.size() >= kMaxCachedDirectories) last_per_directory_.clear();
  last_per_directory_.emplace(std::string(dir), found);
  return found;
}

int CodeownersMatcher::match(std::string_view path) const {
  int best = directory_last(path);
  if (by_path_.empty()) return best;
  // Rules before best cannot decide.
  return std::max(best, last_match(by_path_, path, best));
}

std::vector<int> CodeownersMatcher::all_matches(std::string_view path) const {
  std::vector<int> out = directory_matches(path);
  if (by_path_.empty()) return out;
  charge(by_path_.lookup_cost(path));
  std::vector<Bucket> buckets;
  by_path_.candidates(path, buckets);
  std::vector<int> more = test_all(buckets, path);
  std::vector<int> merged;
  merged.reserve(out.size() + more.size());
  std::merge(out.begin(), out.end(), more.begin(), more.end(), std::back_inserter(merged));
  return merged;
}

}  // namespace sigwarden
