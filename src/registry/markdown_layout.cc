// The Markdown layout (MindSpore style, FORMATS.md §1): index tables in sigs/README*.md whose
// rows link to SIG folders, free-form READMEs in those folders, and optional sig-info.yaml files.
// Each language table is read separately so that a SIG listed in one and not the other is found.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/text.h"
#include "registry/layout.h"
#include "registry/markdown.h"
#include "registry/people.h"

namespace sigwarden {

namespace {

constexpr const char* kRoot = "sigs";

struct Row {
  std::string name;
  std::string dir;
  std::string link_target;  // repository path the name links to, when it links
  Location where;
  std::vector<Person> leads;
  std::vector<std::pair<std::string, Location>> placeholders;
};

// The repository path a link in the index names, or nothing for an external link.
std::optional<std::string> link_path(const std::string& index_dir, const std::string& target) {
  std::string t = target;
  if (auto hash = t.find('#'); hash != std::string::npos) t.erase(hash);
  if (t.find("://") != std::string::npos) {
    // https://host/org/repo/blob/<branch>/sigs/x/README.md: the path after the branch.
    for (const char* marker : {"/blob/", "/tree/", "/src/branch/"}) {
      auto pos = t.find(marker);
      if (pos == std::string::npos) continue;
      std::string rest = t.substr(pos + std::string(marker).size());
      auto slash = rest.find('/');
      if (slash == std::string::npos) return std::nullopt;
      return percent_decode(rest.substr(slash + 1));
    }
    return std::nullopt;
  }
  return join_path(index_dir, percent_decode(t));
}

// The group folder a linked path belongs to: the first segment below root (the index's own
// folder: "sigs" for sigs/README.md, "" for the root README).
std::string folder_of(const std::string& root, const std::string& path) {
  std::string prefix = root.empty() ? "" : root + "/";
  if (!path.starts_with(prefix)) return "";
  std::string rest = path.substr(prefix.size());
  auto slash = rest.find('/');
  if (slash == std::string::npos) {
    // A link to sigs/<x>: a folder unless it names a file at the top of sigs/.
    return rest.ends_with(".md") ? "" : prefix + rest;
  }
  return prefix + rest.substr(0, slash);
}

class IndexReader {
 public:
  IndexReader(Builder& b, std::string path)
      : b_(b), path_(std::move(path)), root_(parent_dir(path_)) {}

  std::vector<Row> read(std::string_view text) {
    std::vector<Row> rows;
    auto lines = split_lines(text);
    bool found_index = false;
    bool headerless = false;
    for (const md::Table& table : md::find_tables(lines)) {
      if (!table.has_header) {
        if (looks_like_index(table.rows)) {
          headerless = true;
          b_.add("index-format", nullptr, {path_, table.first_line, 1},
                 fmt::format("the table at {}:{} has no header row (| SIG | ... | followed by "
                             "|---|): its columns cannot be told apart, so its rows are not read",
                             path_, table.first_line),
                 "no-header:" + (table.rows.empty() || table.rows[0].cells.empty()
                                     ? std::string()
                                     : table.rows[0].cells[0]));
        }
        continue;
      }
      int name_col = -1;
      int lead_col = -1;
      for (std::size_t i = 0; i < table.header.cells.size(); ++i) {
        std::string h = md::normalize_label(table.header.cells[i]);
        if (name_col < 0 && b_.patterns().matches("index_name_column", h)) {
          name_col = static_cast<int>(i);
        } else if (lead_col < 0 && b_.patterns().matches("index_lead_column", h)) {
          lead_col = static_cast<int>(i);
        }
      }
      if (name_col < 0) continue;
      found_index = true;
      for (const md::TableRow& row : table.rows) read_row(row, name_col, lead_col, rows);
    }
    if (!found_index && !headerless) {
      b_.add("index-format", nullptr, {path_, 1, 1},
             fmt::format("{} has no SIG table (a table whose header names the SIG column, such as "
                         "| SIG name | ... |)",
                         path_),
             "no-table");
    }
    return rows;
  }

 private:
  bool looks_like_index(const std::vector<md::TableRow>& rows) const {
    for (const md::TableRow& r : rows) {
      if (r.cells.size() >= 2) return true;
    }
    return false;
  }

