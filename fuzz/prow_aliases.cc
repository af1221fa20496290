// Prow OWNERS_ALIASES (ownership/prow_owners.h): the input is parsed as the aliases file and used
// by a resolver whose OWNERS files name every alias it defines.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "ownership/prow_owners.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  ProwAliases aliases = parse_prow_aliases("OWNERS_ALIASES", fuzz::as_text(data, size));
  std::vector<ProwOwnersFile> files;
  files.push_back(parse_prow_owners("OWNERS", "approvers:\n- root-approver\n"));
  ProwOwnersFile nested = parse_prow_owners("pkg/OWNERS", "options:\n  no_parent_owners: true\n");
  for (const auto& [name, members] : aliases.aliases) {
    nested.top.approvers.push_back(name);
    nested.top.reviewers.push_back("@" + name);
    nested.top.labels.push_back(name);
  }
  files.push_back(std::move(nested));
  ProwOwnersResolver resolver(files, std::move(aliases));
  for (const char* path : {"", "README.md", "pkg", "pkg/a/b.go"}) resolver.match(path);
  return 0;
}
