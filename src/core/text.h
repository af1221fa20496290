// Text helpers shared by every parser: decoding a file into lines (BOM, CRLF, invalid UTF-8),
// trimming, case folding of ASCII, and folding full-width punctuation to its ASCII form so that
// patterns written with ':' also match '：'.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sigwarden {

// One line of a text file, without its line terminator; number is 1-based.
struct Line {
  int number = 0;
  std::string_view text;
};

// Splits text into lines. Accepts LF, CRLF and lone CR endings; a UTF-8 BOM at the start is
// skipped. The returned views point into text.
std::vector<Line> split_lines(std::string_view text);

// Returns the 1-based line and column of the first invalid UTF-8 sequence or NUL byte, or nullopt
// when text is valid UTF-8 without NUL bytes.
struct TextPosition {
  int line = 0;
  int column = 0;
};
std::optional<TextPosition> find_invalid_utf8(std::string_view text);

std::string_view trim(std::string_view s);
std::string to_lower_ascii(std::string_view s);
bool starts_with(std::string_view s, std::string_view prefix);
bool ends_with(std::string_view s, std::string_view suffix);

// Replaces full-width ASCII variants (U+FF01..U+FF5E, e.g. '：' '（' '，') and the ideographic
// space with their ASCII counterparts.
std::string fold_fullwidth(std::string_view s);

// Decodes %XX escapes (as in Markdown link targets); invalid escapes are kept as written.
std::string percent_decode(std::string_view s);

// Joins a relative path onto a directory and normalises "." and ".." segments. Returns nullopt
// when the result would leave the repository root.
std::optional<std::string> join_path(std::string_view dir, std::string_view relative);

// The directory part of a repository path ("" for a top-level file).
std::string_view parent_dir(std::string_view path);

// Levenshtein distance, used to suggest the key a typo meant ("eamil" -> "email").
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace sigwarden
