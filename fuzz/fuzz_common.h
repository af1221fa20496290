// Helpers shared by the libFuzzer targets in fuzz/ (docs/fuzzing.md). Each target feeds its input
// to the library's real entry points; sigwarden::Error is an expected outcome for bad input and is
// caught by the target, anything else (a crash, a sanitizer report, another exception, a hang)
// is a bug.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "registry/patterns.h"

namespace sigwarden::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The registry parsers only ever see text that Builder::read_text accepted: valid UTF-8 without
// NUL bytes. Targets of those parsers skip other inputs, as the real callers do.
inline bool readable_text(std::string_view text) { return !find_invalid_utf8(text).has_value(); }

// The shipped pattern sets, compiled once per process as a run compiles them once.
inline const Patterns& shipped_patterns() {
  static const Patterns patterns(default_pattern_sets());
  return patterns;
}

// At most max lines of text, trimmed, empty ones dropped: used as paths to match or as patterns.
inline std::vector<std::string> some_lines(std::string_view text, std::size_t max) {
  std::vector<std::string> out;
  for (const Line& line : split_lines(text)) {
    if (out.size() == max) break;
    std::string_view t = trim(line.text);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

// A repository path as git stores one: non-empty segments, none "." or "..", no NUL.
inline bool valid_tree_path(std::string_view path) {
  if (path.empty()) return false;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = path.find('/', start);
    std::string_view seg =
        path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (seg.empty() || seg == "." || seg == ".." || seg.find('\0') != std::string_view::npos) {
      return false;
    }
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

// A multi-file input: sections that start with a line "==> path <==" (the format of `head` on
// several files); text before the first such line is ignored. make_corpus.sh writes the fixture
// trees in this format. A later section for the same path replaces an earlier one. Paths git could
// not store, and files whose path is also a directory of another file, are dropped so that the
// tree stays one a git revision could have.
inline std::map<std::string, std::string> split_files(std::string_view text) {
  std::map<std::string, std::string> files;
  std::string* current = nullptr;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(pos, next - pos);
    std::string_view bare = line;
    if (!bare.empty() && bare.back() == '\n') bare.remove_suffix(1);
    if (bare.size() > 8 && starts_with(bare, "==> ") && ends_with(bare, " <==")) {
      std::string_view path = bare.substr(4, bare.size() - 8);
      current = valid_tree_path(path) ? &(files[std::string(path)] = std::string()) : nullptr;
    } else if (current != nullptr) {
      current->append(line);
    }
    pos = next;
  }
  for (auto it = files.begin(); it != files.end();) {
    auto below = files.lower_bound(it->first + "/");
    bool is_dir = below != files.end() && starts_with(below->first, it->first + "/");
    it = is_dir ? files.erase(it) : std::next(it);
  }
  return files;
}

}  // namespace sigwarden::fuzz
