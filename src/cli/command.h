// The command table: every subcommand registers its options on a CLI11 sub-app and returns the
// action to run once parsing succeeded. Help text comes from the table's one-line summaries.
#pragma once

#include <CLI/CLI.hpp>

#include "core/finding.h"
#include "core/tree.h"
#include "lint/config.h"
#include "registry/registry.h"

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sigwarden {

// Flags shared by every command that reads a repository.
struct CommonOptions {
  std::string repo = ".";
  std::string rev = "HEAD";
  std::string format = "text";
  std::vector<std::string> outputs;  // FORMAT=FILE
  std::string config;                // a file on disk instead of .sigwarden.yaml at the revision
  std::string color = "auto";
  bool quiet = false;
};

struct Streams {
  std::ostream& out;
  std::ostream& err;
};

using Action = std::function<int(Streams&)>;

struct Command {
  const char* name;
  const char* summary;
  // Adds the command's options to sub and returns the action that runs it.
  Action (*setup)(CLI::App& sub, CommonOptions& common);
};

const std::vector<Command>& commands();

// Adds --repo, --rev, --format, --output, --config, --color, -q to sub.
void add_common_options(CLI::App& sub, CommonOptions& common, const std::string& formats);

// Whether to color output for the stream (honours --color, NO_COLOR and a TTY on stdout).
bool use_color(const CommonOptions& common, bool is_stdout);

// Writes content to path, replacing it; throws Error naming the path on failure.
void write_output_file(const std::string& path, const std::string& content);

// Today's date in UTC as YYYY-MM-DD.
std::string today_utc();

// The configuration: --config FILE when given, else .sigwarden.yaml at the revision, else the
// defaults. Throws Error naming the file and line on a bad configuration.
Config read_config(const CommonOptions& common, const TreeReader& tree);

// Splits "--output FORMAT=FILE", checking FORMAT against formats. Throws UsageError.
std::vector<std::pair<std::string, std::string>> parse_outputs(
    const std::vector<std::string>& specs, const std::vector<std::string>& formats);

// The --fail-level value: nothing when empty; throws UsageError when it is not a level.
std::optional<Level> parse_fail_level(const std::string& text);

struct LintReport;
// Writes a findings report: every --output file, the GitHub job summary (format github, when
// $GITHUB_STEP_SUMMARY is set) and stdout unless --quiet.
void emit_findings(Streams& io, const CommonOptions& common,
                   const std::vector<std::pair<std::string, std::string>>& outputs,
                   const LintReport& report);

// Throws UsageError when format is not one of formats.
void check_format(const std::string& format, const std::vector<std::string>& formats);

// The registry at the tree, or an empty one when the tree has no registry and none is
// configured: ownership works on repositories that only have CODEOWNERS, OWNERS or MAINTAINERS.
Registry registry_or_empty(const TreeReader& tree, const Config& config);

Action setup_lint(CLI::App& sub, CommonOptions& common);
Action setup_sigs(CLI::App& sub, CommonOptions& common);
Action setup_init(CLI::App& sub, CommonOptions& common);
Action setup_rules(CLI::App& sub, CommonOptions& common);
Action setup_explain_rule(CLI::App& sub, CommonOptions& common);
Action setup_owners(CLI::App& sub, CommonOptions& common);
Action setup_explain(CLI::App& sub, CommonOptions& common);
Action setup_audit(CLI::App& sub, CommonOptions& common);
Action setup_check(CLI::App& sub, CommonOptions& common);
Action setup_review(CLI::App& sub, CommonOptions& common);
Action setup_report(CLI::App& sub, CommonOptions& common);

}  // namespace sigwarden
