// A whole repository tree: the input holds several files, each after a line "==> path <=="
// (fuzz_common.h). Runs what `lint`, `owners --all`, `explain` and `audit` run on it: the
// configuration, the registry of whichever layout the tree has, every ownership source, the
// owners of every file, the audit, and every lint, owners and explain output format. The owners
// and explain JSON, written by hand, must be byte for byte what nlohmann writes for the same
// document (a differential check: any difference aborts).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>

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

using Json = nlohmann::ordered_json;

Json rules_json(const std::vector<RuleRef>& rules) {
  Json list = Json::array();
  for (const RuleRef& r : rules) {
    list.push_back({{"path", r.where.path},
                    {"line", r.where.line},
                    {"source", r.source},
                    {"pattern", r.pattern}});
  }
  return list;
}

// docs/owners-json.md, built as one nlohmann value.
std::string reference_json(const OwnersReport& report, bool explain) {
  Json paths = Json::array();
  for (std::size_t i = 0; i < report.paths.size(); ++i) {
    const PathOwners& p = report.paths[i];
    Json j = {{"path", p.path},           {"sigs", p.sigs},   {"owners", p.owners},
              {"reviewers", p.reviewers}, {"lists", p.lists}, {"rules", rules_json(p.rules)}};
    if (explain) j["shadowed"] = rules_json(p.shadowed);
    if (!report.statuses[i].empty()) j["status"] = report.statuses[i];
    paths.push_back(std::move(j));
  }
  Json doc = {{"schemaVersion", 1}, {"revision", report.revision}, {"paths", paths}};
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

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
  // A status on every other path, as `--changed` gives them.
  for (std::size_t i = 0; i < owners.statuses.size(); i += 2) owners.statuses[i] = "M";
  if (render_owners(owners, "json") != reference_json(owners, false)) std::abort();
  if (render_explain(owners, "json") != reference_json(owners, true)) std::abort();
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
