#include "registry/discover.h"

#include <fmt/format.h>

#include "core/text.h"
#include "registry/markdown.h"

namespace sigwarden {

namespace {

bool is_markdown(const std::string& name) { return to_lower_ascii(name).ends_with(".md"); }

bool is_yaml(const std::string& name) {
  std::string lower = to_lower_ascii(name);
  return lower.ends_with(".yaml") || lower.ends_with(".yml");
}

// The groups a Markdown file's tables list: rows of tables whose header names the group column
// and whose name cell links somewhere. Zero when it has no such table.
int index_rows(std::string_view text, const Patterns& patterns) {
  int rows = 0;
  for (const md::Table& table : md::find_tables(split_lines(text))) {
    if (!table.has_header) continue;
    int name_col = -1;
    for (std::size_t i = 0; i < table.header.cells.size() && name_col < 0; ++i) {
      if (patterns.matches("index_name_column", md::normalize_label(table.header.cells[i]))) {
        name_col = static_cast<int>(i);
      }
    }
    if (name_col < 0) continue;
    for (const md::TableRow& row : table.rows) {
      if (static_cast<std::size_t>(name_col) < row.cells.size() &&
          !md::find_links(row.cells[name_col]).empty()) {
        ++rows;
      }
    }
  }
  return rows;
}

void look_at_file(const TreeReader& tree, const Patterns& patterns, const std::string& path,
                  const std::string& name, std::vector<SourceCandidate>& out) {
  if (!is_markdown(name) && !is_yaml(name)) return;
  auto size = tree.file_size(path);
  if (!size || *size > kMaxTextFileBytes) return;
  auto text = tree.read_file(path);
  if (!text) return;
  if (is_markdown(name)) {
    if (int rows = index_rows(*text, patterns); rows > 0) {
      out.push_back({"index", path,
                     fmt::format("a table whose header names the group column, {} linked row{}",
                                 rows, rows == 1 ? "" : "s")});
    }
  } else if (!kubernetes_schema_mismatch(*text)) {
    out.push_back({"yaml", path, "groups with dir, leadership or contact (the Kubernetes schema)"});
  }
}

}  // namespace

std::vector<SourceCandidate> discover_sources(const TreeReader& tree, const Patterns& patterns) {
  std::vector<SourceCandidate> out;
  auto root = tree.list_dir("");
  if (!root) return out;
  std::vector<std::string> group_prefixes;
  for (const TreeEntry& e : *root) {
    if (e.kind == EntryKind::kFile) {
      look_at_file(tree, patterns, e.name, e.name, out);
      continue;
    }
    if (e.kind != EntryKind::kDirectory || e.name.starts_with('.')) continue;
    if (auto kind = group_kind_of_folder(e.name)) {
      std::string prefix = e.name.substr(0, e.name.find('-') + 1) + "*";
      if (std::find(group_prefixes.begin(), group_prefixes.end(), prefix) == group_prefixes.end()) {
        group_prefixes.push_back(prefix);
      }
      continue;
    }
    auto below = tree.list_dir(e.name);
    if (!below) continue;
    int with_sig_info = 0;
    for (const TreeEntry& f : *below) {
      std::string path = e.name + "/" + f.name;
      if (f.kind == EntryKind::kFile) {
        look_at_file(tree, patterns, path, f.name, out);
      } else if (f.kind == EntryKind::kDirectory &&
                 tree.kind(path + "/sig-info.yaml") == EntryKind::kFile) {
        ++with_sig_info;
      }
    }
    if (with_sig_info > 0) {
      out.push_back({"sig_info", e.name + "/*/sig-info.yaml",
                     fmt::format("{} folders of {}/ hold a sig-info.yaml", with_sig_info, e.name)});
    }
  }
  for (const std::string& prefix : group_prefixes) {
    int n = static_cast<int>(matching_folders(tree, prefix).size());
    out.push_back({"folders", prefix, fmt::format("{} folders at the root named {}", n, prefix)});
  }
  return out;
}

RegistrySources sources_of_layout(const TreeReader& tree, LayoutKind layout) {
  RegistrySources s;
  switch (layout) {
    case LayoutKind::kKubernetes:
      s.yaml = {"sigs.yaml"};
      break;
    case LayoutKind::kOpenEuler:
      s.sig_info = {"sig/*/sig-info.yaml"};
      break;
    case LayoutKind::kMarkdown:
      if (auto entries = tree.list_dir("sigs")) {
        for (const TreeEntry& e : *entries) {
          if (e.kind == EntryKind::kFile && is_readme_name(e.name)) {
            s.index.push_back("sigs/" + e.name);
          }
        }
      }
      break;
    case LayoutKind::kFolders:
      for (const std::string& pattern : default_group_folders()) {
        if (!matching_folders(tree, pattern).empty()) s.folders.push_back(pattern);
      }
      break;
    default:
      break;
  }
  return s;
}

}  // namespace sigwarden
