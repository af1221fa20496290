// Finding where a registry might be when no layout fits, for `sigwarden init`: Markdown files
// with a table whose header names a group column, YAML files whose content fits the Kubernetes
// schema, folders of per-group sig-info.yaml files, and group folders at the root. Each candidate
// is a RegistrySources entry with the reason it was proposed.
#pragma once

#include <string>
#include <vector>

#include "core/tree.h"
#include "registry/layout.h"
#include "registry/patterns.h"

namespace sigwarden {

struct SourceCandidate {
  std::string key;   // the `registry:` key: index, yaml, folders, sig_info
  std::string path;  // its value
  std::string why;   // one line: what was found there
};

// Candidates in the root and the folders one level below it (no deeper: registries live near the
// top). Files over 4 MiB are not read.
std::vector<SourceCandidate> discover_sources(const TreeReader& tree, const Patterns& patterns);

// The sources a detected layout reads, spelled as `registry:` would name them.
RegistrySources sources_of_layout(const TreeReader& tree, LayoutKind layout);

}  // namespace sigwarden
