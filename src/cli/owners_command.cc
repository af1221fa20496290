// `sigwarden owners` and `sigwarden explain`: the owners of paths given as arguments or on stdin,
// of every file at a revision (--all), or of every path a change touches (--changed A..B/A...B,
// old and new path of a rename both included).

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "git/diff.h"
#include "git/repository.h"
#include "lint/linter.h"
#include "output/ci_escape.h"
#include "output/owners_output.h"
#include "ownership/index.h"

namespace sigwarden {

namespace {

struct OwnersOptions {
  std::vector<std::string> paths;
  bool all = false;
  std::string changed;
  std::string repo_name;
  bool explain = false;
};

std::string normalize_path(std::string p) {
  while (p.starts_with("./")) p.erase(0, 2);
  while (p.starts_with("/")) p.erase(0, 1);
  while (p.size() > 1 && p.ends_with("/")) p.pop_back();
  return p;
}

int run_owners(Streams& io, const CommonOptions& common, const OwnersOptions& options) {
  const auto& formats =
      options.explain ? std::vector<std::string>{"text", "json"} : owners_formats();
  check_format(common.format, formats);
  auto outputs = parse_outputs(common.outputs, formats);
  int modes = (options.all ? 1 : 0) + (!options.changed.empty() ? 1 : 0) +
              (!options.paths.empty() ? 1 : 0) + (!options.repo_name.empty() ? 1 : 0);
  if (modes > 1) {
    throw UsageError("give paths, --all, --changed or --repo-name, not several of them");
  }

  git::Repository repo = git::Repository::discover(common.repo);
  std::optional<git::Snapshot> from;
  std::optional<git::Snapshot> at;
  if (!options.changed.empty()) {
    auto [a, b] = repo.range(options.changed);
    from.emplace(std::move(a));
    at.emplace(std::move(b));
  } else {
    at.emplace(repo.snapshot(common.rev));
  }
  Config config = read_config(common, *at);
  Registry registry = registry_or_empty(*at, config);

  std::vector<std::string> paths;
  std::vector<std::string> statuses;
  OwnershipIndex::Scope scope = OwnershipIndex::Scope::kPaths;
  if (options.all) {
    scope = OwnershipIndex::Scope::kWholeTree;
    at->for_each_file([&](const std::string& p, EntryKind) { paths.push_back(p); });
  } else if (from) {
    for (const git::Change& c : git::changed_paths(*from, *at)) {
      std::string status(1, git::change_letter(c.kind));
      if (!c.old_path.empty() && c.old_path != c.new_path) {
        paths.push_back(c.old_path);
        statuses.push_back(status);
      }
      if (!c.new_path.empty()) {
        paths.push_back(c.new_path);
        statuses.push_back(status);
      }
    }
  } else if (options.repo_name.empty()) {
    std::vector<std::string> given = options.paths;
    if (given.empty() || (given.size() == 1 && given[0] == "-")) {
      given.clear();
      std::string line;
      while (std::getline(std::cin, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) given.push_back(line);
      }
      if (given.empty()) {
        throw UsageError(
            "no paths: give paths as arguments or on stdin, or use --all or --changed");
      }
    }
    for (std::string& p : given) paths.push_back(normalize_path(p));
  }

  OwnershipIndex index(*at, registry, config, scope, paths);
  // Problems in the ownership files go to stderr, at their configured levels.
  for (const Finding& f : apply_config(index.findings(), config, Catalogue::shipped(), today_utc(),
                                       registry, nullptr, "ownership.yaml")) {
    std::string where = f.location.line > 0 ? fmt::format("{}:{}", f.location.path, f.location.line)
                                            : f.location.path;
    io.err << fmt::format("sigwarden: {}: {}: {} [{}]\n", level_name(f.level), ci::printable(where),
                          ci::printable(f.message), f.rule);
  }

  // Each answer is written as soon as it is known, to stdout and to every --output file.
  std::vector<std::pair<std::string, std::ofstream>> files;
  for (const auto& [format, file] : outputs) {
    files.emplace_back(file, std::ofstream(file, std::ios::binary | std::ios::trunc));
    if (!files.back().second) {
      throw Error(fmt::format("write output file '{}': {}", file, std::strerror(errno)));
    }
  }
  std::vector<OwnersWriter> writers;
  writers.reserve(outputs.size() + 1);
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    writers.emplace_back(files[i].second, outputs[i].first, options.explain, at->commit_id());
  }
  if (!common.quiet) writers.emplace_back(io.out, common.format, options.explain, at->commit_id());
  auto write = [&writers](const PathOwners& answer, const std::string& status) {
    for (OwnersWriter& w : writers) w.add(answer, status);
  };
  if (!options.repo_name.empty()) write(index.owners_of_repository(options.repo_name), "");
  for (std::size_t i = 0; i < paths.size(); ++i) {
    write(index.owners_of(paths[i], options.explain), i < statuses.size() ? statuses[i] : "");
    std::string().swap(paths[i]);  // --all: keep no path longer than its answer
  }
  for (OwnersWriter& w : writers) w.finish();
  for (auto& [file, stream] : files) {
    if (!stream.flush()) throw Error(fmt::format("write output file '{}': write failed", file));
  }
  return 0;
}

Action setup(CLI::App& sub, CommonOptions& common, bool explain) {
  auto options = std::make_shared<OwnersOptions>();
  options->explain = explain;
  add_common_options(sub, common, explain ? "text, json" : "text, json, tsv");
  sub.add_option("PATH", options->paths,
                 explain ? "paths to explain (need not exist at the revision)"
                         : "paths (need not exist at the revision); '-' or none: read stdin");
  if (!explain) {
    sub.add_flag("--all", options->all, "every file of the tree at --rev");
    sub.add_option("--repo-name", options->repo_name,
                   "the SIG that owns a whole repository (org/name) by the registry's "
                   "repositories lists (sig-info.yaml)");
  }
  sub.add_option("--changed", options->changed,
                 "paths changed in A..B (A to B) or A...B (merge base of A and B to B); "
                 "ownership is read at B");
  sub.footer(
      "Sources: the SIG registry (folders, sig-info.yaml directories, .sigwarden.yaml owns), "
      "CODEOWNERS\n(.github/, root, docs/), Prow OWNERS + OWNERS_ALIASES, MAINTAINERS. Exit "
      "status: 0, or 2 when it could not run.");
  return [&common, options](Streams& io) { return run_owners(io, common, *options); };
}

}  // namespace

Action setup_owners(CLI::App& sub, CommonOptions& common) { return setup(sub, common, false); }
Action setup_explain(CLI::App& sub, CommonOptions& common) { return setup(sub, common, true); }

}  // namespace sigwarden
