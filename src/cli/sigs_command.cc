// `sigwarden sigs`: the registry as sigwarden read it at a revision (every group with its folder,
// leads, lists and chat, and where each fact came from), built exactly as `lint`, `check`,
// `review` and `report` build it.

#include <fmt/format.h>

#include <memory>
#include <ostream>

#include "cli/command.h"
#include "git/repository.h"
#include "output/sigs_output.h"
#include "registry/layout.h"

namespace sigwarden {

namespace {

int run_sigs(Streams& io, const CommonOptions& common) {
  check_format(common.format, sigs_formats());
  auto outputs = parse_outputs(common.outputs, sigs_formats());

  git::Repository repo = git::Repository::discover(common.repo);
  git::Snapshot snapshot = repo.snapshot(common.rev);
  Config config = read_config(common, snapshot);
  Patterns patterns(config.patterns);
  Registry registry = build_registry(snapshot, patterns, config.layout, config.sources);

  SigsReport report{repo.location(), common.rev, snapshot.commit_id(), &registry};
  for (const auto& [format, file] : outputs) write_output_file(file, render_sigs(report, format));
  if (!common.quiet) io.out << render_sigs(report, common.format);
  return 0;
}

}  // namespace

Action setup_sigs(CLI::App& sub, CommonOptions& common) {
  add_common_options(sub, common, "text, json, csv, markdown");
  sub.footer(
      "Prints the registry as read at --rev: each group's kind, folder, README, leads, mailing\n"
      "lists and chat channels, with the file and line each came from. JSON: docs/sigs-json.md.\n"
      "Exit status: 0 read, 2 could not read the registry.");
  return [&common](Streams& io) { return run_sigs(io, common); };
}

}  // namespace sigwarden
