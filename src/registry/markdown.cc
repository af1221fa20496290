#include "registry/markdown.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace sigwarden::md {

namespace {

// Links are found the way a reader scans a line: at each '[' look for the ']' that closes it
// (nesting allowed, '\' escapes the next byte), and when "(" follows read the destination up to
// the ')' that closes it (or, for "(<", up to the first ')' after the first '>'). Doing those
// scans again from every '[' is quadratic on lines such as 4 MiB of '[' or "[a](" repeated, so
// LinkIndex finds every answer in one pass over the line, and the loops below look them up.
//
// The answers are exactly those of the scans. A scan from a '[', or from the start of a
// destination (which follows '(' or ' '), sees the same escapes as a pass from the start of the
// line, since neither position follows a '\'. So a '[' closes where the bracket depth of the
// line first falls below its depth just after that '[': at its matching ']' when the '[' is
// unescaped, and where the level it sits on closes when it is written "\[". A plain destination
// ends at the ')' that matches the '(' of its "](". Two stacks find both in one pass.

using Index = std::uint32_t;  // positions: Link::column is an int, so lines are under 2 GiB
constexpr Index kNone = std::numeric_limits<Index>::max();
constexpr Index kWaiting = kNone - 1;         // a '[' or '(' not matched yet
constexpr Index kWaitingEscaped = kNone - 2;  // a "\[" not closed yet: it opened no level

// line.find(c, from) for calls whose from never decreases, reading each byte at most once.
class ForwardFinder {
 public:
  ForwardFinder(std::string_view line, char c) : line_(line), c_(c) {}

  std::size_t find(std::size_t from) {
    if (!searched_ || (found_ != std::string_view::npos && found_ < from)) {
      found_ = line_.find(c_, from);
      searched_ = true;
    }
    return found_;
  }

 private:
  std::string_view line_;
  char c_;
  bool searched_ = false;
  std::size_t found_ = std::string_view::npos;
};

class LinkIndex {
 public:
  explicit LinkIndex(std::string_view line);

  // The ']' that closes the '[' at open, allowing nested brackets. npos when unclosed.
  std::size_t closing_bracket(std::size_t open) const { return position(match_[open]); }

  // For the ']' at close: the ')' that ends the destination "(...)" right after it, or npos when
  // no '(' follows or the destination does not end.
  std::size_t destination_end(std::size_t close) const {
    if (close + 1 >= line_.size() || line_[close + 1] != '(') return std::string_view::npos;
    return position(match_[close + 1]);
  }

  // The target of the destination after the ']' at close that ends at end: without <angle
  // brackets>, spaces or a "title".
  std::string target(std::size_t close, std::size_t end) const {
    std::size_t begin = destination_begin(close + 1);
    if (line_[begin] == '<') {
      std::size_t angle = line_.find('>', begin + 1);
      return std::string(line_.substr(begin + 1, angle - begin - 1));
    }
    std::string_view target = trim(line_.substr(begin, end - begin));
    // Drop a "title" after the destination.
    if (auto q = target.find(" \""); q != std::string_view::npos && target.ends_with('"')) {
      target = trim(target.substr(0, q));
    }
    return std::string(target);
  }

 private:
  // The first byte after the '(' at paren and the spaces that follow it.
  std::size_t destination_begin(std::size_t paren) const {
    std::size_t i = paren + 1;
    while (i < line_.size() && line_[i] == ' ') ++i;
    return i;
  }

  static std::size_t position(Index i) { return i == kNone ? std::string_view::npos : i; }

