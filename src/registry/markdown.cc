#include "registry/markdown.h"

#include <cctype>

namespace sigwarden::md {

namespace {

// Finds the ']' that closes the '[' at open, allowing nested brackets. npos when unclosed.
std::size_t closing_bracket(std::string_view s, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '[') {
      ++depth;
    } else if (s[i] == ']' && --depth == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// Reads a link destination starting after '('. Returns the target and sets *end to the index
// of the closing ')', or returns nothing.
std::optional<std::string> read_target(std::string_view s, std::size_t start, std::size_t* end) {
  std::size_t i = start;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && s[i] == '<') {
    std::size_t close = s.find('>', i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    std::size_t paren = s.find(')', close);
    if (paren == std::string_view::npos) return std::nullopt;
    *end = paren;
    return std::string(s.substr(i + 1, close - i - 1));
  }
  int depth = 0;
  std::size_t j = i;
  for (; j < s.size(); ++j) {
    if (s[j] == '\\' && j + 1 < s.size()) {
      ++j;
    } else if (s[j] == '(') {
      ++depth;
    } else if (s[j] == ')') {
      if (depth == 0) break;
      --depth;
    }
  }
  if (j >= s.size()) return std::nullopt;
  *end = j;
  std::string_view target = trim(s.substr(i, j - i));
  // Drop a "title" after the destination.
  if (auto q = target.find(" \""); q != std::string_view::npos && target.ends_with('"')) {
    target = trim(target.substr(0, q));
  }
  return std::string(target);
}

}  // namespace

std::vector<Link> find_links(std::string_view line) {
  std::vector<Link> links;
  std::size_t i = 0;
  while ((i = line.find('[', i)) != std::string_view::npos) {
    std::size_t close = closing_bracket(line, i);
    if (close == std::string_view::npos) break;
    if (close + 1 < line.size() && line[close + 1] == '(') {
      std::size_t end = 0;
      if (auto target = read_target(line, close + 2, &end)) {
        Link link;
        link.image = i > 0 && line[i - 1] == '!';
        link.text = normalize_label(line.substr(i + 1, close - i - 1));
        link.target = *target;
        link.column = static_cast<int>(i) + 1;
        links.push_back(std::move(link));
        i = end + 1;
        continue;
      }
    }
    ++i;
  }
  return links;
}

namespace {

// Rewrites every link and image of line: keeps a link's text (keep_text) or drops the whole link;
// images are always dropped.
std::string rewrite_links(std::string_view line, bool keep_text) {
  std::string out;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t open = line.find('[', i);
    if (open == std::string_view::npos) break;
    std::size_t close = closing_bracket(line, open);
    std::size_t end = 0;
    if (close != std::string_view::npos && close + 1 < line.size() && line[close + 1] == '(' &&
        read_target(line, close + 2, &end)) {
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
      // Drop simple HTML tags such as <br>, <b>, </strong>; keep "<x@y>" addresses.
      std::size_t close = folded.find('>', i);
      if (close != std::string::npos) {
        std::string_view tag(folded.data() + i + 1, close - i - 1);
        bool is_tag = !tag.empty() && tag.find('@') == std::string_view::npos &&
                      tag.find(' ') == std::string_view::npos && tag.size() < 12;
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
