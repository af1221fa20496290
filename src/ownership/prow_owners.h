// Kubernetes Prow OWNERS files (FORMATS.md §5): parsing with the reading Prow's repoowners package
// gives them, and resolving who owns a path.
//
// Prow decodes an OWNERS file twice. First as a "simple" configuration (approvers, reviewers,
// required_reviewers, labels, options); if that fails or all four lists are empty, as a "full"
// configuration (options, filters). So a file that sets top-level owners AND filters uses the
// top-level owners and ignores the filters, the opposite of what the community guide suggests, and
// a top-level list of the wrong type (`approvers: alice`) makes Prow drop every top-level owner of
// the file. Unknown keys are ignored silently by Prow; we report them, with the rest, as
// ownership-syntax findings, and the parsed file holds exactly what Prow would apply.
//
// Resolution walks from the path up to the root. Each role (approvers, reviewers,
// required_reviewers, labels) is collected separately, and an OWNERS file with no_parent_owners
// stops the walk for a role only once that role has collected someone: a no_parent_owners file
// that lists only reviewers still inherits its parents' approvers. Filter regexes are searched
// for (not anchored) in the path relative to the OWNERS file's directory, as Go's
// regexp.MatchString does.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/finding.h"

namespace re2 {
class RE2;
}

namespace sigwarden {

// One set of owners: the top-level keys of an OWNERS file, or one filter.
struct ProwOwnersEntry {
  // As written: aliases not expanded, case kept. emeritus_approvers are not kept.
  std::vector<std::string> approvers, reviewers, required_reviewers, labels;
  Location where;  // the first owners key of the file, or the filter's regex key
  bool empty() const;
};

struct ProwOwnersFile {
  std::string path;               // repository path of the OWNERS file, e.g. "pkg/kubelet/OWNERS"
  std::string dir;                // its directory ("" for the root)
  bool no_parent_owners = false;  // options: {no_parent_owners: true}, when Prow applies options
  // regex -> entry, in file order; only filters with a valid regex. Empty when the file's
  // top-level owners are set, since Prow then ignores the filters (a finding says so).
  std::vector<std::pair<std::string, ProwOwnersEntry>> filters;
  ProwOwnersEntry top;  // used when there are no filters; empty when Prow cannot read it
  // Rule "ownership-syntax": bad YAML, unknown or duplicate keys, wrong types, invalid filter
  // regexes, filters ignored next to top-level owners; each with file:line.
  std::vector<Finding> findings;
};

// Parses the OWNERS file at path (a repository path). Never throws on bad input: a file that is
// not valid YAML yields one finding and no owners.
ProwOwnersFile parse_prow_owners(const std::string& path, std::string_view text);

// OWNERS_ALIASES: `aliases: {name: [logins]}`. Names and logins are normalised as Prow's
// NormLogin does (lower-cased, a leading '@' removed); members are sorted and unique. A group
// that is not a list (or a flow mapping, or empty) is reported and left out.
struct ProwAliases {
  std::map<std::string, std::vector<std::string>> aliases;
  std::vector<Finding> findings;  // rule "ownership-syntax"
};
ProwAliases parse_prow_aliases(const std::string& path, std::string_view text);

struct ProwMatch {
  // Logins with aliases expanded one level, normalised, unique and sorted. Labels are kept as
  // written (Prow neither lower-cases nor expands them), unique and sorted.
  std::vector<std::string> approvers, reviewers, required_reviewers, labels;
  std::vector<Location> rules;      // OWNERS entries that contributed to any role, nearest first
  std::string nearest_owners_file;  // path of the nearest OWNERS file that contributed ("" if none)
};

// Answers "who owns this path" over all OWNERS files of a repository. Filters are compiled and
// aliases expanded once, when the resolver is built.
class ProwOwnersResolver {
 public:
  ProwOwnersResolver(const std::vector<ProwOwnersFile>& files, ProwAliases aliases);

  // Ownership of a repository path (a file, or a directory; "" is the root): the union, per role,
  // of the nearest OWNERS file and its ancestors, walking up directory by directory until and
  // including a no_parent_owners file once the role has collected someone. In a file with
  // filters, only filters whose regex matches the path relative to that file's directory
  // contribute ('.*' matches everything). Collaborator filtering, which Prow also does, is not
  // modelled.
  ProwMatch match(std::string_view path) const;

 private:
  struct Entry {
    std::shared_ptr<const re2::RE2> regex;  // null: matches every path ('.*' or top-level keys)
    // approvers, reviewers, required_reviewers, labels; logins normalised and aliases expanded
    std::array<std::vector<std::string>, 4> roles;
    Location where;
  };
  struct Dir {
    std::string owners_path;
    bool no_parent_owners = false;
    std::vector<Entry> entries;
  };
  std::map<std::string, Dir, std::less<>> dirs_;
};

}  // namespace sigwarden
