// Renderers for `sigwarden sigs`: the registry as sigwarden read it, one normalized shape whatever
// the layout. Formats: text (one block per group), json (the public interface in
// docs/sigs-json.md), csv (one row per group) and markdown (one table).
#pragma once

#include <string>
#include <vector>

#include "registry/registry.h"

namespace sigwarden {

struct SigsReport {
  std::string repository;
  std::string revision;  // as asked (--rev)
  std::string commit;    // the commit it resolved to
  const Registry* registry = nullptr;
};

// The JSON document's schemaVersion; raised when a field changes meaning or goes away.
inline constexpr int kSigsSchemaVersion = 1;

const std::vector<std::string>& sigs_formats();

// The whole document. Throws UsageError on an unknown format.
std::string render_sigs(const SigsReport& report, const std::string& format);

// "login (Name) <email>" with whichever parts are known: how a lead is shown in every format
// but JSON, which keeps the parts apart.
std::string person_text(const Person& p);

}  // namespace sigwarden
