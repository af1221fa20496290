// A whole repository tree: the input holds several files, each after a line "==> path <=="
// (fuzz_common.h). Runs what `lint`, `owners --all`, `explain` and `audit` run on it: the
// configuration, the registry of whichever layout the tree has, every ownership source, the
// owners of every file, the audit, and every lint, owners and explain output format.
#include <cstddef>
#include <cstdint>

#include "core/error.h"
#include "fuzz_common.h"
#include "lint/linter.h"
#include "output/lint_output.h"
#include "output/owners_output.h"
#include "ownership/audit.h"
#include "ownership/index.h"
#include "registry/layout.h"
#include "support/memory_tree.h"

namespace {

using namespace sigwarden;

void run(const testing::MemoryTree& tree) {
  const Catalogue& catalogue = Catalogue::shipped();
  Config config = load_config(tree, catalogue);
  LintResult result;
  if (config.layout != LayoutKind::kAuto || detect_layout(tree)) {
    result = lint(tree, config, catalogue, "2026-01-01");
  }
  std::vector<std::string> files;
  tree.for_each_file([&](const std::string& path, EntryKind) { files.push_back(path); });
  OwnershipIndex index(tree, result.registry, config, OwnershipIndex::Scope::kWholeTree, files);
  OwnersReport owners{"memory", {}, {}};
  for (const std::string& path : files) {
    owners.paths.push_back(index.owners_of(path, true));
    owners.statuses.emplace_back();
    index.codeowners_matches(path);
  }
  for (const Group& group : result.registry.groups) {
    for (const auto& [repo, where] : group.repositories) index.owners_of_repository(repo);
  }
  AuditStats stats;
  int suppressed = 0;
  std::vector<Finding> audit =
      apply_config(audit_ownership(index, result.registry, files, &stats), config, catalogue,
                   "2026-01-01", result.registry, &suppressed, "ownership.yaml");
  for (const std::vector<Finding>* findings : {&result.findings, &audit}) {
    LintReport report;
    report.layout = result.registry.layout;
    report.index_files = result.registry.index_files;
    report.findings = findings;
    for (const std::string& format : lint_formats()) render_lint(report, format, Color::kAlways);
  }
  for (const std::string& format : owners_formats()) render_owners(owners, format);
  for (const char* format : {"text", "json"}) render_explain(owners, format);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  testing::MemoryTree tree(fuzz::split_files(fuzz::as_text(data, size)));
  try {
    run(tree);
  } catch (const Error&) {
  }
  return 0;
}
