// CODEOWNERS in both flavours (ownership/codeowners.h): parsing, then the matcher of the whole
// file and of every GitLab section, asked about fixed paths and about paths made from the rules'
// own patterns. The matcher's answers (candidates from a trie, name, extension and literal-run
// buckets) must be those of testing every rule, else the target aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "fuzz_common.h"
#include "ownership/codeowners.h"

namespace {

using namespace sigwarden;

const char* const kPaths[] = {"README.md",
                              "src/main.cc",
                              "docs/guide.md",
                              "a/b/c/d.txt",
                              ".github/CODEOWNERS",
                              "sigs/compiler/README.md",
                              ""};

void match_all(const CodeownersFile& file) {
  std::vector<std::string> paths(std::begin(kPaths), std::end(kPaths));
  for (std::size_t i = 0; i < file.rules.size() && i < 64; ++i) {
    std::string p = file.rules[i].glob.pattern().text;
    while (!p.empty() && p.front() == '/') p.erase(0, 1);
    paths.push_back(p);
    paths.push_back(p + "/x/y.c");
  }
  for (int section = -1; section < static_cast<int>(file.sections.size()) && section < 16;
       ++section) {
    CodeownersMatcher m(file, section);
    for (const std::string& path : paths) {
      std::vector<int> expected;
      for (int i = 0; i < static_cast<int>(file.rules.size()); ++i) {
        const CodeownersRule& r = file.rules[i];
        if (section >= 0 && (r.section != section || r.exclusion)) continue;
        if (r.glob.matches(path)) expected.push_back(i);
      }
      if (m.all_matches(path) != expected) std::abort();
      if (m.match(path) != (expected.empty() ? -1 : expected.back())) std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzz::as_text(data, size);
  for (GlobFlavor flavor : {GlobFlavor::kGithub, GlobFlavor::kGitlab}) {
    CodeownersFile file = parse_codeowners(".github/CODEOWNERS", text, size, flavor);
    match_all(file);
  }
  return 0;
}
