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

enum class LayoutKind { kAuto, kMarkdown, kOpenEuler, kKubernetes };

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
bool layout_present(const TreeReader& tree, LayoutKind kind);
const char* layout_marker(LayoutKind kind);

// Builds the registry. Throws Error when layout is kAuto and no layout is recognised, when the
// files of an explicitly named layout do not exist, or when they declare no group (an empty
// registry must not pass a gate).
Registry build_registry(const TreeReader& tree, const Patterns& patterns, LayoutKind layout);

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
  // Reads the group's sig-info.yaml when present and merges its leads and lists into group.
  std::optional<SigInfo> read_sig_info(Group& group, bool openeuler_flavor);
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

void build_markdown(Builder& b);
void build_openeuler(Builder& b);
void build_kubernetes(Builder& b);

}  // namespace sigwarden
