// The Markdown line reader (registry/markdown.h): links, headings, labels, list markers and pipe
// tables over every line of the input, as the README and index readers use them.
#include <cstddef>
#include <cstdint>

#include "fuzz_common.h"
#include "registry/markdown.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sigwarden;
  std::string_view text = fuzz::as_text(data, size);
  if (!fuzz::readable_text(text)) return 0;
  std::vector<Line> lines = split_lines(text);
  for (const Line& line : lines) {
    md::find_links(line.text);
    md::replace_links_with_text(line.text);
    md::remove_links(line.text);
    md::parse_heading(line.text);
    md::normalize_label(line.text);
    if (auto item = md::strip_list_marker(line.text)) md::normalize_label(*item);
    fold_fullwidth(line.text);
    percent_decode(line.text);
  }
  md::find_tables(lines);
  return 0;
}
