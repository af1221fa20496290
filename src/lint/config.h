// .sigwarden.yaml: the per-repository configuration. Everything is optional; with no file,
// sigwarden detects the layout and uses the shipped rules and patterns. A configuration that does
// not parse, names an unknown key, rule or pattern set, or has a suppression without a reason is an
// operational error (exit 2): a gate must not run on a half-understood configuration.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "lint/catalogue.h"
#include "registry/layout.h"

namespace sigwarden {

struct Suppression {
  std::string rule;
  std::string sig;                     // SIG name or folder
  std::string reason;                  // mandatory
  std::optional<std::string> expires;  // YYYY-MM-DD
  Location where;
};

struct Config {
  std::string path;  // where it was read from, "" when there is none
  LayoutKind layout = LayoutKind::kAuto;
  RegistrySources sources;  // `registry:`: where the registry is (empty: the layout's own paths)
  std::optional<Level> fail_level;
  std::map<std::string, Level> levels;                       // rule id -> level
  std::map<std::string, std::vector<std::string>> patterns;  // defaults merged with overrides
  std::vector<Suppression> suppressions;
  // Ownership: SIG name -> gitignore-style patterns it owns, with where each was written.
  std::vector<std::pair<std::string, std::pair<std::string, Location>>> owns;
  // RE2 patterns with one capture that map a code-owner team to a SIG ("@org/sig-(.+)-reviewers").
  std::vector<std::string> team_patterns;
  // CODEOWNERS flavour: "github" (default, or detected) or "gitlab" (or detected from .gitlab/).
  std::string codeowners_flavor;
  // Reviewers for changed files that nothing owns (`review: {fallback: [...]}`).
  std::vector<std::string> fallback_reviewers;
  // The health report (`report: {bots: [...], sweep_sigs: 3}`): RE2 patterns (case-insensitive)
  // matched against "Name <e-mail>" that mark bot authors, added to the shipped ones; and how
  // many SIGs a commit may touch before it counts as a sweep.
  std::vector<std::string> bot_patterns;
  int sweep_sigs = 3;
};

// The configuration with shipped defaults only.
Config default_config();

// Parses .sigwarden.yaml text found at path (a repository path or a file on disk).
// Throws Error naming path and line on any problem.
Config parse_config(const std::string& path, const std::string& text, const Catalogue& catalogue);

}  // namespace sigwarden
