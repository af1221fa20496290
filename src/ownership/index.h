// The OwnershipIndex: every ownership source of a repository compiled once per run, answering
// "who owns this path" and "which line decided it".
//
// Sources and their own precedence rules (each format keeps its own; the answer is their union):
// - the SIG registry: the deepest SIG folder containing the path, plus every pattern a SIG
//   declares (sig-info.yaml directory/directories, .sigwarden.yaml owns:);
// - CODEOWNERS (GitHub): the last matching line decides;
// - Prow OWNERS: the nearest OWNERS file and its ancestors up to no_parent_owners (union);
//   `labels: sig/<name>` ties the directory to a SIG;
// - MAINTAINERS: every matching section applies, ordered by match depth.
// Code-owner teams map to SIGs through the `teams:` patterns of .sigwarden.yaml.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/tree.h"
#include "lint/config.h"
#include "registry/registry.h"

namespace sigwarden {

// One rule of one ownership file.
struct RuleRef {
  std::string source;   // "registry", "CODEOWNERS", "OWNERS", "MAINTAINERS", ".sigwarden.yaml"
  std::string pattern;  // the pattern or section as written
  Location where;
  bool exclusion = false;  // a GitLab "!pattern" (never decides; removes paths from its section)
};

struct PathOwners {
  std::string path;
  std::vector<std::string> sigs;    // owning groups: SIG names, MAINTAINERS section titles
  std::vector<std::string> owners;  // as written in the source
  std::vector<std::string> reviewers;
  std::vector<std::string> lists;
  std::vector<RuleRef> rules;     // the rules that decided, one or more per source
  std::vector<RuleRef> shadowed;  // rules that matched but did not decide (for explain)
  bool owned() const { return !owners.empty() || !sigs.empty(); }
};

class OwnershipIndex {
 public:
  // Which ownership files to load: those of the whole tree (every path in files), or only those
  // on the way from the root to each of the given paths.
  enum class Scope { kWholeTree, kPaths };

  // Reads and compiles every source. files: for kWholeTree, every file of the tree; for kPaths,
  // the paths that will be asked about. Problems in ownership files become findings(). tree and
  // registry must outlive the index (MAINTAINERS asks the tree which F: values are directories).
  OwnershipIndex(const TreeReader& tree, const Registry& registry, const Config& config,
                 Scope scope, const std::vector<std::string>& files);
  ~OwnershipIndex();
  OwnershipIndex(const OwnershipIndex&) = delete;
  OwnershipIndex& operator=(const OwnershipIndex&) = delete;

  // Owners of path (a file path; it need not exist). with_shadowed also lists the rules that
  // matched but did not decide.
  PathOwners owners_of(std::string_view path, bool with_shadowed = false) const;

  // Owners of a whole repository ("org/name") from the registry's repository lists (sig-info.yaml
  // repositories); compared case-insensitively.
  PathOwners owners_of_repository(std::string_view repo_name) const;

  // Problems found in the ownership files (ownership-syntax, codeowners-too-large, ...).
  const std::vector<Finding>& findings() const;
  // The ownership files read, e.g. ".github/CODEOWNERS", "pkg/OWNERS".
  const std::vector<std::string>& files_read() const;

  // For audit: every CODEOWNERS rule, and for path each matching rule with the rule that decides
  // in its section (the same rule when it decides; -1 when a GitLab exclusion removes the path
  // from the section). Exclusion rules themselves are not listed.
  const std::vector<RuleRef>& codeowners_rules() const;
  std::vector<std::pair<int, int>> codeowners_matches(std::string_view path) const;
  // The owners written on CODEOWNERS rule i (for audit).
  const std::vector<std::string>& codeowners_owners(int i) const;
  // The SIG a code-owner team or an OWNERS label maps to, or "" when none.
  std::string sig_of_owner(std::string_view owner) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sigwarden