  void read_row(const md::TableRow& row, int name_col, int lead_col, std::vector<Row>& rows) {
    if (row.cells.size() <= static_cast<std::size_t>(name_col)) return;
    const std::string& cell = row.cells[name_col];
    if (md::normalize_label(cell).empty()) return;
    Row r;
    r.where = {path_, row.line, row.columns[name_col]};
    std::string index_dir(parent_dir(path_));
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      for (const md::Link& link : md::find_links(row.cells[i])) {
        Location at{path_, row.line, row.columns[i] + link.column - 1};
        if (static_cast<int>(i) == name_col && r.link_target.empty() && !link.image) {
          r.name = link.text;
          if (auto p = link_path(index_dir, link.target)) {
            r.link_target = *p;
            r.dir = folder_of(root_, *p);
          }
          r.where = at;
          // The folder link is checked by sig-folder-missing; check the file below it here.
          if (!r.dir.empty() && b_.tree().kind(r.dir) != EntryKind::kDirectory) continue;
        }
        if (static_cast<int>(i) != lead_col || !is_profile_url(link.target)) {
          b_.check_link(index_dir, link.target, at, nullptr);
        }
      }
    }
    if (r.name.empty()) r.name = md::normalize_label(md::replace_links_with_text(cell));
    if (r.dir.empty()) match_folder_by_name(r);
    if (lead_col >= 0 && static_cast<std::size_t>(lead_col) < row.cells.size()) {
      Location at{path_, row.line, row.columns[lead_col]};
      PeopleParse people =
          parse_people(row.cells[lead_col], PeopleText::kCell, b_.patterns(), Source::kIndex, at);
      r.leads = std::move(people.people);
      for (std::string& p : people.placeholders) r.placeholders.emplace_back(std::move(p), at);
    }
    rows.push_back(std::move(r));
  }

  // Legacy rows carry no link: accept a folder whose name is the row's name, and say so.
  void match_folder_by_name(Row& r) {
    auto entries = b_.tree().list_dir(root_);
    std::string wanted = to_lower_ascii(r.name);
    if (entries) {
      for (const TreeEntry& e : *entries) {
        if (e.kind == EntryKind::kDirectory && to_lower_ascii(e.name) == wanted) {
          r.dir = root_.empty() ? e.name : root_ + "/" + e.name;
        }
      }
    }
    b_.add("index-format", nullptr, r.where,
           r.dir.empty()
               ? fmt::format("index row '{}' does not link to a SIG folder and no folder under "
                             "{}/ has that name: the row cannot be checked",
                             r.name, root_.empty() ? "the repository root" : root_)
               : fmt::format("index row '{}' does not link to its folder; matched {} by name "
                             "(link the name to {}/README.md)",
                             r.name, r.dir, r.dir),
           "row:" + r.name);
  }

  Builder& b_;
  std::string path_;
  std::string root_;
};

}  // namespace

