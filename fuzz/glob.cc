// Ownership globs (ownership/glob.h): every line of the input is parsed as a pattern in both
// flavours and matched against every line as a path (both capped, so an input costs at most a
// few thousand matches). Differential check: GlobMatcher's shortcuts (segment comparison for
// literal patterns, the required-text filter) must answer what the pattern's own regex answers
// over the whole path. Only for valid UTF-8, where RE2 and byte comparison agree on what a
// character is.
#include <re2/re2.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_common.h"
#include "ownership/glob.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  std::string_view text = fuzz::as_text(data, size);
  bool utf8 = fuzz::readable_text(text);
  std::vector<std::string> lines = fuzz::some_lines(text, 48);
  std::vector<std::string> paths = lines;
  for (const char* p : {"README.md", "src/a/b.c", "docs/x/y/z.md", "a"}) paths.emplace_back(p);
  for (const std::string& line : lines) {
    for (GlobFlavor flavor : {GlobFlavor::kGithub, GlobFlavor::kGitlab}) {
      std::string error;
      auto pattern = parse_glob(line, &error, flavor);
      if (!pattern) continue;
      RE2::Options options;
      options.set_log_errors(false);
      RE2 reference(pattern->regex, options);
      GlobMatcher matcher(std::move(*pattern));
      for (const std::string& path : paths) {
        bool got = matcher.matches(path);
        if (!utf8 || matcher.pattern().regex.empty() || !reference.ok()) continue;
        bool want = RE2::FullMatch(path, reference);
        if (got != want) {
          std::fprintf(stderr, "glob '%s' (%s, regex '%s') on '%s': matches() says %d, regex %d\n",
                       line.c_str(), flavor == GlobFlavor::kGitlab ? "gitlab" : "github",
                       matcher.pattern().regex.c_str(), path.c_str(), got, want);
          std::abort();
        }
      }
    }
  }
  return 0;
}
