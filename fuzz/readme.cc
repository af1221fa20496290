// README reading (registry/readme.h) for a group and a committee, and the people reader
// (registry/people.h) over the whole text and over every line, in both of its modes.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "registry/people.h"
#include "registry/readme.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  std::string_view text = fuzz::as_text(data, size);
  if (!fuzz::readable_text(text)) return 0;
  const Patterns& patterns = fuzz::shipped_patterns();
  parse_readme("sigs/fuzz/README.md", text, patterns, ReadmeOf::kGroup);
  parse_readme("committee-fuzz/README.md", text, patterns, ReadmeOf::kCommittee);
  Location where{"sigs/README.md", 1, 1};
  for (const Line& line : split_lines(text)) {
    where.line = line.number;
    parse_people(line.text, PeopleText::kCell, patterns, Source::kIndex, where);
    parse_people(line.text, PeopleText::kEntry, patterns, Source::kReadme, where);
    for (const std::string& email : find_emails(line.text)) normalize_list(email);
    normalize_list(trim(line.text));
    is_profile_url(trim(line.text));
  }
  return 0;
}
