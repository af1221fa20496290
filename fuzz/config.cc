// .sigwarden.yaml (lint/config.h): parsing; then what a run does with a configuration that
// parses: compiling its pattern sets, linting a small Markdown-layout tree with it (levels,
// suppressions and their expiry dates), and building the ownership index (owns:, teams:,
// codeowners:) over the tree.
#include <cstddef>
#include <cstdint>

#include "core/error.h"
#include "fuzz_common.h"
#include "lint/config.h"
#include "lint/linter.h"
#include "ownership/index.h"
#include "support/memory_tree.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  static const testing::MemoryTree tree({
      {"sigs/README.md",
       "## Current SIGs\n\n| SIG name | Responsibilities | SIG Leads |\n|:--|:--|:--|\n"
       "| [A](a/README.md) | x | [@lead](https://gitee.com/lead) |\n"
       "| [B](b/README.md) | y | TBD |\n"},
      {"sigs/a/README.md", "# A\n\n## SIG Leads\n\n- [@lead](https://gitee.com/lead)\n"},
      {"sigs/c/README.md", "# C\n"},
      {".github/CODEOWNERS", "* @org/sig-a-reviewers\n/docs/ @org/docs\n"},
      {".gitlab/CODEOWNERS", "[Docs][2]\n/docs/ @docs\n"},
      {"docs/guide.md", "guide\n"},
      {"src/main.cc", "int main() {}\n"},
  });
  const Catalogue& catalogue = Catalogue::shipped();
  try {
    Config config =
        parse_config(".sigwarden.yaml", std::string(fuzz::as_text(data, size)), catalogue);
    Patterns patterns(config.patterns);
    LintResult result = lint(tree, config, catalogue, "2026-01-01");
    std::vector<std::string> files = {"README.md", "docs/guide.md", "src/main.cc",
                                      "sigs/a/README.md"};
    OwnershipIndex index(tree, result.registry, config, OwnershipIndex::Scope::kPaths, files);
    for (const std::string& path : files) index.owners_of(path, true);
    index.sig_of_owner("@org/sig-a-reviewers");
  } catch (const Error&) {
  }
  return 0;
}
