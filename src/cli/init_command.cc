// `sigwarden init`: prints a commented .sigwarden.yaml whose `registry:` names the registry's
// sources: those of the layout detected, or, when no layout fits, the most plausible candidates
// found near the top of the tree. Writes nothing (the repository is never written); exit 2 when
// nothing plausible is found.

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "git/repository.h"
#include "registry/discover.h"

namespace sigwarden {

namespace {

// A YAML single-quoted scalar: safe for globs ('*' starts an alias) and any path.
std::string quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

// The number of groups the sources read, or the reason they read none.
std::string reading_of(const TreeReader& tree, const Patterns& patterns,
                       const RegistrySources& sources) {
  try {
    Registry r = build_registry(tree, patterns, LayoutKind::kAuto, sources);
    return fmt::format("reads {} groups ({} layout)", r.groups.size(), r.layout);
  } catch (const Error& e) {
    return fmt::format("reads no group: {}", e.what());
  }
}

int run_init(Streams& io, const CommonOptions& common) {
  git::Repository repo = git::Repository::discover(common.repo);
  git::Snapshot snapshot = repo.snapshot(common.rev);
  Config config = read_config(common, snapshot);
  Patterns patterns(config.patterns);

  std::vector<std::string> rejected;
  std::optional<LayoutKind> detected = detect_layout(snapshot, &rejected);
  std::vector<SourceCandidate> candidates;
  if (detected) {
    RegistrySources s = sources_of_layout(snapshot, *detected);
    for (const auto& [key, list] :
         {std::pair{"index", &s.index}, std::pair{"yaml", &s.yaml},
          std::pair{"folders", &s.folders}, std::pair{"sig_info", &s.sig_info}}) {
      for (const std::string& p : *list) {
        candidates.push_back({key, p, fmt::format("the {} layout", layout_name(*detected))});
      }
    }
  }
  if (!detected || *detected == LayoutKind::kFolders) {
    // Folders are the weakest sign: an index or a registry file elsewhere may be the real one.
    for (SourceCandidate& c : discover_sources(snapshot, patterns)) {
      if (c.key != "folders" || !detected) candidates.push_back(std::move(c));
    }
  }
  if (candidates.empty()) {
    std::string why;
    for (const std::string& r : rejected) why += "; " + r;
    throw Error(fmt::format(
        "find the SIG registry at {}: nothing plausible (no sigs.yaml of the Kubernetes schema, "
        "no sig-info.yaml folders, no Markdown table whose header names a group column in the "
        "root or one level below, no sig-*/wg-* folders at the root{}); write 'registry:' by hand "
        "(docs/configuration.md)",
        common.rev, why));
  }
  RegistrySources all;
  for (const SourceCandidate& c : candidates) {
    auto& list = c.key == "index"     ? all.index
                 : c.key == "yaml"    ? all.yaml
                 : c.key == "folders" ? all.folders
                                      : all.sig_info;
    list.push_back(c.path);
  }
  std::string out = fmt::format("# .sigwarden.yaml proposed by `sigwarden init` for {} at {}.\n",
                                common.rev, snapshot.commit_id().substr(0, 12));
  if (detected) {
    out += fmt::format("# The {} layout was detected; its sources are spelled out below",
                       layout_name(*detected));
    bool others = std::any_of(candidates.begin(), candidates.end(), [](const SourceCandidate& c) {
      return c.why.find("layout") == std::string::npos;
    });
    out += others
               ? ", with other\n# plausible sources found: keep the ones that are the registry.\n"
               : ".\n";
  } else {
    out +=
        "# No layout fits by itself. These are the most plausible sources found: keep the\n"
        "# ones that are the registry and delete the others.\n";
    for (const std::string& r : rejected) out += "# Not read: " + r + "\n";
  }
  out += fmt::format("# As written, it {}.\n", reading_of(snapshot, patterns, all));
  out += "# Check the reading with: sigwarden sigs --config FILE (docs/configuration.md).\n";
  out += "registry:\n";
  for (const char* key : {"index", "yaml", "folders", "sig_info"}) {
    bool first = true;
    for (const SourceCandidate& c : candidates) {
      if (c.key != key) continue;
      if (first) out += fmt::format("  {}:\n", key);
      first = false;
      out += fmt::format("    - {}  # {}\n", quoted(c.path), c.why);
    }
  }
  io.out << out;
  return 0;
}

}  // namespace

Action setup_init(CLI::App& sub, CommonOptions& common) {
  sub.add_option("--repo", common.repo, "the repository (default: the current directory)");
  sub.add_option("--rev", common.rev, "the revision to read (default: HEAD)");
  sub.add_option("--config", common.config,
                 "a configuration file whose patterns (index_name_column, ...) to use");
  sub.footer(
      "Prints a .sigwarden.yaml to stdout (never writes the repository): 'registry:' naming the\n"
      "sources of the layout detected, or the most plausible candidates when none fits, with\n"
      "how many groups they read. Exit status: 0 printed, 2 nothing plausible found.");
  return [&common](Streams& io) { return run_init(io, common); };
}

}  // namespace sigwarden
