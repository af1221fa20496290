// `sigwarden audit`: what the ownership data says about the whole tree. Unowned files rolled up by
// directory (a directory whose every file is unowned is reported once), CODEOWNERS rules that
// match no file, rules every file of which a later rule decides, duplicate patterns, owners that
// map to no SIG, and ownership files that are themselves unowned.
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"
#include "ownership/index.h"
#include "registry/registry.h"

namespace sigwarden {

struct AuditStats {
  std::size_t files = 0;
  std::size_t unowned_files = 0;
};

// Raw findings (levels are applied later by apply_config) for the tree's files.
std::vector<Finding> audit_ownership(const OwnershipIndex& index, const Registry& registry,
                                     const std::vector<std::string>& files, AuditStats* stats);

}  // namespace sigwarden
