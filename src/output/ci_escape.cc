#include "output/ci_escape.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <set>

namespace sigwarden::ci {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kZeroWidthSpace = "&#8203;";

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

Utf8Sequence decode_utf8(std::string_view s, std::size_t i) {
  auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return {static_cast<std::int32_t>(c), 1};
  std::size_t len = 0;
  std::uint32_t cp = 0;
  std::uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
    min = 0x10000;
  } else {
    return {-1, 1};
  }
  std::size_t j = 1;
  for (; j < len && i + j < s.size(); ++j) {
    auto d = static_cast<unsigned char>(s[i + j]);
    if ((d & 0xC0) != 0x80) break;
    cp = (cp << 6) | (d & 0x3F);
  }
  if (j < len || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {-1, j};
  return {static_cast<std::int32_t>(cp), len};
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    Utf8Sequence seq = decode_utf8(s, i);
    if (seq.code_point < 0) {
      out += kReplacement;
    } else {
      out.append(s.substr(i, seq.length));
    }
    i += seq.length;
  }
  return out;
}

std::string control_escape(unsigned char c) { return fmt::format("\\x{:02x}", c); }

std::string escape_xml(std::string_view raw, bool attribute) {
  std::string s = valid_utf8(raw);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += "&quot;";
        continue;
      case '\'':
        out += "&apos;";
        continue;
      case '\r':
        out += "&#13;";
        continue;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        continue;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        continue;
      default:
        break;
    }
    if (is_control(c)) {
      out += control_escape(c);
    } else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
               (static_cast<unsigned char>(s[i + 2]) & 0xFE) == 0xBE) {
      out += kReplacement;  // U+FFFE and U+FFFF are not XML characters
      i += 2;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    Utf8Sequence seq = decode_utf8(s, i);
    std::int32_t cp = seq.code_point;
    if (cp < 0) {  // each byte of an invalid sequence, as it is
      for (std::size_t k = 0; k < seq.length; ++k) {
        out += control_escape(static_cast<unsigned char>(s[i + k]));
      }
    } else if (cp < 0x20 || cp == 0x7f) {
      out += control_escape(static_cast<unsigned char>(cp));
    } else if ((cp >= 0x80 && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
               (cp >= 0x2066 && cp <= 0x2069)) {
      // C1 controls (U+009B is a terminal's CSI) and bidirectional overrides (text that reads
      // differently from what it is).
      out += fmt::format("\\u{:04x}", cp);
    } else {
      out.append(s.substr(i, seq.length));
    }
    i += seq.length;
  }
  return out;
}

std::string code_span(std::string_view s, std::string_view pipe) {
  std::string t;
  for (char c : valid_utf8(s)) {
    auto u = static_cast<unsigned char>(c);
    if (c == '`' || c == '\n' || c == '\r') {
      t += ' ';
    } else if (c == '|') {
      t += pipe;
    } else if (is_control(u)) {
      t += control_escape(u);
    } else {
      t += c;
    }
  }
  return "`" + t + "`";
}

std::string escape_csv(std::string_view raw) {
  std::string s = valid_utf8(raw);
  if (!s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos) {
    s.insert(s.begin(), '\'');
  }
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string escape_markdown(std::string_view raw) {
  std::string s = valid_utf8(raw);
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (is_control(static_cast<unsigned char>(c))) {
      out += control_escape(static_cast<unsigned char>(c));
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '@':
        // An @mention notifies; an email address becomes a mailto link. A zero-width space after
        // '@' keeps the text readable and inert.
        out += "@";
        out += kZeroWidthSpace;
        break;
      case '#':
        out += "\\#";
        if (i + 1 < s.size() && is_digit(s[i + 1])) out += kZeroWidthSpace;  // #123 references
        break;
      case ':':
        out += ':';
        if (s.compare(i + 1, 2, "//") == 0) out += kZeroWidthSpace;  // scheme:// autolinks
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '|':
      case '~':
      case '$':
        out += '\\';
        out += c;
        break;
      default:
        if (lower(c) == 'w' && i + 3 < s.size() && lower(s[i + 1]) == 'w' &&
            lower(s[i + 2]) == 'w' && s[i + 3] == '.') {
          out.append(s, i, 3);  // www. autolinks
          out += kZeroWidthSpace;
          out += '.';
          i += 3;
        } else {
          out += c;
        }
        break;
    }
  }
  return out;
}

