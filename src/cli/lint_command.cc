// `sigwarden lint`: open the repository, read the configuration and the registry at the
// revision, run the rules, render the findings, and fail at the configured level.

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include "cli/command.h"
#include "core/error.h"
#include "git/repository.h"
#include "lint/linter.h"
#include "output/ci_formats.h"
#include "output/lint_output.h"

namespace sigwarden {

namespace {

struct LintOptions {
  std::string fail_level;
};

int run_lint(Streams& io, const CommonOptions& common, const LintOptions& options) {
  // Usage errors first, before any I/O.
  check_format(common.format, lint_formats());
  auto outputs = parse_outputs(common.outputs, lint_formats());
  std::optional<Level> fail_level = parse_fail_level(options.fail_level);

  git::Repository repo = git::Repository::discover(common.repo);
  git::Snapshot snapshot = repo.snapshot(common.rev);
  Config config = read_config(common, snapshot);
  LintResult result = lint(snapshot, config, Catalogue::shipped(), today_utc());

  LintReport report;
  report.repository = repo.location();
  report.revision = common.rev;
  report.commit = snapshot.commit_id();
  report.layout = result.registry.layout;
  report.index_files = result.registry.index_files;
  report.groups = static_cast<int>(result.registry.groups.size());
  report.suppressed = result.suppressed;
  report.findings = &result.findings;
  emit_findings(io, common, outputs, report);
  Level level = fail_level.value_or(config.fail_level.value_or(Level::kError));
  return fails_at(result.findings, level) ? 1 : 0;
}

}  // namespace

Action setup_lint(CLI::App& sub, CommonOptions& common) {
  auto options = std::make_shared<LintOptions>();
  add_common_options(sub, common, "text, json, markdown, sarif, github, junit, gitlab, rdjson");
  sub.add_option("--fail-level", options->fail_level,
                 "exit 1 when a finding is at or above this level: error (default), warning, note");
  sub.footer(
      "Reads the registry at --rev (never the work tree): sigs/README*.md tables (Markdown "
      "layout),\nsig/*/sig-info.yaml (openEuler) or sigs.yaml (Kubernetes), detected "
      "automatically.\nExit status: 0 clean, 1 findings at the failing level, 2 could not run.");
  return [&common, options](Streams& io) { return run_lint(io, common, *options); };
}

}  // namespace sigwarden
