// Reads people (leads) and mailing lists out of free text: an index table cell, one entry of a
// README lead section, or a YAML value. Shared by every layout so that the same text yields the
// same people wherever it appears.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "registry/patterns.h"
#include "registry/registry.h"

namespace sigwarden {

enum class PeopleText {
  kCell,   // an index cell or inline label value: several people, separated by 、 , ; / or links
  kEntry,  // one README list item or line: one person unless it holds several profile links
};

struct PeopleParse {
  std::vector<Person> people;
  std::vector<std::string> placeholders;  // text that stands for a lead but names nobody
};

// Parses the people written in text. where is copied into each person (column adjusted to the
// person's link where known).
PeopleParse parse_people(std::string_view text, PeopleText mode, const Patterns& patterns,
                         Source source, const Location& where);

// Every e-mail address in text, in order.
std::vector<std::string> find_emails(std::string_view text);

// Maps a list address or list URL to a comparable form: "name@domain" in lower case when the URL
// names the list (postorius, mailman, hyperkitty, Google Groups), else the lower-cased input.
std::string normalize_list(std::string_view address_or_url);

// True for a profile URL on a code-hosting site (gitee, github, atomgit, gitcode, gitlab).
bool is_profile_url(std::string_view url);

}  // namespace sigwarden
