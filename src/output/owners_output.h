// Renderers for ownership answers (`owners`, `explain`): text, json (the public interface in
// docs/owners-json.md) and tsv.
#pragma once

#include <string>
#include <vector>

#include "ownership/index.h"

namespace sigwarden {

struct OwnersReport {
  std::string revision;  // the commit the ownership was read at
  std::vector<PathOwners> paths;
  std::vector<std::string> statuses;  // per path: "", or the change status ("A", "D", "R", ...)
};

const std::vector<std::string>& owners_formats();
std::string render_owners(const OwnersReport& report, const std::string& format);

// `explain`: which rule of which file decided, and which rules it shadowed.
std::string render_explain(const OwnersReport& report, const std::string& format);

}  // namespace sigwarden
