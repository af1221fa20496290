// The Markdown layout's index (sigs/README.md, read by registry/markdown_layout.cc): the input is
// the index, in an in-memory tree with a few SIG folders for its rows to link to; the whole lint
// runs over it (registry, rules, levels, fingerprints, sorting).
#include <cstddef>
#include <cstdint>

#include "core/error.h"
#include "fuzz_common.h"
#include "registry/layout.h"
#include "support/memory_tree.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  testing::MemoryTree tree({
      {"sigs/a/README.md",
       "# A\n\n## SIG Leads\n\n- [@lead](https://gitee.com/lead)\n\n## Contact\n\n"
       "- 邮件列表: a@lists.example.org\n"},
      {"sigs/b/README_en.md", "# B SIG\n\n**Maintainers:** Jane Doe (jane@example.com)\n"},
      {"sigs/compiler/README.md", "# Compiler\n\n组长：张三\n"},
      {"sigs/compiler/sig-info.yaml",
       "name: compiler\nmaintainers:\n- gitee_id: zhang-san\n  name: 张三\n"
       "mailing_list: compiler@lists.example.org\n"},
      {"sigs/Model Zoo/README.md", "# Model Zoo\n\n## SIG Leads\n\n- TBD\n"},
      {"sigs/docs/meetings/2023-05-10.md", "# Meeting\n"},
  });
  tree.put("sigs/README.md", std::string(fuzz::as_text(data, size)));
  try {
    build_registry(tree, fuzz::shipped_patterns(), LayoutKind::kMarkdown);
  } catch (const Error&) {
  }
  return 0;
}
