// `sigwarden audit`: ownership of the whole tree at a revision, as findings (docs/rules.md).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <memory>
#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "git/repository.h"
#include "lint/linter.h"
#include "output/ci_formats.h"
#include "output/lint_output.h"
#include "ownership/audit.h"
#include "ownership/index.h"

namespace sigwarden {

namespace {

struct AuditOptions {
  std::string fail_level;
};

int run_audit(Streams& io, const CommonOptions& common, const AuditOptions& options) {
  check_format(common.format, lint_formats());
  auto outputs = parse_outputs(common.outputs, lint_formats());
  std::optional<Level> fail_level = parse_fail_level(options.fail_level);
  git::Repository repo = git::Repository::discover(common.repo);
  git::Snapshot snapshot = repo.snapshot(common.rev);
  Config config = read_config(common, snapshot);
  Registry registry = registry_or_empty(snapshot, config);
  std::vector<std::string> files;
  snapshot.for_each_file([&](const std::string& p, EntryKind) { files.push_back(p); });
  OwnershipIndex index(snapshot, registry, config, OwnershipIndex::Scope::kWholeTree, files);
  AuditStats stats;
  int suppressed = 0;
  std::vector<Finding> findings =
      apply_config(audit_ownership(index, registry, files, &stats), config, Catalogue::shipped(),
                   today_utc(), registry, &suppressed, "ownership.yaml");

  LintReport report;
  report.repository = repo.location();
  report.revision = common.rev;
  report.commit = snapshot.commit_id();
  report.layout = registry.layout.empty() ? "none" : registry.layout;
  report.index_files = index.files_read();
  report.groups = static_cast<int>(registry.groups.size());
  report.suppressed = suppressed;
  report.findings = &findings;
  emit_findings(io, common, outputs, report);
  if (!common.quiet) {
    if (common.format == "text") {
      io.out << fmt::format(
          "{} of {} files unowned; ownership files: {}\n", stats.unowned_files, stats.files,
          index.files_read().empty() ? std::string("none")
                                     : fmt::format("{}", fmt::join(index.files_read(), ", ")));
    }
  }
  Level level = fail_level.value_or(config.fail_level.value_or(Level::kError));
  return fails_at(findings, level) ? 1 : 0;
}

}  // namespace

Action setup_audit(CLI::App& sub, CommonOptions& common) {
  auto options = std::make_shared<AuditOptions>();
  add_common_options(sub, common, "text, json, markdown, sarif, github, junit, gitlab, rdjson");
  sub.add_option("--fail-level", options->fail_level,
                 "exit 1 when a finding is at or above this level: error (default), warning, note");
  sub.footer(
      "Reports unowned files (rolled up by directory), CODEOWNERS rules that match nothing, are "
      "shadowed\nor duplicated, teams that map to no SIG, and unowned ownership files. Levels "
      "come from rules/ownership.yaml\nand .sigwarden.yaml; by default nothing is at error level, "
      "so audit exits 0 unless configured.");
  return [&common, options](Streams& io) { return run_audit(io, common, *options); };
}

}  // namespace sigwarden
