// `sigwarden check --base B [--head H]`: the pull-request gate.
//
// Why it reads what it reads: configuration, rules and ownership files come from the base B, so
// that a pull request cannot weaken its own gate (a PR that edits them, or the files the registry
// takes its facts from, gets a governance-change finding naming who must approve). The registry is
// linted at the head and at the merge base with that same configuration and the base's layout
// (removing the base's registry is a registry-removed finding); only findings whose fingerprint
// is not at the merge base fail the gate (--all fails on every finding). Fingerprints exclude line
// numbers, so moving text does not make an old finding new. The changed paths (merge base to
// head, pruned tree walk) must have owners.

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <ostream>
#include <set>

#include "cli/command.h"
#include "core/error.h"
#include "git/diff.h"
#include "git/repository.h"
#include "lint/linter.h"
#include "output/ci_formats.h"
#include "output/lint_output.h"
#include "ownership/index.h"
#include "registry/layout.h"

namespace sigwarden {

namespace {

struct CheckOptions {
  std::string base;
  std::string head = "HEAD";
  bool all = false;
  std::string fail_level;
};

// Files whose change alters the gate or who must approve: configuration and ownership files by
// name, wherever they are.
bool is_governance_name(const std::string& path) {
  static const std::set<std::string> kNames = {".sigwarden.yaml", "CODEOWNERS",  "OWNERS",
                                               "OWNERS_ALIASES",  "MAINTAINERS", "sig-info.yaml",
                                               "sigs.yaml"};
  std::string name = path.substr(path.rfind('/') + 1);
  return kNames.count(name) > 0;
}

// The files a registry takes its facts from (index, SIG READMEs, sig-info.yaml, ...): editing one
// can make someone a lead, so it needs the same approval as an ownership file.
void add_registry_files(const Registry& registry, std::set<std::string>& out) {
  out.insert(registry.index_files.begin(), registry.index_files.end());
  for (const Group& g : registry.groups) {
    if (g.readme) out.insert(*g.readme);
    out.insert(g.declared.path);
    for (const Person& p : g.leads) out.insert(p.where.path);
    for (const MailingList& l : g.lists) out.insert(l.where.path);
    for (const auto& owned : g.owned_patterns) out.insert(owned.second.path);
    for (const auto& listed : g.repositories) out.insert(listed.second.path);
  }
  out.erase("");
}

std::string join_owners(const PathOwners& o) {
  std::string out;
  for (const std::string& s : o.owners) out += (out.empty() ? "" : ", ") + s;
  return out.empty() ? std::string("no one (the file is unowned)") : out;
}

int run_check(Streams& io, const CommonOptions& common, const CheckOptions& options) {
  check_format(common.format, lint_formats());
  auto outputs = parse_outputs(common.outputs, lint_formats());
  if (options.base.empty()) throw UsageError("check needs --base (the pull request's base branch)");
  std::optional<Level> fail_level = parse_fail_level(options.fail_level);

  git::Repository repo = git::Repository::discover(common.repo);
  git::Snapshot base = repo.snapshot(options.base);
  auto [merge_base, head] = repo.range(options.base + "..." + options.head);

  // Everything that decides the verdict comes from the base.
  Config config = read_config(common, base);
  const Catalogue& catalogue = Catalogue::shipped();
  std::string today = today_utc();
  // The layout is the one the pull request started from (its merge base with the base): adding,
  // say, a sigs.yaml must not switch the registry to a layout under which its own changes go
  // unchecked. Detected at the head only when the merge base has no registry (the pull request
  // creates it). The merge base, not the base's tip: what the base did since is not the PR's doing.
  Config base_config = config;  // the base tip's own registry, for ownership, in its own layout
  std::optional<LayoutKind> base_layout;
  if (!config.sources.empty()) {
    // `registry:` names the sources: they are the registry, at the merge base and the head.
    if (layout_present(merge_base, LayoutKind::kConfigured, config.sources)) {
      base_layout = LayoutKind::kConfigured;
    }
  } else if (config.layout == LayoutKind::kAuto) {
    base_layout = detect_layout(merge_base);
  }
  if (base_layout) config.layout = *base_layout;
  // Deleting the registry must not make the gate check ownership alone: it is a finding.
  bool registry_removed = base_layout && !layout_present(head, *base_layout, config.sources);
  // A repository without a SIG registry (only ownership files) is checked for ownership alone.
  bool has_registry =
      !registry_removed && (config.layout != LayoutKind::kAuto || !config.sources.empty() ||
                            detect_layout(head).has_value());
  LintResult at_head = has_registry ? lint(head, config, catalogue, today) : LintResult{};
  std::set<std::string> before;
  if (!options.all && has_registry) {
    // The registry may not exist yet at the merge base (the PR creates it): then nothing is old.
    try {
      for (const Finding& f : lint(merge_base, config, catalogue, today).findings) {
        before.insert(f.fingerprint);
      }
    } catch (const Error&) {
    }
  }

  std::vector<git::Change> changes = git::changed_paths(merge_base, head);
  std::vector<std::string> paths;
  for (const git::Change& c : changes) {
    if (!c.old_path.empty()) paths.push_back(c.old_path);
    if (!c.new_path.empty() && c.new_path != c.old_path) paths.push_back(c.new_path);
  }
  Registry base_registry = registry_or_empty(base, base_config);
  OwnershipIndex ownership(base, base_registry, config, OwnershipIndex::Scope::kPaths, paths);

  // Governance files: by name, the ownership files read at the base, and the registry's files at
  // the base and at the head (a PR that adds a SIG README naming its author as lead is one).
  std::set<std::string> governance(ownership.files_read().begin(), ownership.files_read().end());
  add_registry_files(base_registry, governance);
  add_registry_files(at_head.registry, governance);

  std::vector<Finding> gate;
  if (registry_removed) {
    Finding f;
    f.rule = "registry-removed";
    f.location = {base_registry.index_files.empty() ? std::string(layout_marker(*base_layout))
                                                    : base_registry.index_files.front(),
                  0, 0};
    f.subject = layout_marker(*base_layout);
    f.message = fmt::format(
        "the change removes the SIG registry ({}, {} layout) that its merge base with {} has, so "
        "none of it can be checked",
        layout_marker(*base_layout), layout_name(*base_layout), options.base);
    gate.push_back(std::move(f));
  }
  for (const std::string& p : paths) {
    PathOwners o = ownership.owners_of(p);
    if (!o.owned()) {
      Finding f;
      f.rule = "unowned-change";
      f.location = {p, 0, 0};
      f.subject = p;
      f.message = fmt::format(
          "{} is changed but no ownership source (read at the base {}) names "
          "an owner",
          p, options.base);
      gate.push_back(std::move(f));
    }
    if (is_governance_name(p) || governance.count(p) > 0) {
      Finding f;
      f.rule = "governance-change";
      f.location = {p, 0, 0};
      f.subject = p;
      f.sig = o.sigs.empty() ? "" : o.sigs.front();
      f.message = fmt::format(
          "{} changes configuration, ownership or the SIG registry; it takes effect only after "
          "merging, and needs approval from {}",
          p, join_owners(o));
      gate.push_back(std::move(f));
    }
  }
  std::vector<Finding> findings;
  int preexisting = 0;
  for (Finding& f : at_head.findings) {
    if (before.count(f.fingerprint)) {
      ++preexisting;
      continue;
    }
    findings.push_back(std::move(f));
  }
  for (Finding& f : apply_config(std::move(gate), config, catalogue, today, at_head.registry,
                                 nullptr, "gate.yaml")) {
    findings.push_back(std::move(f));
  }
  sort_findings(findings);

  LintReport report;
  report.repository = repo.location();
  report.revision = options.head;
  report.commit = head.commit_id();
  report.layout = at_head.registry.layout;
  report.index_files = at_head.registry.index_files;
  report.groups = static_cast<int>(at_head.registry.groups.size());
  report.suppressed = at_head.suppressed;
  report.findings = &findings;
  report.base = base.commit_id();
  report.merge_base = merge_base.commit_id();
  report.head = head.commit_id();
  report.preexisting = preexisting;
  emit_findings(io, common, outputs, report);
  Level level = fail_level.value_or(config.fail_level.value_or(Level::kError));
  return fails_at(findings, level) ? 1 : 0;
}

}  // namespace

Action setup_check(CLI::App& sub, CommonOptions& common) {
  auto options = std::make_shared<CheckOptions>();
  add_common_options(sub, common, "text, json, markdown, sarif, github, junit, gitlab, rdjson");
  sub.add_option("--base", options->base, "the pull request's base (branch, tag or commit)")
      ->required();
  sub.add_option("--head", options->head, "the pull request's head (default HEAD)")
      ->default_str("HEAD");
  sub.add_flag("--all", options->all, "fail on every finding, not only on those the change adds");
  sub.add_option("--fail-level", options->fail_level,
                 "exit 1 when a new finding is at or above this level: error (default), warning, "
                 "note");
  sub.footer(
      "Configuration, rules and ownership are read from --base, so a pull request cannot weaken "
      "its own\ngate. Needs the merge base of --base and --head (in CI: fetch-depth: 0). Exit "
      "status: 0 pass,\n1 new findings at the failing level, 2 could not run.");
  return [&common, options](Streams& io) { return run_check(io, common, *options); };
}

}  // namespace sigwarden
