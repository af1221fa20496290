// Reads the leads and mailing lists out of a SIG's README. There is no single format in real
// communities (FORMATS.md §1): leads sit under headings of any level and many names ("SIG Leads",
// "Maintainers", "领衔成员", "CO-CHAIRS", "<Name> SIG Maintainer"), behind inline labels
// ("组长：名字", "**Maintainer:**"), or under a bare label line. So the reader is a small state
// machine over lines driven by the pattern sets, not a Markdown parser: a lead section opens at a
// matching heading or label and closes at the next heading of the same or a higher level (or, for
// a label, at the first blank line after its entries); deeper headings inside it are entries
// unless they open another lead section or a section that is never one (emeritus, members).
// Inside a section whose entries are list items, plain lines are prose (a wrapped sentence, an
// introduction), not names, so they are dropped; labels inside sections about other topics
// ("Member Development") describe roles, not the SIG's leads, so they are ignored.
// Mailing lists are taken only where text says they are lists (a label, a list heading, a list
// URL), so the personal e-mail addresses of leads are never mistaken for one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "registry/patterns.h"
#include "registry/registry.h"

namespace sigwarden {

struct ReadmeFacts {
  std::vector<Person> leads;
  std::vector<MailingList> lists;
  // Placeholders found where a lead or list should be, with their location.
  std::vector<std::pair<std::string, Location>> placeholders;
  bool lead_section_found = false;  // a lead heading or label exists, even if empty
  Location lead_section;            // where it is, when found
};

enum class ReadmeOf {
  kGroup,      // a SIG, working group or user group: "Members" are not leads
  kCommittee,  // a committee: its "Members" section lists its leads
};

// Parses README text (already known to be valid UTF-8) found at path.
ReadmeFacts parse_readme(const std::string& path, std::string_view text, const Patterns& patterns,
                         ReadmeOf of = ReadmeOf::kGroup);

}  // namespace sigwarden