  std::string_view line_;
  // For each '[' the ']' that closes it, for each '(' the ')' that ends the destination after
  // it (when a ']' precedes it) or matches it; kNone when there is none. Other bytes are unset.
  std::unique_ptr<Index[]> match_;
};

LinkIndex::LinkIndex(std::string_view line)
    : line_(line), match_(std::make_unique_for_overwrite<Index[]>(line.size())) {
  std::vector<Index> brackets;  // '[' waiting for a ']', innermost last
  std::vector<Index> parens;    // '(' waiting for a ')', innermost last
  brackets.reserve(std::count(line.begin(), line.end(), '['));
  parens.reserve(std::count(line.begin(), line.end(), '('));
  ForwardFinder angle_close(line, '>');
  ForwardFinder angle_paren(line, ')');
  for (std::size_t i = 0; i < line.size(); ++i) {
    auto at = static_cast<Index>(i);
    switch (line[i]) {
      case '\\':
        if (i + 1 < line.size() && line[i + 1] == '[') {
          match_[i + 1] = kWaitingEscaped;
          brackets.push_back(at + 1);
        } else if (i + 1 < line.size() && line[i + 1] == '(') {
          match_[i + 1] = kNone;  // every '(' has a value, even one that starts no destination
        }
        ++i;
        break;
      case '[':
        match_[i] = kWaiting;
        brackets.push_back(at);
        break;
      case ']':
        // The depth falls: this closes every "\[" on the innermost level and the '[' that opened
        // it (or, with no '[' open, every "\[" on the lowest level).
        while (!brackets.empty()) {
          Index open = brackets.back();
          brackets.pop_back();
          bool opened_level = match_[open] == kWaiting;
          match_[open] = at;
          if (opened_level) break;
        }
        break;
      case '(':
        match_[i] = kWaiting;
        if (i > 0 && line[i - 1] == ']') {
          // "](<": the destination ends at the first ')' after the first '>'. Destinations start
          // further right each time, so the two searches never go back.
          if (std::size_t begin = destination_begin(i); begin < line.size() && line[begin] == '<') {
            std::size_t angle = angle_close.find(begin + 1);
            std::size_t end = angle == std::string_view::npos ? angle : angle_paren.find(angle);
            match_[i] = end == std::string_view::npos ? kNone : static_cast<Index>(end);
          }
        }
        parens.push_back(at);
        break;
      case ')':
        if (!parens.empty()) {
          Index open = parens.back();
          parens.pop_back();
          if (match_[open] == kWaiting) match_[open] = at;
        }
        break;
      default:
        break;
    }
  }
  for (Index open : brackets) match_[open] = kNone;
  for (Index open : parens) {
    if (match_[open] == kWaiting) match_[open] = kNone;
  }
}

}  // namespace

std::vector<Link> find_links(std::string_view line) {
  std::vector<Link> links;
  if (line.find("](") == std::string_view::npos) return links;
  LinkIndex index(line);
  std::size_t i = 0;
  while ((i = line.find('[', i)) != std::string_view::npos) {
    std::size_t close = index.closing_bracket(i);
    if (close == std::string_view::npos) break;
    if (std::size_t end = index.destination_end(close); end != std::string_view::npos) {
      Link link;
      link.image = i > 0 && line[i - 1] == '!';
      link.text = normalize_label(line.substr(i + 1, close - i - 1));
      link.target = index.target(close, end);
      link.column = static_cast<int>(i) + 1;
      links.push_back(std::move(link));
      i = end + 1;
      continue;
    }
    ++i;
  }
  return links;
}

namespace {

// Rewrites every link and image of line: keeps a link's text (keep_text) or drops the whole link;
// images are always dropped.
std::string rewrite_links(std::string_view line, bool keep_text) {
  if (line.find("](") == std::string_view::npos) return std::string(line);
  LinkIndex index(line);
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t open = line.find('[', i);
    if (open == std::string_view::npos) break;
    std::size_t close = index.closing_bracket(open);
    std::size_t end = close == std::string_view::npos ? close : index.destination_end(close);
    if (end != std::string_view::npos) {
      bool image = open > 0 && line[open - 1] == '!';
      out.append(line.substr(i, open - i - (image ? 1 : 0)));
      if (!keep_text) {
        out.push_back(' ');
      } else if (!image) {
        out.append(line.substr(open + 1, close - open - 1));
      }
      i = end + 1;
    } else {
      out.append(line.substr(i, open + 1 - i));
      i = open + 1;
    }
  }
  if (i < line.size()) out.append(line.substr(i));
  return out;
}

}  // namespace

std::string remove_links(std::string_view line) { return rewrite_links(line, false); }

std::string replace_links_with_text(std::string_view line) { return rewrite_links(line, true); }

