#include "registry/readme.h"

#include <algorithm>
#include <set>

#include "core/text.h"
#include "registry/markdown.h"
#include "registry/people.h"

namespace sigwarden {

namespace {

constexpr int kLabelLevel = 7;  // a bold or bare label line: below every real heading

struct Section {
  bool active = false;
  int level = 0;
  bool saw_content = false;
};

// A line that is only bold text ("**Maintainer列表**"), returned without the emphasis.
std::optional<std::string> bold_line(std::string_view line) {
  std::string_view t = trim(line);
  if (t.size() > 4 && t.starts_with("**") && t.ends_with("**") &&
      t.substr(2, t.size() - 4).find("**") == std::string_view::npos) {
    return md::normalize_label(t);
  }
  return std::nullopt;
}

// A horizontal rule ("---", "***", "___"): not text.
bool is_rule_line(std::string_view t) {
  if (t.size() < 3) return false;
  char c = t[0];
  if (c != '-' && c != '*' && c != '_') return false;
  return t.find_first_not_of(std::string{c, ' '}) == std::string_view::npos;
}

class ReadmeReader {
 public:
  ReadmeReader(const std::string& path, const Patterns& patterns, ReadmeOf of)
      : path_(path), patterns_(patterns), of_(of) {}

  ReadmeFacts read(std::string_view text) {
    bool in_fence = false;
    bool in_comment = false;
    for (const Line& line : split_lines(text)) {
      std::string_view t = trim(line.text);
      if (t.starts_with("```") || t.starts_with("~~~")) {
        in_fence = !in_fence;
        continue;
      }
      if (in_fence) continue;
      if (in_comment) {
        if (t.find("-->") != std::string_view::npos) in_comment = false;
        continue;
      }
      if (t.starts_with("<!--")) {
        if (t.find("-->") == std::string_view::npos) in_comment = true;
        continue;
      }
      on_line(line);
    }
    flush_entries();
    return std::move(facts_);
  }

 private:
  bool is_lead_heading(const std::string& text) const {
    if (of_ == ReadmeOf::kCommittee && patterns_.matches("committee_heading", text)) return true;
    return patterns_.matches("lead_heading", text) && !patterns_.matches("not_lead_heading", text);
  }

  // Entries of the open lead section wait here until it closes, so that prose lines can be told
  // from names by whether the section also has list items.
  struct Pending {
    std::string text;
    int line = 0;
    bool list_item = false;
  };

  void close_lead() {
    lead_.active = false;
    flush_entries();
  }

  void flush_entries() {
    bool has_items =
        std::any_of(pending_.begin(), pending_.end(), [](const Pending& p) { return p.list_item; });
    for (const Pending& p : pending_) {
      if (has_items && !p.list_item) continue;
      add_leads(p.text, Line{p.line, p.text}, PeopleText::kEntry);
    }
    pending_.clear();
  }

  void open_lead(int level, const Line& line) {
    flush_entries();
    lead_ = {true, level, false};
    list_ = {};
    if (!facts_.lead_section_found) {
      facts_.lead_section_found = true;
      facts_.lead_section = {path_, line.number, 1};
    }
  }

  void on_heading(int level, const std::string& text, const Line& line) {
    if (lead_.active && level > lead_.level && level != kLabelLevel) {
      if (patterns_.matches("not_lead_heading", text) && !is_lead_heading(text)) {
        close_lead();
        nested_end_level_ = level;
        return;
      }
      if (is_lead_heading(text)) return;  // a nested lead section, e.g. Leadership > Chairs
      add_leads(text, line, PeopleText::kEntry);
      return;
    }
    if (level == kLabelLevel && lead_.active && lead_.level != kLabelLevel) {
      // A bold line inside a heading's lead section: a name, another lead label, or the end.
      if (patterns_.matches("not_lead_heading", text) && !is_lead_heading(text)) {
        close_lead();
      } else if (!is_lead_heading(text)) {
        add_leads(text, line, PeopleText::kEntry);
      }
      return;
    }
    if (level != kLabelLevel || lead_.level == kLabelLevel) close_lead();
    list_.active = false;
    if (level != kLabelLevel) {
      other_topic_ = patterns_.matches("role_heading", text) && !is_lead_heading(text);
    }
    // A heading that ends an emeritus subsection inside a still-open parent lead section.
    if (nested_end_level_ > 0 && level <= nested_end_level_ && level > parent_level_ &&
        is_lead_heading(text)) {
      lead_ = {true, parent_level_, false};
      return;
    }
    nested_end_level_ = 0;
    if (is_lead_heading(text)) {
      open_lead(level, line);
      parent_level_ = level;
    } else if (patterns_.matches("list_heading", text)) {
      list_ = {true, level, false};
    }
  }

