#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "cli/command.h"
#include "core/error.h"
#include "lint/linter.h"
#include "output/ci_formats.h"
#include "output/lint_output.h"
#include "registry/layout.h"

namespace sigwarden {

void add_common_options(CLI::App& sub, CommonOptions& common, const std::string& formats) {
  sub.add_option("--repo", common.repo,
                 "repository to read (a work tree, a bare repository, or a directory inside one)")
      ->default_str(".");
  sub.add_option("--rev", common.rev, "revision to read (HEAD, a branch, a tag, a commit id)")
      ->default_str("HEAD");
  sub.add_option("--format,-f", common.format, "output format on stdout: " + formats)
      ->default_str("text");
  sub.add_option("--output,-o", common.outputs,
                 "also write FORMAT=FILE (repeatable), e.g. --output json=out.json");
  sub.add_option("--config", common.config,
                 "configuration file on disk, instead of .sigwarden.yaml at the revision");
  sub.add_option("--color", common.color,
                 "color: auto (a terminal, unless NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->default_str("auto");
  sub.add_flag("--quiet,-q", common.quiet, "print nothing on stdout; only the exit status tells");
}

bool use_color(const CommonOptions& common, bool is_stdout) {
  if (common.color == "always") return true;
  if (common.color == "never" || !is_stdout) return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return false;
  return isatty(STDOUT_FILENO) == 1;
}

void write_output_file(const std::string& path, const std::string& content) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    throw Error(fmt::format("write output file '{}': {}", path, std::strerror(errno)));
  }
  file << content;
  if (!file.flush()) throw Error(fmt::format("write output file '{}': write failed", path));
}

Config read_config(const CommonOptions& common, const TreeReader& tree) {
  const Catalogue& catalogue = Catalogue::shipped();
  if (common.config.empty()) return load_config(tree, catalogue);
  std::ifstream in(common.config, std::ios::binary);
  if (!in) throw Error(fmt::format("read configuration '{}': cannot open the file", common.config));
  std::stringstream text;
  text << in.rdbuf();
  return parse_config(common.config, text.str(), catalogue);
}

std::optional<Level> parse_fail_level(const std::string& text) {
  if (text.empty()) return std::nullopt;
  Level l{};
  if (!parse_level(text, &l) || l == Level::kOff) {
    throw UsageError(fmt::format("--fail-level '{}' is not one of error, warning, note", text));
  }
  return l;
}

void emit_findings(Streams& io, const CommonOptions& common,
                   const std::vector<std::pair<std::string, std::string>>& outputs,
                   const LintReport& report) {
  for (const auto& [format, file] : outputs) {
    write_output_file(file, render_lint(report, format, Color::kNever));
  }
  // GitHub Actions: annotations on stdout, and the Markdown job summary when the runner asks.
  if (common.format == "github") write_github_step_summary(report);
  if (!common.quiet) {
    io.out << render_lint(report, common.format,
                          use_color(common, true) ? Color::kAlways : Color::kNever);
  }
}

void check_format(const std::string& format, const std::vector<std::string>& formats) {
  if (std::find(formats.begin(), formats.end(), format) != formats.end()) return;
  std::string known;
  for (const auto& f : formats) known += (known.empty() ? "" : ", ") + f;
  throw UsageError(fmt::format("unknown format '{}' (known: {})", format, known));
}

std::vector<std::pair<std::string, std::string>> parse_outputs(
    const std::vector<std::string>& specs, const std::vector<std::string>& formats) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& spec : specs) {
    auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size()) {
      throw UsageError(fmt::format("--output '{}' must be FORMAT=FILE, e.g. json=out.json", spec));
    }
    std::string format = spec.substr(0, eq);
    if (std::find(formats.begin(), formats.end(), format) == formats.end()) {
      std::string known;
      for (const auto& f : formats) known += (known.empty() ? "" : ", ") + f;
      throw UsageError(fmt::format("unknown format '{}' in --output (known: {})", format, known));
    }
    out.emplace_back(format, spec.substr(eq + 1));
  }
  return out;
}

Registry registry_or_empty(const TreeReader& tree, const Config& config) {
  if (config.sources.empty() && config.layout == LayoutKind::kAuto && !detect_layout(tree)) {
    return Registry{};
  }
  Patterns patterns(config.patterns);
  return build_registry(tree, patterns, config.layout, config.sources);
}

std::string today_utc() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

}  // namespace sigwarden