std::string normalize_label(std::string_view text) {
  std::string folded = fold_fullwidth(text);
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    if (c == '\\' && i + 1 < folded.size() &&
        std::ispunct(static_cast<unsigned char>(folded[i + 1]))) {
      out.push_back(folded[++i]);  // "rudy\_tan" is "rudy_tan"
      continue;
    }
    if (c == '*' || c == '`' || c == '~') continue;
    if (c == '_' && i + 1 < folded.size() && folded[i + 1] == '_') {
      ++i;
      continue;
    }
    if (c == '<') {
      // Drop simple HTML tags such as <br>, <b>, </strong>; keep "<x@y>" addresses. A tag has
      // at most kMaxTag bytes, so its '>' is looked for only that far (not to the end of the
      // text from every '<', which is quadratic on "<<<<...>").
      constexpr std::size_t kMaxTag = 11;
      std::size_t close = std::string_view(folded).substr(0, i + kMaxTag + 2).find('>', i);
      if (close != std::string::npos) {
        std::string_view tag(folded.data() + i + 1, close - i - 1);
        bool is_tag = !tag.empty() && tag.find('@') == std::string_view::npos &&
                      tag.find(' ') == std::string_view::npos;
        if (is_tag) {
          out.push_back(' ');
          i = close;
          continue;
        }
      }
    }
    out.push_back(c);
  }
  std::string_view t = trim(out);
  while (!t.empty() && (t.back() == ':' || t.back() == ' ')) t.remove_suffix(1);
  return std::string(trim(t));
}

std::optional<Heading> parse_heading(std::string_view line) {
  std::string_view t = line;
  std::size_t indent = 0;
  while (indent < t.size() && indent < 4 && t[indent] == ' ') ++indent;
  t.remove_prefix(indent);
  int level = 0;
  while (level < static_cast<int>(t.size()) && t[level] == '#') ++level;
  if (level == 0 || level > 6) return std::nullopt;
  if (static_cast<std::size_t>(level) < t.size() && t[level] != ' ' && t[level] != '\t') {
    return std::nullopt;
  }
  std::string_view rest = trim(t.substr(level));
  while (!rest.empty() && rest.back() == '#') rest.remove_suffix(1);
  return Heading{level, normalize_label(rest)};
}

std::optional<std::string_view> strip_list_marker(std::string_view line) {
  std::string_view t = trim(line);
  if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') {
    if (t[0] == '*' && t.size() > 2 && t[2] == '*') return std::nullopt;  // **bold**
    return trim(t.substr(2));
  }
  std::size_t digits = 0;
  while (digits < t.size() && t[digits] >= '0' && t[digits] <= '9') ++digits;
  if (digits > 0 && digits + 1 < t.size() && (t[digits] == '.' || t[digits] == ')') &&
      t[digits + 1] == ' ') {
    return trim(t.substr(digits + 2));
  }
  return std::nullopt;
}

namespace {

bool is_table_line(std::string_view line) {
  std::string_view t = trim(line);
  return t.size() >= 2 && t.front() == '|';
}

bool is_separator_row(const TableRow& row) {
  if (row.cells.empty()) return false;
  for (const std::string& c : row.cells) {
    if (c.empty()) continue;
    for (char ch : c) {
      if (ch != '-' && ch != ':' && ch != ' ') return false;
    }
    if (c.find('-') == std::string::npos) return false;
  }
  return true;
}

TableRow split_row(const Line& line) {
  TableRow row;
  row.line = line.number;
  std::string_view s = line.text;
  std::size_t lead = s.find('|');
  std::size_t start = lead + 1;
  bool in_code = false;
  for (std::size_t i = start; i <= s.size(); ++i) {
    if (i < s.size() && s[i] == '\\') {
      ++i;
      continue;
    }
    if (i < s.size() && s[i] == '`') in_code = !in_code;
    if (i == s.size() || (s[i] == '|' && !in_code)) {
      std::string_view raw = s.substr(start, i - start);
      std::string_view cell = trim(raw);
      bool trailing = i == s.size();
      if (!(trailing && cell.empty())) {
        std::size_t offset = cell.empty() ? 0 : static_cast<std::size_t>(cell.data() - s.data());
        row.cells.emplace_back(cell);
        row.columns.push_back(static_cast<int>(offset) + 1);
      }
      start = i + 1;
    }
  }
  return row;
}

}  // namespace

std::vector<Table> find_tables(const std::vector<Line>& lines) {
  std::vector<Table> tables;
  std::size_t i = 0;
  while (i < lines.size()) {
    if (!is_table_line(lines[i].text)) {
      ++i;
      continue;
    }
    Table table;
    table.first_line = lines[i].number;
    std::vector<TableRow> rows;
    while (i < lines.size() && is_table_line(lines[i].text)) rows.push_back(split_row(lines[i++]));
    if (rows.size() >= 2 && is_separator_row(rows[1])) {
      table.has_header = true;
      table.header = rows[0];
      table.rows.assign(rows.begin() + 2, rows.end());
    } else {
      table.rows = std::move(rows);
    }
    tables.push_back(std::move(table));
  }
  return tables;
}

}  // namespace sigwarden::md