  void on_line(const Line& line) {
    std::string_view t = trim(line.text);
    if (t.empty() || is_rule_line(t)) {
      if (lead_.active && lead_.level == kLabelLevel && lead_.saw_content) close_lead();
      if (list_.active && list_.level == kLabelLevel && list_.saw_content) list_.active = false;
      return;
    }
    if (auto h = md::parse_heading(line.text)) {
      on_heading(h->level, h->text, line);
      return;
    }
    if (auto bold = bold_line(t); bold && bold->size() < 80) {
      if (is_lead_heading(*bold) || patterns_.matches("list_heading", *bold) ||
          (lead_.active && lead_.level != kLabelLevel)) {
        on_heading(kLabelLevel, *bold, line);
        return;
      }
    }
    bool about_lists = collect_lists(line);

    std::string_view item = t;
    if (auto stripped = md::strip_list_marker(t)) item = *stripped;
    std::string label = md::normalize_label(item);

    // "组长：名字", "Maintainer: x", "**Maintainer:** x" (not in sections about other topics).
    if (auto colon = label_value(item); colon && !other_topic_) {
      const auto& [value, column] = *colon;
      open_lead(kLabelLevel, line);
      if (!trim(value).empty()) {
        add_leads(value, line, PeopleText::kCell, column);
        lead_.saw_content = true;
        close_lead();
      }
      return;
    }
    // A bare label line ("领衔成员") followed by its entries.
    if (!lead_.active && !other_topic_ && label.size() < 60 && is_lead_heading(label) &&
        md::strip_list_marker(t) == std::nullopt) {
      open_lead(kLabelLevel, line);
      return;
    }
    if (lead_.active && !about_lists) {
      if (t.front() == '|') {
        add_table_row(t, line);
      } else {
        pending_.push_back({std::string(item), line.number, md::strip_list_marker(t).has_value()});
      }
      lead_.saw_content = true;
    }
  }

  // When item starts with a lead label ("Maintainer:"), the text after it and its column.
  std::optional<std::pair<std::string, int>> label_value(std::string_view item) const {
    std::string folded = fold_fullwidth(item);
    // Drop emphasis (** and __) but keep underscores inside ids such as "hsliu_ustc".
    std::string stripped;
    for (std::size_t i = 0; i < folded.size(); ++i) {
      if (folded[i] == '*') continue;
      if (folded[i] == '_' && i + 1 < folded.size() && folded[i + 1] == '_') {
        ++i;
        continue;
      }
      stripped.push_back(folded[i]);
    }
    auto colon = stripped.find(':');
    if (colon == std::string::npos || colon > 60) return std::nullopt;
    std::string head = std::string(trim(std::string_view(stripped).substr(0, colon + 1)));
    if (head.find("://") != std::string::npos) return std::nullopt;
    if (!patterns_.matches("lead_label", head)) return std::nullopt;
    if (patterns_.matches("not_lead_heading", head)) return std::nullopt;
    std::string value(trim(std::string_view(stripped).substr(colon + 1)));
    return std::make_pair(value, 1);
  }

  void add_leads(std::string_view text, const Line& line, PeopleText mode, int column = 1) {
    Location where{path_, line.number, column};
    PeopleParse parsed = parse_people(text, mode, patterns_, Source::kReadme, where);
    for (Person& p : parsed.people) facts_.leads.push_back(std::move(p));
    for (std::string& ph : parsed.placeholders) {
      facts_.placeholders.emplace_back(std::move(ph), where);
    }
  }

  void add_table_row(std::string_view t, const Line& line) {
    std::vector<Line> one{{line.number, t}};
    auto tables = md::find_tables(one);
    if (tables.empty() || tables[0].rows.empty()) return;
    const md::TableRow& row = tables[0].rows[0];
    bool separator = true;
    for (const std::string& c : row.cells) {
      if (c.find_first_not_of("-: ") != std::string::npos) separator = false;
    }
    if (separator || row.cells.empty()) return;
    static const char* kHeaderWords[] = {"name",   "gitee",        "github",  "id",   "email",
                                         "e-mail", "organization", "company", "姓名", "邮箱",
                                         "单位",   "公司",         "账号",    "角色", "role"};
    std::string first = to_lower_ascii(md::normalize_label(row.cells[0]));
    for (const char* w : kHeaderWords) {
      if (first == w || first.find(w) == 0) return;
    }
    std::string joined;
    for (const std::string& c : row.cells) {
      if (!joined.empty()) joined += ", ";
      joined += c;
    }
    Location where{path_, line.number, row.columns.empty() ? 1 : row.columns[0]};
    PeopleParse parsed =
        parse_people(joined, PeopleText::kEntry, patterns_, Source::kReadme, where);
    for (Person& p : parsed.people) facts_.leads.push_back(std::move(p));
    for (std::string& ph : parsed.placeholders) facts_.placeholders.emplace_back(ph, where);
  }

