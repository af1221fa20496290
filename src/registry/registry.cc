#include "registry/registry.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "core/text.h"

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
  return std::any_of(leads.begin(), leads.end(), [s](const Person& p) {
    return p.source == s ||
           std::find(p.also_from.begin(), p.also_from.end(), s) != p.also_from.end();
  });
}

namespace {

// Whether two values of one field can belong to one person: equal, or one of them unknown.
bool agree(const std::string& a, const std::string& b) {
  return a.empty() || b.empty() || to_lower_ascii(a) == to_lower_ascii(b);
}

}  // namespace

namespace {

// One pass of merge_leads: each entry joins the first earlier one it shares a key with. Returns
// whether anything was merged.
bool merge_pass(std::vector<Person>& leads) {
  std::vector<Person> out;
  out.reserve(leads.size());
  // Index of the merged entry per key: "h:" login, "e:" e-mail, "n:" display name.
  std::unordered_map<std::string, std::size_t> by_key;
  auto keys_of = [](const Person& p) {
    std::vector<std::string> keys;
    if (!p.handle.empty()) keys.push_back("h:" + to_lower_ascii(p.handle));
    if (!p.email.empty()) keys.push_back("e:" + to_lower_ascii(p.email));
    if (!p.name.empty()) keys.push_back("n:" + to_lower_ascii(p.name));
    return keys;
  };
  for (Person& p : leads) {
    std::optional<std::size_t> into;
    for (const std::string& k : keys_of(p)) {
      auto it = by_key.find(k);
      if (it == by_key.end()) continue;
      const Person& q = out[it->second];
      // A shared display name alone is not enough when the logins or e-mails differ.
      if (k[0] == 'n' && !(agree(p.handle, q.handle) && agree(p.email, q.email))) continue;
      into = it->second;
      break;
    }
    if (!into) {
      into = out.size();
      out.push_back(std::move(p));
    } else {
      Person& q = out[*into];
      if (q.handle.empty()) q.handle = p.handle;
      if (q.name.empty()) q.name = p.name;
      if (q.email.empty()) q.email = p.email;
      if (q.url.empty()) q.url = p.url;
      p.also_from.insert(p.also_from.begin(), p.source);
      for (Source s : p.also_from) {
        if (s != q.source &&
            std::find(q.also_from.begin(), q.also_from.end(), s) == q.also_from.end()) {
          q.also_from.push_back(s);
        }
      }
    }
    for (const std::string& k : keys_of(out[*into])) by_key.emplace(k, *into);
  }
  bool merged = out.size() < leads.size();
  leads = std::move(out);
  return merged;
}

}  // namespace

void merge_leads(std::vector<Person>& leads) {
  // A merge can fill in the field that links an entry to a later one (a login-only entry gains
  // the name a name-and-e-mail entry shares), so a few passes reach the fixed point on real
  // registries; the bound keeps a crafted one linear.
  for (int pass = 0; pass < 4 && merge_pass(leads); ++pass) {
  }
}

Group* Registry::find_by_dir(const std::string& dir) {
  for (Group& g : groups) {
    if (g.dir == dir) return &g;
  }
  return nullptr;
}

}  // namespace sigwarden
