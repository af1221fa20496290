// A careful line reader for the parts of Markdown that governance files use: ATX headings, bold
// label lines, links (including <angle> targets and targets with spaces or parentheses), and
// pipe tables. It never fails: text it cannot read is reported by the caller as a finding.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace sigwarden::md {

struct Link {
  std::string text;    // link text with emphasis removed
  std::string target;  // as written, without <angle brackets> or a "title"
  int column = 0;      // 1-based byte column of '['
  bool image = false;  // ![alt](src)
};

// Every inline link [text](target) and image in line, in order. Reference links are not resolved.
std::vector<Link> find_links(std::string_view line);

// Line with every link replaced by its text (images removed), for reading plain names.
std::string replace_links_with_text(std::string_view line);

// Line with every link and image removed, text included: what is written outside links.
std::string remove_links(std::string_view line);

struct Heading {
  int level = 0;     // 1..6 for '#' headings
  std::string text;  // normalised: emphasis and trailing colon removed, full-width folded
};

// An ATX heading ("## SIG Leads"). Returns nothing for any other line.
std::optional<Heading> parse_heading(std::string_view line);

// Folds full-width punctuation, removes Markdown emphasis (** __ ` ~), HTML tags, a leading list
// marker is NOT removed; trims spaces and a trailing ':'.
std::string normalize_label(std::string_view text);

// A list item marker ("- ", "* ", "+ ", "1. "): returns the text after it, or nothing.
std::optional<std::string_view> strip_list_marker(std::string_view line);

struct TableRow {
  int line = 0;
  std::vector<std::string> cells;  // trimmed cell text
  std::vector<int> columns;        // 1-based byte column of each cell's text
};

struct Table {
  int first_line = 0;
  bool has_header = false;  // a separator row (|---|---|) follows the first row
  TableRow header;          // empty cells when !has_header
  std::vector<TableRow> rows;
};

// Every pipe table in the file. A run of pipe lines without a separator row is returned with
// has_header == false and all lines in rows.
std::vector<Table> find_tables(const std::vector<Line>& lines);

}  // namespace sigwarden::md
