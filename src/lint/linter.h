// `sigwarden lint` as a library call: builds the registry at one revision, runs the registry
// rules over it, and applies the configuration (levels, suppressions). Works on any TreeReader, so
// tests run it on in-memory trees and real repositories alike.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "core/tree.h"
#include "lint/catalogue.h"
#include "lint/config.h"
#include "registry/registry.h"

namespace sigwarden {

struct LintResult {
  Registry registry;
  std::vector<Finding> findings;  // sorted, with levels and fingerprints set; "off" removed
  int suppressed = 0;             // findings hidden by a valid suppression
};

// Runs every registry rule. today ("YYYY-MM-DD") decides which suppressions have expired.
LintResult lint(const TreeReader& tree, const Config& config, const Catalogue& catalogue,
                const std::string& today);

// Applies the configuration to raw findings: levels (dropping "off"), suppressions (counting the
// hidden ones in *suppressed), expired suppressions as findings, fingerprints, sorting.
// Expired suppressions are reported only for rules of the rule set file `rule_set` (e.g.
// "ownership.yaml"), or for every rule when it is empty.
std::vector<Finding> apply_config(std::vector<Finding> raw, const Config& config,
                                  const Catalogue& catalogue, const std::string& today,
                                  const Registry& registry, int* suppressed,
                                  const std::string& rule_set = "");

// Reads .sigwarden.yaml from the tree when present; otherwise the defaults.
Config load_config(const TreeReader& tree, const Catalogue& catalogue);

// True when any finding is at or above level.
bool fails_at(const std::vector<Finding>& findings, Level level);

}  // namespace sigwarden
