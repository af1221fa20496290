#include "core/finding.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <tuple>

namespace sigwarden {

const char* level_name(Level level) {
  switch (level) {
    case Level::kOff:
      return "off";
    case Level::kNote:
      return "note";
    case Level::kWarning:
      return "warning";
    case Level::kError:
      return "error";
  }
  return "error";
}

bool parse_level(const std::string& text, Level* out) {
  for (Level l : {Level::kOff, Level::kNote, Level::kWarning, Level::kError}) {
    if (text == level_name(l)) {
      *out = l;
      return true;
    }
  }
  return false;
}

std::string fingerprint_of(const Finding& f) {
  // FNV-1a 64 over the identity fields, separated by a byte that cannot occur in them.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  auto mix = [&h](const std::string& s) {
    for (unsigned char c : s) {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
    h ^= 0xff;
    h *= 0x100000001b3ULL;
  };
  mix(f.rule);
  mix(f.sig);
  mix(f.location.path);
  mix(f.subject);
  return fmt::format("{:016x}", h);
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.sig, a.location.path, a.location.line, a.location.column, a.rule, a.message) <
           std::tie(b.sig, b.location.path, b.location.line, b.location.column, b.rule, b.message);
  });
}

}  // namespace sigwarden
