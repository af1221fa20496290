// Prow OWNERS (ownership/prow_owners.h): the input is parsed as the root OWNERS and as a nested
// one; the resolver over both (with fixed aliases) is asked about paths below and beside them,
// and about paths made from the filters' regexes.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "ownership/prow_owners.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  std::string_view text = fuzz::as_text(data, size);
  std::vector<ProwOwnersFile> files;
  files.push_back(parse_prow_owners("OWNERS", text));
  files.push_back(parse_prow_owners("pkg/api/OWNERS", text));
  files.push_back(parse_prow_owners("pkg/OWNERS", "approvers:\n- sig-api-approvers\n- Alice\n"));
  ProwAliases aliases = parse_prow_aliases(
      "OWNERS_ALIASES", "aliases:\n  sig-api-approvers:\n  - bob\n  - '@Carol'\n");
  std::vector<std::string> paths = {"",
                                    "README.md",
                                    "pkg",
                                    "pkg/api",
                                    "pkg/api/v1/types.go",
                                    "pkg/kubelet/x.go",
                                    "docs/a.md",
                                    "pkg/api/zz_generated.deepcopy.go"};
  for (const ProwOwnersFile& f : files) {
    for (std::size_t i = 0; i < f.filters.size() && i < 16; ++i) {
      paths.push_back(f.dir.empty() ? f.filters[i].first : f.dir + "/" + f.filters[i].first);
    }
  }
  ProwOwnersResolver resolver(files, std::move(aliases));
  for (const std::string& path : paths) resolver.match(path);
  return 0;
}
