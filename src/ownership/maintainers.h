// MAINTAINERS files (Linux kernel, U-Boot, Xen, QEMU; FORMATS.md §6): parsing, and answering
// "which sections apply to this path" exactly as scripts/get_maintainer.pl does.
//
// get_maintainer.pl does not treat F: values as globs in the shell sense. It rewrites each value
// into a Perl regex ('.' -> "\.", '*' -> ".*", '?' -> ".", every other character kept, so '*'
// crosses '/'), appends '/' when the value names an existing directory (`-d`), and then matches
// it from the start of the path, unanchored at the end:
//   - a value ending in '/' matches every path it is a prefix of (the whole tree below);
//   - any other value matches only when, in addition, the path has exactly as many '/' as the
//     value ("drivers/net/foo.c" also matches "drivers/net/foo.cpp"; "include/*.h" does not
//     reach into include/linux/).
// A section applies when none of its X: values match and at least one F: value or N: regex does.
// Sections are listed deepest first, where the depth of a section is that of its last matching
// F:/N: line: the number of '/' in the value, plus one unless it ends in '/', -1 for a value
// starting with '*', and 0 for an N: regex. get_maintainer.pl leaves ties in Perl hash order;
// here they stay in file order.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace sigwarden {

// One "T:\tvalue" record of a section, value as written (trailing whitespace removed).
struct MaintainersEntry {
  char tag = 0;  // 'M','R','L','S','F','X','N','K','T','W','Q','B','C','P'
  std::string value;
  Location where;  // the record's line; column of the value's first character
};

struct MaintainersSection {
  std::string title;
  Location where;                        // title line
  std::vector<std::string> maintainers;  // M: values as written ("Name <mail>")
  std::vector<std::string> reviewers;    // R:
  std::vector<std::string> lists;        // L: up to the first space ("x@vger.kernel.org")
  std::string status;                    // S: (the last one when there are several)
  std::vector<MaintainersEntry> files, excludes, regexes;  // F:, X:, N:
  std::vector<MaintainersEntry> entries;  // every record in file order, including K:, T:, W:
};

struct MaintainersFile {
  std::string path;
  std::vector<MaintainersSection> sections;  // in file order
  std::vector<Finding> findings;             // rule "ownership-syntax"
};

// A regex (an N: value, or an F:/X: value with regex characters once get_maintainer.pl has
// rewritten it) longer than this is reported and skipped: RE2 logs to stderr, whatever its
// options, while it simplifies a regex of about a million parts. The same limit as the regexes
// of .sigwarden.yaml.
inline constexpr std::size_t kMaxMaintainersRegexBytes = 4096;

// The most regexes (N: values, and F:/X: values with regex characters), and bytes of them, all
// MAINTAINERS files of a run may hold together; MaintainersMatcher stops the run (Error) above
// either. Each regex is an RE2 (16 MB of regex text took 1.7 GB and 18 s to compile); the Linux
// kernel's file has a few hundred N: values and a few thousand F: globs, about 100 KB.
inline constexpr std::size_t kMaxMaintainersRegexes = 10'000;
inline constexpr std::size_t kMaxMaintainersRegexText = 1 << 20;

// Parses a MAINTAINERS file found at path. A section is a title line followed by records
// ("X:" then optional spaces or tabs, then the value); sections are separated by blank lines and
// '#' lines are comments. Everything before the first section is preamble and skipped: in Linux
// it ends at "Maintainers List" and a line of dashes; without that marker, at the line above the
// first record. Malformed lines become findings and never throw: a non-record line inside a
// section (get_maintainer.pl reads it as the title of a new section, and so does this parser), a
// record separated from its title by a blank line (still part of that section, as for
// get_maintainer.pl), a record before any title (dropped), a title without records, an unknown
// record letter, an empty value, an F:/X: value starting with '/', and F:/X:/N: patterns RE2
// cannot compile or over kMaxMaintainersRegexBytes (those are dropped).
MaintainersFile parse_maintainers(const std::string& path, std::string_view text);

struct MaintainersMatch {
  const MaintainersSection* section;  // owned by the MaintainersMatcher that returned it
  int depth;                          // get_maintainer.pl's pattern depth (see above)
  Location rule;                      // the F: or N: line that set the depth
};

// Answers get_maintainer.pl's question "which sections cover this file" for many paths. Patterns
// are compiled once: literal F: values go into hash buckets by directory (a directory value under
// its own key, a file value under its parent), globs are bucketed under the directory of their
// literal head and matched there in RE2::Sets, and all N: regexes form more RE2::Sets (of at
// most 256 regexes each). A path therefore only meets the patterns of its own ancestors, each
// group in a few passes.
class MaintainersMatcher {
 public:
  // Answers whether a repository path names a directory of the tree (get_maintainer.pl's `-d`).
  using DirectoryTest = std::function<bool(std::string_view)>;

  // Takes several files (U-Boot has many); F: values are relative to the repository root.
  // Throws Error when they hold more than kMaxMaintainersRegexes regexes or
  // kMaxMaintainersRegexText bytes of them.
  // Without is_directory, an F:/X: value without '/' at the end, '.', '*' or '?' is taken to
  // name a directory exactly when the path being matched lies below it. That differs from
  // get_maintainer.pl only for a file next to a directory whose name it extends ("F: net/foo"
  // and both net/foo/ and net/foobar.c exist): with is_directory, the answer is exact.
  explicit MaintainersMatcher(std::vector<MaintainersFile> files,
                              const DirectoryTest& is_directory = {});
  ~MaintainersMatcher();
  MaintainersMatcher(MaintainersMatcher&&) noexcept;
  MaintainersMatcher& operator=(MaintainersMatcher&&) noexcept;

  // The sections that apply to a repository path (no leading '/'), deepest first, ties in file
  // order; empty when none does.
  std::vector<MaintainersMatch> match(std::string_view path) const;

  const std::vector<MaintainersFile>& files() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;  // on the heap so that section pointers survive a move
};

}  // namespace sigwarden