void build_markdown(Builder& b, const std::vector<std::string>& configured) {
  Registry& reg = b.registry();
  const std::size_t first = reg.groups.size();  // groups of other sources stay theirs
  std::vector<std::string> index_files = configured;
  if (configured.empty()) {
    if (auto entries = b.tree().list_dir(kRoot)) {
      for (const TreeEntry& e : *entries) {
        if (e.kind == EntryKind::kFile && is_readme_name(e.name)) {
          index_files.push_back(std::string(kRoot) + "/" + e.name);
        }
      }
    }
  }
  std::vector<std::string> roots;
  for (const std::string& f : index_files) {
    std::string root(parent_dir(f));
    if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
    if (std::find(reg.group_roots.begin(), reg.group_roots.end(), root) == reg.group_roots.end()) {
      reg.group_roots.push_back(root);
    }
  }
  // README.md first: it is the index other tables are compared with.
  std::stable_sort(index_files.begin(), index_files.end(), [](const auto& a, const auto& c) {
    return (a == "sigs/README.md") > (c == "sigs/README.md");
  });
  reg.index_files.insert(reg.index_files.end(), index_files.begin(), index_files.end());

  std::map<std::string, std::vector<Row>> rows_by_file;
  std::vector<std::string> order;  // group dirs in first-seen order
  std::map<std::string, std::size_t> group_of_dir;
  for (const std::string& file : index_files) {
    auto text = b.read_text(file, nullptr);
    if (!text) continue;
    auto rows = IndexReader(b, file).read(*text);
    std::map<std::string, Location> seen_in_file;
    for (Row& r : rows) {
      if (r.dir.empty()) continue;
      reg.index_entries.push_back({r.name, r.dir, file, r.where});
      auto [it, fresh] = seen_in_file.emplace(r.dir, r.where);
      auto gi = group_of_dir.find(r.dir);
      if (gi == group_of_dir.end()) {
        Group g;
        g.name = r.name.empty() ? r.dir.substr(r.dir.rfind('/') + 1) : r.name;
        g.dir = r.dir;
        g.kind = group_kind_of_folder(r.dir.substr(r.dir.rfind('/') + 1)).value_or(GroupKind::kSig);
        g.declared = r.where;
        gi = group_of_dir.emplace(r.dir, reg.groups.size()).first;
        reg.groups.push_back(std::move(g));
      }
      Group& g = reg.groups[gi->second];
      if (!fresh) {
        b.add("sig-duplicate", &g, r.where,
              fmt::format("SIG '{}' ({}) is listed twice in {}: first at line {}", g.name, g.dir,
                          file, it->second.line),
              file);
        continue;
      }
      for (Person& p : r.leads) g.leads.push_back(std::move(p));
      for (auto& [text_found, where] : r.placeholders) {
        b.add("sig-placeholder", &g, where,
              fmt::format("SIG '{}': lead '{}' in {} is a placeholder, not a person", g.name,
                          text_found, file),
              text_found);
      }
    }
    rows_by_file[file] = std::move(rows);
  }

  // Both language tables must list the same SIGs.
  std::vector<std::string> with_rows;
  for (const std::string& f : index_files) {
    if (!rows_by_file[f].empty()) with_rows.push_back(f);
  }
  std::map<std::string, std::vector<const IndexEntry*>> entries_of_dir;
  for (const IndexEntry& e : reg.index_entries) entries_of_dir[e.dir].push_back(&e);
  if (with_rows.size() > 1) {
    for (std::size_t gi = first; gi < reg.groups.size(); ++gi) {
      const Group& g = reg.groups[gi];
      std::vector<std::string> missing_from;
      const auto& entries = entries_of_dir[g.dir];
      const IndexEntry* listed = entries.empty() ? nullptr : entries.front();
      for (const std::string& f : with_rows) {
        // Language variants of one index (sigs/README.md, sigs/README_en.md) list the same
        // groups; indexes in other folders list other groups (SIGs here, working groups there).
        if (listed == nullptr || parent_dir(f) != parent_dir(listed->index_file)) continue;
        bool found = std::any_of(entries.begin(), entries.end(),
                                 [&f](const IndexEntry* e) { return e->index_file == f; });
        if (!found) missing_from.push_back(f);
      }
      for (const std::string& f : missing_from) {
        b.add("index-mismatch", &g, listed->where,
              fmt::format("SIG '{}' is listed in {} but not in {}", g.name, listed->index_file, f),
              f);
      }
    }
  }

  // The README each SIG's first index row links to, preferred over the folder's other READMEs.
  std::map<std::string, std::string> preferred_readme;
  for (const std::string& file : index_files) {
    for (const Row& r : rows_by_file[file]) {
      if (!r.dir.empty() && r.link_target.starts_with(r.dir + "/")) {
        preferred_readme.emplace(r.dir, r.link_target);
      }
    }
  }
  std::vector<std::string> listed;
  for (std::size_t gi = first; gi < reg.groups.size(); ++gi) {
    Group& g = reg.groups[gi];
    listed.push_back(g.dir);
    g.folder_exists = b.tree().kind(g.dir) == EntryKind::kDirectory;
    if (!g.folder_exists) continue;
    std::string preferred = preferred_readme.count(g.dir) ? preferred_readme[g.dir] : "";
    b.read_sig_info(g, /*openeuler_flavor=*/false);
    b.read_readmes(g, preferred);
  }
  // Below an index's own folder every folder is a group's; at the repository root only those
  // named like one (sig-*, wg-*, ...).
  for (const std::string& root : roots) {
    b.report_unlisted(root, listed, root.empty() ? looks_like_group_folder : nullptr);
  }

  // Links in a row belong to the row's SIG.
  std::map<std::pair<std::string, int>, std::string> dir_of_row;
  for (const IndexEntry& e : reg.index_entries) dir_of_row[{e.where.path, e.where.line}] = e.dir;
  for (Finding& f : reg.findings) {
    if (f.rule != "link-broken" || !f.sig.empty()) continue;
    auto it = dir_of_row.find({f.location.path, f.location.line});
    if (it == dir_of_row.end()) continue;
    if (Group* g = reg.find_by_dir(it->second)) {
      f.sig = g->name;
      f.dir = g->dir;
    }
  }
}

}  // namespace sigwarden