  void add_list(std::string_view value, const Line& line, int column) {
    std::string v(trim(value));
    if (v.empty()) return;
    Location where{path_, line.number, column};
    std::string label = md::normalize_label(v);
    if (patterns_.matches("placeholder", label)) {
      facts_.placeholders.emplace_back(label, where);
      return;
    }
    std::string normalized = normalize_list(v);
    if (!seen_lists_.insert(normalized).second) return;
    for (const Person& p : facts_.leads) {
      if (!p.email.empty() && to_lower_ascii(p.email) == normalized) return;
    }
    facts_.lists.push_back({v, normalized, Source::kReadme, where});
  }

  // True when the list label opens the line ("邮件列表：", "- Mailing list:"), as opposed to a
  // sentence that mentions mailing lists.
  bool label_at_start(std::string_view text) const {
    std::string folded = md::normalize_label(text);
    std::string_view item = folded;
    if (auto stripped = md::strip_list_marker(item)) item = *stripped;
    auto found = patterns_.find_all("list_label", item);
    return !found.empty() && found.front().data() - item.data() <= 2;
  }

  // Reads the lists on line; true when the line is about mailing lists (it then names no lead).
  bool collect_lists(const Line& line) {
    std::string_view text = line.text;
    if (patterns_.matches("not_list_label", fold_fullwidth(text))) return false;
    auto col = [&](std::string_view piece) {
      return static_cast<int>(piece.data() - text.data()) + 1;
    };
    // List URLs count wherever they are.
    for (std::string_view url : patterns_.find_all("list_url", text)) add_list(url, line, col(url));
    bool labelled = patterns_.matches("list_label", fold_fullwidth(text));
    bool url = !patterns_.find_all("list_url", text).empty();
    if (!labelled && !list_.active) return url;
    bool found = false;
    for (const md::Link& link : md::find_links(text)) {
      std::string lower = to_lower_ascii(link.target);
      if (lower.starts_with("mailto:") ||
          (lower.find('@') != std::string::npos && lower.find("://") == std::string::npos)) {
        add_list(link.target.starts_with("mailto:") ? link.target.substr(7) : link.target, line,
                 link.column);
        found = true;
      } else if (patterns_.matches("list_url", link.target)) {
        found = true;
      }
    }
    std::string plain = md::replace_links_with_text(text);
    for (const std::string& email : find_emails(plain)) {
      auto pos = text.find(email);
      add_list(email, line, pos == std::string_view::npos ? 1 : static_cast<int>(pos) + 1);
      found = true;
    }
    if (!patterns_.find_all("list_url", text).empty()) found = true;
    if (!found) {
      // "邮件列表：NA", "Mailing list: under schedule", a placeholder line inside a list
      // section, or a label whose list follows below.
      std::string folded = md::normalize_label(text);
      if (auto stripped = md::strip_list_marker(folded)) folded = std::string(*stripped);
      auto colon = folded.find(':');
      std::string value = !labelled                    ? folded
                          : colon == std::string::npos ? ""
                                                       : folded.substr(colon + 1);
      std::string v(trim(value));
      if (!v.empty() && patterns_.matches("placeholder", v)) {
        facts_.placeholders.emplace_back(v, Location{path_, line.number, 1});
      } else if (labelled && v.empty() && !lead_.active && label_at_start(text)) {
        list_ = {true, kLabelLevel, false};
      }
    }
    if (list_.active && found) list_.saw_content = true;
    return labelled || found;
  }

  const std::string& path_;
  const Patterns& patterns_;
  ReadmeOf of_;
  ReadmeFacts facts_;
  std::vector<Pending> pending_;
  bool other_topic_ = false;  // under a heading about other roles (members, committers, ...)
  Section lead_;
  Section list_;
  int nested_end_level_ = 0;
  int parent_level_ = 0;
  std::set<std::string> seen_lists_;
};

}  // namespace

ReadmeFacts parse_readme(const std::string& path, std::string_view text, const Patterns& patterns,
                         ReadmeOf of) {
  return ReadmeReader(path, patterns, of).read(text);
}

}  // namespace sigwarden
