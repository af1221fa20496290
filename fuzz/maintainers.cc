// MAINTAINERS (ownership/maintainers.h): parsing, then get_maintainer.pl matching with and without
// a directory test, asked about fixed paths and about paths made from the F:/X: values.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "ownership/maintainers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  MaintainersFile file = parse_maintainers("MAINTAINERS", fuzz::as_text(data, size));
  std::vector<std::string> paths = {"MAINTAINERS", "drivers/net/eth.c",   "include/linux/a.h",
                                    "a/b/c/d/e.c", "Documentation/x.rst", ""};
  for (const MaintainersSection& s : file.sections) {
    for (const auto* list : {&s.files, &s.excludes}) {
      for (const MaintainersEntry& e : *list) {
        if (paths.size() > 64) break;
        paths.push_back(e.value);
        paths.push_back(e.value + "/x.c");
      }
    }
  }
  // Without a directory test, then with one that calls every path without a '.' a directory.
  MaintainersMatcher plain({file});
  MaintainersMatcher with_dirs(
      {file}, [](std::string_view p) { return p.find('.') == std::string_view::npos; });
  MaintainersMatcher moved = std::move(with_dirs);
  for (const std::string& path : paths) {
    plain.match(path);
    moved.match(path);
  }
  return 0;
}