namespace {

std::string escape_github(std::string_view raw, bool property) {
  std::string s = valid_utf8(raw);
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        if (is_control(static_cast<unsigned char>(c))) {
          out += control_escape(static_cast<unsigned char>(c));
        } else {
          out += c;
        }
        break;
    }
  }
  return out;
}

}  // namespace

std::string escape_github_data(std::string_view s) { return escape_github(s, false); }

std::string escape_github_property(std::string_view s) { return escape_github(s, true); }

std::string escape_uri_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out.push_back(ch);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

Anchor anchor_of(const LintReport& report, const Finding& f) {
  const Location& l = f.location;
  bool whole_folder = l.line <= 0 && !f.dir.empty() && l.path == f.dir;
  if (!l.path.empty() && !whole_folder) {
    int line = std::max(l.line, 0);
    return Anchor{l.path, line, line > 0 ? std::max(l.column, 0) : 0};
  }
  for (const std::string& file : report.index_files) {
    if (!file.empty() && file.find_first_of("*?[") == std::string::npos) {
      return Anchor{file, 1, 0};
    }
  }
  return Anchor{l.path.empty() ? std::string(".") : l.path, 0, 0};
}

std::string location_text(const Location& l) {
  if (l.line <= 0) return l.path;
  return fmt::format("{}:{}:{}", l.path, l.line, l.column > 0 ? l.column : 1);
}

std::vector<Finding> sorted_findings(const LintReport& report) {
  if (report.findings == nullptr) return {};
  std::vector<Finding> out = *report.findings;
  sort_findings(out);
  return out;
}

Counts count(const std::vector<Finding>& findings) {
  Counts c;
  std::set<std::string> sigs;
  for (const Finding& f : findings) {
    if (f.level == Level::kError) ++c.error;
    if (f.level == Level::kWarning) ++c.warning;
    if (f.level == Level::kNote) ++c.note;
    if (!f.sig.empty()) sigs.insert(f.sig);
  }
  c.sigs = static_cast<int>(sigs.size());
  return c;
}

std::string summary_line(const LintReport& report, const Counts& counts, std::size_t total) {
  auto plural = [](std::size_t n, const char* word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
  };
  std::string out =
      fmt::format("{} ({}, {}, {}) in {} of {} groups; layout {}, {} at {}",
                  plural(total, "finding"), plural(static_cast<std::size_t>(counts.error), "error"),
                  plural(static_cast<std::size_t>(counts.warning), "warning"),
                  plural(static_cast<std::size_t>(counts.note), "note"), counts.sigs, report.groups,
                  report.layout, report.revision,
                  report.commit.substr(0, std::min<std::size_t>(12, report.commit.size())));
  if (report.suppressed > 0) out += fmt::format("; {} suppressed", report.suppressed);
  return out;
}

std::string fingerprint(const Finding& f) {
  return f.fingerprint.empty() ? fingerprint_of(f) : f.fingerprint;
}

std::string group_title(const Finding& f) {
  return f.sig.empty() ? std::string("repository") : f.sig;
}

std::string markdown_findings_table(const std::vector<const Finding*>& findings) {
  std::string out = "| Location | Level | Rule | Message |\n|:---|:---|:---|:---|\n";
  for (const Finding* f : findings) {
    out += fmt::format("| {} | {} | {} | {} |\n", escape_markdown(location_text(f->location)),
                       level_name(f->level), escape_markdown(f->rule), escape_markdown(f->message));
  }
  return out;
}

}  // namespace sigwarden::ci
