// The SIG registry: every group a community declares, with the source location of every fact, so
// that each finding can point at a line. Layout adapters (markdown_layout, openeuler_layout,
// kubernetes_layout) build it from the repository; rules read it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"

namespace sigwarden {

enum class GroupKind { kSig, kWorkingGroup, kUserGroup, kCommittee };
const char* group_kind_name(GroupKind kind);

// Where a fact came from; rules compare sources (e.g. README leads vs index leads).
enum class Source { kIndex, kReadme, kSigInfo, kSigsYaml, kOwners };
const char* source_name(Source source);

struct Person {
  std::string name;                 // display name as written, may be empty
  std::string handle;               // gitee/github login without '@', may be empty
  std::string email;                // personal address, never a mailing list
  std::string url;                  // profile URL
  Source source = Source::kReadme;  // the first source that names this person
  Location where;
  std::vector<Source> also_from;  // other sources that name the same person (merge_leads)
  // A printable label: handle, else name, else e-mail.
  std::string label() const;
};

// Makes one entry per person: entries with the same login or the same e-mail (case-insensitive),
// or the same display name where neither login nor e-mail disagrees, are merged into the first
// (missing fields filled in, the other sources kept in also_from). A chair who is also a
// technical lead, or a lead named by the index, the README and the registry YAML, counts once.
void merge_leads(std::vector<Person>& leads);

struct MailingList {
  std::string address;     // as written: an address or a list URL
  std::string normalized;  // lower-case address; list URLs mapped to "list@domain" where possible
  Source source = Source::kReadme;
  Location where;
};

// A chat channel a group names as a contact (Kubernetes `contact.slack`).
struct ChatChannel {
  std::string service;  // "slack"
  std::string channel;  // as written, without a leading '#'
  Location where;
};

// One relative link found in an index or registry file, to be checked against the tree.
struct Link {
  std::string target;    // as written
  std::string resolved;  // repository path it points to
  Location where;
};

struct Group {
  std::string name;
  GroupKind kind = GroupKind::kSig;
  std::string dir;    // folder relative to the repository root ("" when not known)
  Location declared;  // where the group is declared (index row, sig-info.yaml, sigs.yaml entry)
  bool folder_exists = false;
  std::optional<std::string> readme;  // path of the README, when the folder has one
  std::vector<Person> leads;          // from every source; see Person::source
  std::vector<MailingList> lists;     // from every source
  std::vector<ChatChannel> chat;      // chat channels (not a mailing list)
  bool readme_parsed = false;         // README read as text (false when missing or not text)
  bool readme_generated = false;      // README generated from the registry: facts not read
  std::optional<Location> readme_lead_section;  // an (empty) lead heading or label in the README
  bool yaml_registry = false;  // declared in a YAML registry (sigs.yaml): findings point there
  std::string label;  // Kubernetes label ("apps" for sig-apps), matched against OWNERS labels
  // Paths the group declares it owns besides its folder (sig-info.yaml directory/directories).
  std::vector<std::pair<std::string, Location>> owned_patterns;
  // Repositories the group owns ("org/name", sig-info.yaml repositories), with where each is
  // listed.
  std::vector<std::pair<std::string, Location>> repositories;
  bool only_private_list = false;  // Kubernetes: contact has only private_mailing_list

  bool has_lead_from(Source s) const;
  bool has_list_from(Source s) const;
};

// An entry of the index (Markdown table row, sigs.yaml group) that names a folder; kept per index
// file so that rules can compare the language tables.
struct IndexEntry {
  std::string name;
  std::string dir;  // "" when the row has no readable link
  std::string index_file;
  Location where;
};

struct Registry {
  std::string layout;                    // "markdown", "openeuler" or "kubernetes"
  std::vector<std::string> index_files;  // files that list the groups
  std::vector<Group> groups;
  std::vector<IndexEntry> index_entries;
  std::vector<Link> links;               // relative links to check
  std::vector<std::string> group_roots;  // where SIG folders live, e.g. "sigs", "sig", ""
  std::vector<std::string> folders;      // candidate SIG folders found on disk
  std::vector<Finding> findings;         // found while building (schema, placeholders, encoding)

  Group* find_by_dir(const std::string& dir);
};

}  // namespace sigwarden
