// The health report's JSON reader (report/render.h): a report that parses is rendered in every
// format, merged with itself, rendered again, and its JSON rendering must parse back.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/error.h"
#include "fuzz_common.h"
#include "report/render.h"

namespace {

using namespace sigwarden;

void render_all(const report::Report& r) {
  report::render_markdown(r);
  report::render_html(r);
  // What render_json writes, parse_json must read (the --merge input is render_json output).
  std::string json = report::render_json(r);
  try {
    report::parse_json(json, "round trip");
  } catch (const Error& e) {
    std::fprintf(stderr, "render_json output does not parse back: %s\n%s\n", e.what(),
                 json.c_str());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  report::Report parsed;
  try {
    parsed = report::parse_json(std::string(fuzz::as_text(data, size)), "fuzz.json");
  } catch (const Error&) {
    return 0;
  }
  render_all(parsed);
  for (std::size_t n : {1, 2}) {
    try {
      report::Report merged = report::merge(std::vector<report::Report>(n, parsed));
      render_all(merged);
    } catch (const Error&) {
    }
  }
  return 0;
}
