#include "registry/registry.h"

#include <algorithm>

namespace sigwarden {

const char* group_kind_name(GroupKind kind) {
  switch (kind) {
    case GroupKind::kSig:
      return "sig";
    case GroupKind::kWorkingGroup:
      return "wg";
    case GroupKind::kUserGroup:
      return "ug";
    case GroupKind::kCommittee:
      return "committee";
  }
  return "sig";
}

const char* source_name(Source source) {
  switch (source) {
    case Source::kIndex:
      return "index";
    case Source::kReadme:
      return "README";
    case Source::kSigInfo:
      return "sig-info.yaml";
    case Source::kSigsYaml:
      return "sigs.yaml";
    case Source::kOwners:
      return "OWNERS";
  }
  return "?";
}

std::string Person::label() const {
  if (!handle.empty()) return "@" + handle;
  if (!name.empty()) return name;
  return email;
}

bool Group::has_lead_from(Source s) const {
  return std::any_of(leads.begin(), leads.end(), [s](const Person& p) { return p.source == s; });
}

bool Group::has_list_from(Source s) const {
  return std::any_of(lists.begin(), lists.end(),
                     [s](const MailingList& l) { return l.source == s; });
}

Group* Registry::find_by_dir(const std::string& dir) {
  for (Group& g : groups) {
    if (g.dir == dir) return &g;
  }
  return nullptr;
}

}  // namespace sigwarden
