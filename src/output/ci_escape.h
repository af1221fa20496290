// Helpers shared by the CI renderers (output/ci_formats.h): escaping of repository text for each
// target syntax, the file position a finding is anchored at, and counts. Internal to src/output
// and the tests; docs/output-formats.md describes the escaping rules.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "output/lint_output.h"

namespace sigwarden::ci {

// Replaces every invalid UTF-8 sequence (bad lead or continuation bytes, overlong forms,
// surrogates, code points above U+10FFFF, truncated sequences) with U+FFFD.
std::string valid_utf8(std::string_view s);

// The UTF-8 sequence at s[i]: its code point and length in bytes; code point -1 and the number of
// bytes to skip when the sequence is invalid (as valid_utf8 reads it).
struct Utf8Sequence {
  std::int32_t code_point;
  std::size_t length;
};
Utf8Sequence decode_utf8(std::string_view s, std::size_t i);

// `\xNN` for a C0 control character or DEL: how every text format shows control characters.
std::string control_escape(unsigned char c);

// Text for XML element content (attribute = false) or a double- or single-quoted attribute value
// (attribute = true): & < > " ' as entities; \r (and in attributes \n and \t) as character
// references; other control characters as visible `\xNN` (XML 1.0 cannot carry them at all);
// invalid UTF-8 and U+FFFE/U+FFFF as U+FFFD.
std::string escape_xml(std::string_view s, bool attribute);

// Text for one line of inline Markdown (a table cell, a heading, a paragraph): Markdown
// punctuation backslash-escaped, & < > as entities (no HTML tags, no autolinks), @mentions,
// #references, URL and www autolinks broken by a zero-width space, control characters (including
// newlines) as `\xNN`.
std::string escape_markdown(std::string_view s);

// Text for a terminal or a plain log: control characters (ESC, newlines, NUL) and the bytes of
// invalid UTF-8 as `\xNN`, C1 controls and bidirectional overrides (U+202A-U+202E,
// U+2066-U+2069) as `\uNNNN`, so repository text cannot move the cursor, color the output,
// forge lines or read differently from what it is.
std::string printable(std::string_view s);

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled;
// a field that starts with = + - @ or a tab is prefixed with ' so that a spreadsheet shows it as
// text instead of running it as a formula; invalid UTF-8 as U+FFFD.
std::string escape_csv(std::string_view s);

// Text in a Markdown code span: readable, never markup, a mention or a link. A backtick or a line
// break would end the span or the line, so they become spaces; other control characters are shown
// as `\xNN`; a pipe becomes `pipe` ("\\|" in a table cell, where a pipe ends the cell even
// inside a span).
std::string code_span(std::string_view s, std::string_view pipe = "|");

// The message part of a GitHub workflow command: % \r \n as %25 %0D %0A, other control characters
// as `\xNN`.
std::string escape_github_data(std::string_view s);
// A property value of a workflow command (file, title): as data, and : , as %3A %2C.
std::string escape_github_property(std::string_view s);

// A repository-relative path as a relative URI reference: every byte except unreserved characters
// (A-Z a-z 0-9 - . _ ~) and '/' percent-encoded.
std::string escape_uri_path(std::string_view path);

// Where a machine-readable format points a finding. Findings about a whole folder (line 0 on the
// SIG's own folder) or without a path point at line 1 of the first index file that is a real path
// (not a pattern such as sig/*/sig-info.yaml). line and column stay 0 when unknown.
struct Anchor {
  std::string path;
  int line = 0;
  int column = 0;
};
Anchor anchor_of(const LintReport& report, const Finding& f);

// `path:line:col`, `path:line` or `path`, like the text output.
std::string location_text(const Location& l);

// The report's findings, sorted (an empty list when the report has none).
std::vector<Finding> sorted_findings(const LintReport& report);

struct Counts {
  int error = 0;
  int warning = 0;
  int note = 0;
  int sigs = 0;  // SIGs with at least one finding
};
Counts count(const std::vector<Finding>& findings);

// "24 findings (15 errors, 8 warnings, 1 note) in 8 of 11 groups; layout markdown, HEAD at
// 0123456789ab; 1 suppressed" (raw, unescaped text).
std::string summary_line(const LintReport& report, const Counts& counts, std::size_t total);

// The fingerprint of f (computed when the finding has none).
std::string fingerprint(const Finding& f);

// "repository" for findings without a SIG, else the SIG's name.
std::string group_title(const Finding& f);

// A Markdown table of findings (Location, Level, Rule, Message), each cell escaped.
std::string markdown_findings_table(const std::vector<const Finding*>& findings);

}  // namespace sigwarden::ci
