// CODEOWNERS in both flavours (ownership/codeowners.h): parsing, then the matcher of the whole
// file and of every GitLab section, asked about fixed paths and about paths made from the rules'
// own patterns.
#include <cstddef>
#include <cstdint>

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
  std::vector<CodeownersMatcher> matchers;
  matchers.emplace_back(file);
  for (std::size_t s = 0; s < file.sections.size() && s < 16; ++s) {
    matchers.emplace_back(file, static_cast<int>(s));
  }
  for (const CodeownersMatcher& m : matchers) {
    for (const std::string& path : paths) {
      m.match(path);
      m.all_matches(path);
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
