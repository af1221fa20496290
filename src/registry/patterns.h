// The RE2 pattern sets that find leads, lists and placeholders in free-form text. The defaults
// ship in rules/patterns.yaml; .sigwarden.yaml may replace or extend any set. Every set is
// compiled once per run into a single alternation (RE2 runs in linear time, so a crafted pattern
// cannot hang sigwarden; an oversized one is rejected by the memory budget).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace sigwarden {

class Patterns {
 public:
  // The names of every set; a configuration naming another set is an error.
  static const std::vector<std::string>& names();

  // Compiles the sets. Throws Error naming the set and the pattern that does not compile.
  explicit Patterns(const std::map<std::string, std::vector<std::string>>& sets);
  ~Patterns();
  Patterns(Patterns&&) noexcept;
  Patterns& operator=(Patterns&&) noexcept;

  // True when any pattern of the set matches somewhere in text (anchors are the pattern's own).
  bool matches(std::string_view set, std::string_view text) const;

  // Every non-overlapping match of the set in text, in order.
  std::vector<std::string_view> find_all(std::string_view set, std::string_view text) const;

 private:
  const re2::RE2& get(std::string_view set) const;
  std::map<std::string, std::unique_ptr<re2::RE2>, std::less<>> compiled_;
};

// The default pattern sets from the shipped rules/patterns.yaml.
std::map<std::string, std::vector<std::string>> default_pattern_sets();

}  // namespace sigwarden
