#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>

#include "cli/command.h"
#include "core/error.h"

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
                 "also write FORMAT=FILE (repeatable), e.g. --output json=lint.json");
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

std::string today_utc() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

}  // namespace sigwarden
