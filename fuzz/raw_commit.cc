// Raw commit objects as git parses them (git/raw_commit.h), whole and cut short as the commit
// reader cuts a long one. Invariants checked: a parsed commit has a tree, its message is a suffix
// of the input, and a successful parse of a prefix is also one of the whole.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_common.h"
#include "git/raw_commit.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  std::string_view bytes = fuzz::as_text(data, size);
  git::RawCommit whole;
  std::string problem = git::parse_raw_commit(bytes, whole);
  if (problem.empty()) {
    std::string_view tail = bytes.substr(bytes.size() - whole.message.size());
    if (tail != whole.message) std::abort();
  }
  git::RawCommit cut;
  if (git::parse_raw_commit(bytes.substr(0, size / 2), cut, /*complete=*/false).empty()) {
    if (!problem.empty() || cut.tree != whole.tree || cut.parents != whole.parents ||
        cut.time != whole.time) {
      std::abort();
    }
  }
  return 0;
}
