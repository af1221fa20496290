// Parser and schema check for sig-info.yaml (openEuler schema, FORMATS.md §2), also found in
// Markdown-layout SIG folders. Checks what the openEuler checker checks (allowed top-level keys,
// required name and maintainers, name equals folder, repo forms, repos listed once) and what it
// misses (typo'd member keys such as 'eamil', maintainers with an empty id, placeholders).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "registry/patterns.h"
#include "registry/registry.h"

namespace sigwarden {

enum class SigInfoFlavor {
  kOpenEuler,  // repos must be openeuler/... or src-openeuler/...
  kGeneric,    // any org/name
};

struct SigInfoRepo {
  std::string repo;  // "org/name"
  Location where;
};

struct SigInfo {
  std::string name;
  Location name_where;
  std::vector<Person> maintainers;
  std::vector<MailingList> lists;
  std::vector<SigInfoRepo> repositories;
  // Code paths declared with directory/directories, with where each is written.
  std::vector<std::pair<std::string, Location>> directories;
  bool parsed = false;  // false when the file is not valid YAML
};

struct SigInfoParse {
  SigInfo info;
  std::vector<Finding> findings;  // registry-schema and sig-placeholder, without sig/dir
};

// Parses sig-info.yaml text found at path in the folder named folder_name.
SigInfoParse parse_sig_info(const std::string& path, std::string_view text,
                            const std::string& folder_name, SigInfoFlavor flavor,
                            const Patterns& patterns);

// Parses a Prow/openEuler OWNERS file's maintainers (openEuler: `maintainers: [id]`).
struct OwnersParse {
  std::vector<Person> maintainers;
  std::vector<Finding> findings;
};
OwnersParse parse_openeuler_owners(const std::string& path, std::string_view text,
                                   const Patterns& patterns);

// Splits a mailing_list value that may hold several addresses ("a@x.org, b@x.org").
std::vector<std::string> split_list_value(std::string_view value);

}  // namespace sigwarden
