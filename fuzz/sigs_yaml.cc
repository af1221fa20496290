// The Kubernetes layout's sigs.yaml (registry/kubernetes_layout.cc): the input is sigs.yaml, in
// an in-memory tree with a few group folders and an OWNERS file; the registry is built
// from it (the rules over a registry run in the tree target).
#include <cstddef>
#include <cstdint>

#include "core/error.h"
#include "fuzz_common.h"
#include "registry/layout.h"
#include "support/memory_tree.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  testing::MemoryTree tree({
      {"sig-apps/README.md",
       "# SIG Apps\n\n## Leadership\n\n### Chairs\n\n* Jane Doe (**[@janedoe](https://github.com/"
       "janedoe)**), Example Corp\n\n## Contact\n\n- [Mailing list](https://groups.google.com/"
       "a/kubernetes.io/g/sig-apps)\n"},
      {"sig-apps/charter.md", "# SIG Apps Charter\n"},
      {"sig-apps/OWNERS", "approvers:\n- janedoe\nlabels:\n- sig/apps\n"},
      {"wg-batch/README.md", "# Batch Working Group\n"},
      {"committee-steering/README.md", "# Steering Committee\n"},
      {"sig-list.md",
       "# SIGs and WGs\n\n| Name | Label |\n|---|---|\n|[Apps](sig-apps/README.md)"
       "|apps|\n"},
      {"OWNERS", "approvers:\n- steering\n"},
  });
  tree.put("sigs.yaml", std::string(fuzz::as_text(data, size)));
  try {
    build_registry(tree, fuzz::shipped_patterns(), LayoutKind::kKubernetes);
  } catch (const Error&) {
  }
  return 0;
}
