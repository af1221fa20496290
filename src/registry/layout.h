// Builds the Registry from a repository tree. The layout (Markdown index, openEuler sig/,
// Kubernetes sigs.yaml) is detected from which files exist unless configuration names it; each
// layout adapter lives in its own file and shares the helpers declared here.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/tree.h"
#include "registry/patterns.h"
#include "registry/registry.h"
#include "registry/sig_info.h"

namespace sigwarden {

// kFolders: group folders at the repository root (sig-*, wg-*, ...) with no index. kConfigured:
// the sources named by `registry:` in .sigwarden.yaml, combined.
enum class LayoutKind { kAuto, kMarkdown, kOpenEuler, kKubernetes, kFolders, kConfigured };

// Where the registry is, as `registry:` in .sigwarden.yaml names it. Several sources combine into
// one registry; each group keeps the kind its source gives it.
struct RegistrySources {
  std::vector<std::string> index;    // Markdown index files, anywhere ("README.md", "wg/README.md")
  std::vector<std::string> yaml;     // Kubernetes-style registry files under any name
  std::vector<std::string> folders;  // group folders: "sig-*" (at the root), "groups/*"
  std::vector<std::string> sig_info;  // per-group files: "sig/*/sig-info.yaml", "sigs/*/info.yaml"
  bool empty() const {
    return index.empty() && yaml.empty() && folders.empty() && sig_info.empty();
  }
};

// The kind of group a folder name says (sig-, wg-, ug-, committee-, tag- prefixes), or nothing.
std::optional<GroupKind> group_kind_of_folder(std::string_view name);

bool looks_like_group_folder(const std::string& name);

// A README in any case and language: README.md, readme_en.md, README.zh-CN.md.
bool is_readme_name(const std::string& name);

// The folders under parent whose name matches glob (fnmatch: '*', '?', '[...]'), in tree order.
std::vector<std::string> matching_folders(const TreeReader& tree, const std::string& pattern);

// The default group folders of the folders layout: every prefix group_kind_of_folder knows.
const std::vector<std::string>& default_group_folders();

// The name of a layout as configuration spells it.
const char* layout_name(LayoutKind kind);

// Parses "auto", "markdown", "openeuler", "kubernetes"; false for anything else.
bool parse_layout(const std::string& text, LayoutKind* out);

// Which layout the tree uses, or nothing when none is recognised. A candidate file whose content
// does not fit its layout's schema is skipped, with the reason appended to rejected.
std::optional<LayoutKind> detect_layout(const TreeReader& tree,
                                        std::vector<std::string>* rejected = nullptr);

// Why the text of a sigs.yaml is not a Kubernetes-style registry, or nothing when it is one (or
// cannot be parsed: then it is read as one, and its syntax error is the finding).
std::optional<std::string> kubernetes_schema_mismatch(std::string_view text);

// Whether the files that mark a layout exist in the tree, and what they are ("sigs/README*.md").
// For kConfigured, whether any configured source exists.
bool layout_present(const TreeReader& tree, LayoutKind kind, const RegistrySources& sources = {});
const char* layout_marker(LayoutKind kind);

// Builds the registry. Throws Error when layout is kAuto and no layout is recognised, when the
// files of an explicitly named layout do not exist, or when they declare no group (an empty
// registry must not pass a gate).
Registry build_registry(const TreeReader& tree, const Patterns& patterns, LayoutKind layout,
                        const RegistrySources& sources = {});

// Files larger than this are not parsed (a finding says so).
inline constexpr std::size_t kMaxTextFileBytes = 4 << 20;

// Shared by the layout adapters.
class Builder {
 public:
  Builder(const TreeReader& tree, const Patterns& patterns, Registry& registry)
      : tree_(tree), patterns_(patterns), registry_(registry) {}

  // Reads a text file for parsing. Returns nothing when it is missing, or when it is too large,
  // binary or not UTF-8 (each of which is recorded as a finding on group, which may be null).
  std::optional<std::string> read_text(const std::string& path, const Group* group);

  void add(const std::string& rule, const Group* group, Location where, std::string message,
           std::string subject);
  // Moves parser findings into the registry, tagging them with the group.
  void adopt(std::vector<Finding>&& findings, const Group* group);

  // Reads every README*.md in the group's folder (preferred first) for leads and lists. A README
  // generated from the registry (Kubernetes) is only noted: its facts are the registry's, and its
  // generated sections name subproject leads and owners, contacts, teams and their lists, which
  // are not the group's.
  void read_readmes(Group& group, const std::string& preferred, bool generated = false);
  // Reads the group's sig-info.yaml (or file_name) when present and merges its leads and lists
  // into group.
  std::optional<SigInfo> read_sig_info(Group& group, bool openeuler_flavor,
                                       const std::string& file_name = "sig-info.yaml");
  // Checks the link from `where` to target relative to base_dir; records it and reports a broken
  // one (with a case-insensitive near match when there is one).
  void check_link(const std::string& base_dir, const std::string& target, const Location& where,
                  const Group* group);
  // Reports folders under root that are not in listed, skipping not_sig_folder names and those
  // keep() rejects.
  void report_unlisted(const std::string& root, const std::vector<std::string>& listed,
                       bool (*keep)(const std::string& name));

  const TreeReader& tree() const { return tree_; }
  const Patterns& patterns() const { return patterns_; }
  Registry& registry() { return registry_; }

 private:
  const TreeReader& tree_;
  const Patterns& patterns_;
  Registry& registry_;
};

// Each adapter adds to the registry; with no files given, it reads its layout's fixed paths.
void build_markdown(Builder& b, const std::vector<std::string>& index_files = {});
// root: the folder of the group folders ("sig"); file: each group's registry file's name.
void build_openeuler(Builder& b, const std::string& root = "sig",
                     const std::string& file = "sig-info.yaml");
void build_kubernetes(Builder& b, const std::vector<std::string>& files = {"sigs.yaml"});
// Every folder matching one of patterns ("sig-*", "groups/*") that holds a README is a group.
void build_folders(Builder& b, const std::vector<std::string>& patterns);

}  // namespace sigwarden
