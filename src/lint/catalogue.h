// The rule catalogue: every rule sigwarden can report, with its default level and the why and
// how-to-fix text that `sigwarden explain-rule` prints. Loaded from the rule sets shipped in
// rules/*.yaml (compiled into the binary).
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

namespace sigwarden {

struct Rule {
  std::string id;
  Level level = Level::kError;
  std::string message;
  std::string why;
  std::string fix;
  std::string file;  // the rule set it comes from, e.g. "registry.yaml"
};

class Catalogue {
 public:
  // The shipped catalogue. Throws Error if a shipped rule set is malformed (a build defect).
  static const Catalogue& shipped();

  // Parses one rule set's text (a `rules:` list). Throws Error naming file on a bad entry.
  void add_rule_set(const std::string& file, const std::string& text);

  // The rule with id, or nullptr.
  const Rule* find(const std::string& id) const;
  const std::vector<Rule>& rules() const { return rules_; }

  // The known id closest to id, for "did you mean"; empty when none is close.
  std::string nearest(const std::string& id) const;

 private:
  std::vector<Rule> rules_;
};

}  // namespace sigwarden
