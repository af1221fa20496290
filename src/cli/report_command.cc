// `sigwarden report`: the periodic SIG health report from git history (markdown, json, html), or
// the merge of reports written by independent jobs (--merge).

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include "cli/command.h"
#include "core/error.h"
#include "git/history.h"
#include "git/repository.h"
#include "report/render.h"
#include "report/scan.h"

namespace sigwarden {

namespace {

struct ReportOptions {
  std::string window = "90d";
  int windows = 3;
  std::string as_of;
  std::vector<std::string> activity_repos;
  bool no_people = false;
  bool anonymize = false;
  std::vector<std::string> merge;
  bool fail_on_attention = false;
};

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> kFormats = {"text", "markdown", "json", "html"};
  return kFormats;
}

std::string render(const report::Report& r, const std::string& format) {
  if (format == "json") return report::render_json(r);
  if (format == "html") return report::render_html(r);
  return report::render_markdown(r);  // text is the Markdown report
}

// The report on out; JSON is written as it is produced (for many SIGs it is the largest format,
// and need not be held in memory whole).
void write_report(std::ostream& out, const report::Report& r, const std::string& format) {
  if (format == "json") {
    report::write_json(r, out);
  } else {
    out << render(r, format);
  }
}

// The start of the UTC day when text is a date (YYYY-MM-DD), nothing when it is not shaped like
// one (then it is a revision); throws UsageError for an impossible date such as 2026-02-30.
std::optional<std::int64_t> day_start(const std::string& text) {
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  if (!shaped) return std::nullopt;
  std::optional<std::int64_t> t = report::parse_iso_date(text);
  if (!t) throw UsageError(fmt::format("--as-of '{}' is not a valid date", text));
  return t;
}

std::int64_t end_of_day(std::int64_t t) { return (t / 86400 + (t % 86400 < 0 ? 0 : 1)) * 86400; }

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(fmt::format("read report '{}': cannot open the file", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A progress line on stderr while walking history: only on a terminal, never in CI.
class Progress {
 public:
  Progress(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
  ~Progress() {
    if (shown_) err_ << "\r\033[K" << std::flush;
  }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  void update(std::int64_t commits, std::int64_t at, std::int64_t from, std::int64_t to) {
    if (!enabled_) return;
    double done = to > from ? static_cast<double>(to - at) / static_cast<double>(to - from) : 1.0;
    done = std::clamp(done, 0.0, 1.0);
    int filled = static_cast<int>(done * 30);
    err_ << fmt::format("\rscanning history [{}{}] {:3}%  {} commits, at {}",
                        std::string(static_cast<std::size_t>(filled), '#'),
                        std::string(static_cast<std::size_t>(30 - filled), '.'),
                        static_cast<int>(done * 100), commits, report::iso_date(at))
         << std::flush;
    shown_ = true;
  }

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
};

bool progress_wanted(const CommonOptions& common) {
  const char* ci = std::getenv("CI");
  return !common.quiet && isatty(STDERR_FILENO) == 1 && (ci == nullptr || *ci == '\0');
}

report::Report scan_repository(Streams& io, const CommonOptions& common,
                               const ReportOptions& options) {
  report::ScanOptions scan;
  scan.window_spec = options.window;
  scan.window_seconds = report::parse_window(options.window);
  if (options.windows < 0 || options.windows > 52) {
    throw UsageError(fmt::format("--windows {} must be from 0 to 52", options.windows));
  }
  scan.earlier_windows = options.windows;
  scan.people = !options.no_people;
  scan.anonymize = options.anonymize;
  for (const auto& a : options.activity_repos) {
    auto eq = a.find('=');
    scan.activity_repos.push_back(eq == std::string::npos
                                      ? report::ActivityRepo{a, ""}
                                      : report::ActivityRepo{a.substr(0, eq), a.substr(eq + 1)});
  }
  git::Repository repo = git::Repository::discover(common.repo);
  report::require_full_history(repo, fmt::format("report on {}", repo.location()));
  git::Snapshot head = repo.snapshot(common.rev);
  std::optional<git::Snapshot> tip;
  if (options.as_of.empty()) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    scan.as_of = end_of_day(std::chrono::duration_cast<std::chrono::seconds>(now).count());
  } else if (auto day = day_start(options.as_of)) {
    scan.as_of = *day + 86400;
    std::string id = git::first_parent_before(head, scan.as_of);
    if (id.empty()) {
      throw Error(fmt::format("report as of {}: {} has no commit on or before that day",
                              options.as_of, common.rev));
    }
    tip.emplace(repo.snapshot(id));
  } else {
    tip.emplace(repo.snapshot(options.as_of));
    scan.as_of = end_of_day(git::commit_time(*tip));
  }
  const git::Snapshot& at = tip ? *tip : head;
  Config config = read_config(common, at);
  Progress progress(io.err, progress_wanted(common));
  std::int64_t from = scan.as_of - (scan.earlier_windows + 1) * scan.window_seconds;
  scan.progress = [&](std::int64_t commits, std::int64_t when) {
    progress.update(commits, when, from, scan.as_of);
  };
  scan.repo_label = repo.location();
  return report::scan(repo, at, config, scan);
}

int run_report(Streams& io, const CommonOptions& common, const ReportOptions& options) {
  check_format(common.format, report_formats());
  auto outputs = parse_outputs(common.outputs, report_formats());
  report::Report result;
  if (!options.merge.empty()) {
    if (!options.activity_repos.empty() || !options.as_of.empty()) {
      throw UsageError("--merge combines finished reports; it takes no --activity-repo or --as-of");
    }
    std::vector<report::Report> parts;
    for (const auto& path : options.merge) {
      parts.push_back(report::parse_json(read_text_file(path), "'" + path + "'"));
    }
    result = report::merge(parts);
  } else {
    result = scan_repository(io, common, options);
  }
  for (const auto& [format, path] : outputs) write_output_file(path, render(result, format));
  if (!common.quiet) write_report(io.out, result, common.format);
  return options.fail_on_attention && !result.attention.empty() ? 1 : 0;
}

}  // namespace

Action setup_report(CLI::App& sub, CommonOptions& common) {
  auto options = std::make_shared<ReportOptions>();
  add_common_options(sub, common, "text (Markdown), markdown, json, html");
  sub.add_option("--window", options->window,
                 "length of a window: days, weeks or years, e.g. 90d, 12w, 1y")
      ->default_str("90d");
  sub.add_option("--windows", options->windows,
                 "earlier windows to compare with (trends, drifting contributors), 0-52")
      ->default_str("3");
  sub.add_option("--as-of", options->as_of,
                 "report as of a day (YYYY-MM-DD: the last commit of --rev's first-parent "
                 "history on or before it) or a revision; default: today, at --rev");
  sub.add_option("--activity-repo", options->activity_repos,
                 "another local clone whose history counts for activity (repeatable); "
                 "PATH or PATH=org/name to match the registry's repositories");
  sub.add_flag("--no-people", options->no_people,
               "name no one: counts only, no contributors, leads or authors");
  sub.add_flag("--anonymize", options->anonymize,
               "replace every person's name with a stable pseudonym (person-1a2b3c)");
  sub.add_option("--merge", options->merge,
                 "combine JSON reports of the same windows (one per repository) into one")
      ->expected(1, -1);
  sub.add_flag("--fail-on-attention", options->fail_on_attention,
               "exit 1 when the needs-attention list is not empty");
  sub.footer(
      "Walks history from --rev back to the start of the oldest window (one pass, no blob "
      "reads),\nattributing each commit's changed files to SIGs through the ownership at the "
      "as-of revision.\nNeeds full history: a shallow clone is refused (exit 2).\n"
      "Exit status: 0 report written, 1 --fail-on-attention and something needs attention, "
      "2 could not run.");
  return [&common, options](Streams& io) { return run_report(io, common, *options); };
}

}  // namespace sigwarden
