// Conformance of the MAINTAINERS matcher with scripts/get_maintainer.pl (FORMATS.md §6): tables of
// path -> the exact ordered section titles get_maintainer.pl would report, plus the parser's
// findings with their line numbers.
#include "ownership/maintainers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <regex>
#include <set>

namespace sigwarden {
namespace {

struct Case {
  const char* path;
  std::vector<std::string> titles;  // in get_maintainer.pl's order
};

std::vector<std::string> titles(const MaintainersMatcher& m, std::string_view path) {
  std::vector<std::string> out;
  for (const MaintainersMatch& x : m.match(path)) out.push_back(x.section->title);
  return out;
}

void expect_cases(const MaintainersMatcher& m, const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    EXPECT_EQ(titles(m, c.path), c.titles) << "path " << c.path;
  }
}

std::vector<std::string> messages(const MaintainersFile& f) {
  std::vector<std::string> out;
  for (const Finding& x : f.findings) {
    EXPECT_EQ(x.rule, "ownership-syntax");
    out.push_back(std::to_string(x.location.line) + ":" + std::to_string(x.location.column) + " " +
                  x.message);
  }
  return out;
}

MaintainersMatcher matcher_of(std::string_view text) {
  MaintainersFile f = parse_maintainers("MAINTAINERS", text);
  EXPECT_TRUE(f.findings.empty()) << f.findings[0].message;
  std::vector<MaintainersFile> files;
  files.push_back(std::move(f));
  return MaintainersMatcher(std::move(files));
}

// A Linux-shaped file: preamble with record-like lines, the "Maintainers List" marker, a note,
// then sections. Comments on the right give each F: value's get_maintainer.pl depth.
constexpr const char* kLinux =
    "List of maintainers\n"
    "===================\n"
    "\n"
    "Descriptions of section entries:\n"
    "F: preamble/\n"  // looks like a record but is preamble
    "\n"
    "Maintainers List\n"
    "----------------\n"
    "\n"
    ".. note:: When reading this list, please look for the most precise areas\n"
    "          first.\n"
    "\n"
    "NET\n"
    "M:\tNet Maintainer <net@example.org>\n"
    "L:\tnetdev@vger.kernel.org (open list)\n"
    "S:\tMaintained\n"
    "F:\tdrivers/net/\n"  // 2
    "X:\tdrivers/net/wireless/\n"
    "\n"
    "NET WIRELESS\n"
    "S:\tSupported\n"
    "F:\tdrivers/net/wireless/\n"  // 3
    "\n"
    "DUMMY DRIVER\n"
    "F:\tdrivers/net/dummy.c\n"  // 3: exact file, also a prefix at equal slash count
    "\n"
    "ETHTOOL HEADERS\n"
    "F:\tinclude/linux/eth*.h\n"  // 3
    "\n"
    "GPIO ONE-LETTER\n"
    "F:\tdrivers/gpio/gpio-?.c\n"  // 3
    "\n"
    "CRC\n"
    "F:\tlib/crc\n"  // 2: no glob, no trailing '/'
    "\n"
    "KVM\n"
    "F:\tarch/*/kvm/\n"              // 3: '*' crosses '/'
    "F:\tarch/*/include/asm/kvm*\n"  // 5
    "\n"
    "DRIVERS\n"
    "F:\tdrivers/\n"  // 1
    "\n"
    "DRM\n"
    "F:\tdrivers/gpu/drm/\n"  // 3, but the N: below matches later and sets 0
    "N:\tdrm\n"
    "\n"
    "TEGRA\n"
    "N:\t[^a-z]tegra\n"
    "\n"
    "SUNXI\n"
    "N:\t\\bsun[x4-9]i   # Allwinner, /x flag\n"
    "\n"
    "DOCS ABI\n"
    "F:\tDocumentation/ABI/\n"  // 2
    "X:\tDocumentation/ABI/obsolete/*\n"
    "\n"
    "ALTERNATION\n"
    "F:\ttools/a|zz/y\n"   // 2: Perl reads "^tools/a|zz/y"
    "F:\tscripts/ab+c/\n"  // 2: '+' stays a quantifier
    "\n"
    "STARS\n"
    "F:\t*.txt\n"     // -1
    "F:\t*/*.md\n"    // -1
    "F:\t?akefile\n"  // 1
    "\n"
    "THE REST\n"
    "M:\tLinus Torvalds <torvalds@linux-foundation.org>\n"
    "L:\tlinux-kernel@vger.kernel.org\n"
    "S:\tBuried alive in reporters\n"
    "F:\t*\n"    // -1
    "F:\t*/\n";  // -1

TEST(MaintainersParse, LinuxShapedFile) {
  MaintainersFile f = parse_maintainers("MAINTAINERS", kLinux);
  EXPECT_TRUE(f.findings.empty()) << ::testing::PrintToString(messages(f));
  ASSERT_EQ(f.sections.size(), 15u);
  const MaintainersSection& net = f.sections[0];
  EXPECT_EQ(net.title, "NET");
  EXPECT_EQ(net.where.line, 13);
  EXPECT_EQ(net.maintainers, std::vector<std::string>{"Net Maintainer <net@example.org>"});
  EXPECT_EQ(net.lists, std::vector<std::string>{"netdev@vger.kernel.org"});
  EXPECT_EQ(net.status, "Maintained");
  ASSERT_EQ(net.files.size(), 1u);
  EXPECT_EQ(net.files[0].value, "drivers/net/");
  EXPECT_EQ(net.files[0].where.line, 17);
  EXPECT_EQ(net.files[0].where.column, 4);
  ASSERT_EQ(net.excludes.size(), 1u);
  EXPECT_EQ(net.entries.size(), 5u);
  EXPECT_EQ(f.sections[10].regexes[0].value, "\\bsun[x4-9]i   # Allwinner, /x flag");
  EXPECT_EQ(f.sections.back().title, "THE REST");
}

TEST(MaintainersMatch, GetMaintainerSemantics) {
  MaintainersMatcher m = matcher_of(kLinux);
  const std::vector<std::string> rest = {"THE REST"};
  expect_cases(
      m, {
             // Trailing '/': the whole tree; deeper sections first.
             {"drivers/net/loopback.c", {"NET", "DRIVERS", "THE REST"}},
             {"drivers/net/ethernet/intel/e1000/e1000_main.c", {"NET", "DRIVERS", "THE REST"}},
             // X: is tested first and removes NET entirely.
             {"drivers/net/wireless/ath/ath.c", {"NET WIRELESS", "DRIVERS", "THE REST"}},
             // Exact file (depth 3) before the directory (depth 2); ties keep file order.
             {"drivers/net/dummy.c", {"DUMMY DRIVER", "NET", "DRIVERS", "THE REST"}},
             // The value is a prefix at equal slash count, not anchored at the end.
             {"drivers/net/dummy.cc", {"DUMMY DRIVER", "NET", "DRIVERS", "THE REST"}},
             {"drivers/net/dummy.c/x", {"NET", "DRIVERS", "THE REST"}},
             // '*' does not reach into a subdirectory when the slash counts differ.
             {"include/linux/ethtool.h", {"ETHTOOL HEADERS", "THE REST"}},
             {"include/linux/eth/x.h", rest},
             {"include/linux/netdevice.h", rest},
             // '?' is exactly one character.
             {"drivers/gpio/gpio-a.c", {"GPIO ONE-LETTER", "DRIVERS", "THE REST"}},
             {"drivers/gpio/gpio-ab.c", {"DRIVERS", "THE REST"}},
             // No glob, no trailing '/': prefix of a file at equal slash count, or (lib/crc
             // being a directory of this path) the tree below it.
             {"lib/crc32.c", {"CRC", "THE REST"}},
             {"lib/crc-ccitt.c", {"CRC", "THE REST"}},
             {"lib/crc/crc64.c", {"CRC", "THE REST"}},
             {"lib/crc32/sub/x.c", rest},
             {"lib/lzo.c", rest},
             // '*' crosses '/' in a directory value.
             {"arch/x86/kvm/x86.c", {"KVM", "THE REST"}},
             {"arch/arm64/a/b/kvm/mmu.c", {"KVM", "THE REST"}},
             {"arch/x86/include/asm/kvm_host.h", {"KVM", "THE REST"}},
             {"arch/x86/mm/init.c", rest},
             // DRM's last matching line is N: (depth 0), so it ranks below DRIVERS (depth 1).
             {"drivers/gpu/drm/drm_drv.c", {"DRIVERS", "DRM", "THE REST"}},
             {"include/drm/drm_print.h", {"DRM", "THE REST"}},
             // N: is an unanchored regex; /x drops the spaces and the comment.
             {"drivers/gpio/gpio-tegra.c", {"DRIVERS", "TEGRA", "THE REST"}},
             {"drivers/gpio/gpiotegra.c", {"DRIVERS", "THE REST"}},
             {"arch/arm/boot/dts/sun4i-a10.dtsi", {"SUNXI", "THE REST"}},
             {"drivers/clk/sunxi/clk.c", {"DRIVERS", "SUNXI", "THE REST"}},
             {"drivers/clk/asunxi.c", {"DRIVERS", "THE REST"}},
             // X: with a glob.
             {"Documentation/ABI/testing/sysfs-foo", {"DOCS ABI", "THE REST"}},
             {"Documentation/ABI/obsolete/sysfs-bar", rest},
             // Top-level files ("*") and everything with a '/' ("*/").
             // Other regex characters keep their Perl meaning.
             {"tools/ax/y", {"ALTERNATION", "THE REST"}},
             {"q/zz/y", {"ALTERNATION", "THE REST"}},
             {"tools/a", rest},
             {"scripts/abbc/x", {"ALTERNATION", "THE REST"}},
             {"scripts/ac/x", rest},
             // A leading '*' gives depth -1: ties with THE REST, kept in file order.
             {"README.txt", {"STARS", "THE REST"}},
             {"docs/README.md", {"STARS", "THE REST"}},
             {"docs/sub/README.md", rest},
             {"Makefile", {"STARS", "THE REST"}},
             {"xakefile.c", {"STARS", "THE REST"}},
             {"preamble/x", rest},
         });
}

TEST(MaintainersMatch, DepthAndDecidingLine) {
  MaintainersMatcher m = matcher_of(kLinux);
  auto r = m.match("drivers/gpu/drm/drm_drv.c");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].depth, 1);
  EXPECT_EQ(r[1].depth, 0);
  EXPECT_EQ(r[1].rule.line, 45);  // the N: line, not the deeper F: above it
  EXPECT_EQ(r[2].depth, -1);
  auto k = m.match("arch/x86/include/asm/kvm_host.h");
  ASSERT_EQ(k.size(), 2u);
  EXPECT_EQ(k[0].depth, 5);
  EXPECT_EQ(k[0].rule.line, 38);
  EXPECT_EQ(k[0].rule.path, "MAINTAINERS");
}

TEST(MaintainersMatch, DirectoryTestDecidesLikeDashD) {
  constexpr const char* kText = "CRC\nF:\tlib/crc\n\nNET\nF:\tnet/core\n\nDOTTED\nF:\tlib/x.d\n";
  std::set<std::string, std::less<>> dirs = {"lib/crc", "lib/x.d"};
  std::vector<MaintainersFile> files;
  files.push_back(parse_maintainers("MAINTAINERS", kText));
  MaintainersMatcher m(std::move(files),
                       [&](std::string_view p) { return dirs.find(p) != dirs.end(); });
  expect_cases(m, {
                      {"lib/crc/crc64.c", {"CRC"}},
                      {"lib/crc32.c", {}},     // lib/crc/ is a directory, so no file prefix
                      {"net/core/dev.c", {}},  // not a directory: no tree, even below it
                      {"net/core.c", {"NET"}},
                      {"lib/x.d/a", {}},  // '.' became "\.": -d fails, no '/' appended
                      {"lib/x.dz", {"DOTTED"}},
                  });
}

TEST(MaintainersMatch, SeveralFilesCrlfAndNoPreamble) {
  std::vector<MaintainersFile> files;
  files.push_back(parse_maintainers("MAINTAINERS", kLinux));
  files.push_back(parse_maintainers(
      "board/acme/MAINTAINERS",
      "ACME BOARD\r\nM:\tA <a@acme.example>\r\nS:    Maintained\r\nF:board/acme/\r\n\r\n"
      "ACME NET\r\nF:  drivers/net/\r\nL:\tacme@lists.example moderated\r\n"));
  ASSERT_TRUE(files[1].findings.empty()) << files[1].findings[0].message;
  ASSERT_EQ(files[1].sections.size(), 2u);
  EXPECT_EQ(files[1].sections[0].status, "Maintained");
  EXPECT_EQ(files[1].sections[0].maintainers[0], "A <a@acme.example>");
  EXPECT_EQ(files[1].sections[1].lists[0], "acme@lists.example");
  EXPECT_EQ(files[1].sections[1].where.line, 6);
  MaintainersMatcher m(std::move(files));
  expect_cases(m, {
                      {"board/acme/board.c", {"ACME BOARD", "THE REST"}},
                      {"board/acmex/board.c", {"THE REST"}},
                      // Equal depth across files: file order.
                      {"drivers/net/tun.c", {"NET", "ACME NET", "DRIVERS", "THE REST"}},
                  });
  EXPECT_EQ(m.files().size(), 2u);
}

TEST(MaintainersParse, MalformedLinesAreFindings) {
  constexpr const char* kText =
      "F:\torphan/\n"                 // 1: no title yet
      "ALPHA\n"                       // 2
      "M:\tA <a@x.org>\n"             // 3
      "f:\talpha/\n"                  // 4: lowercase, read as a new title
      "F:\talpha/\n"                  // 5: belongs to section "f:\talpha/"
      "\n"                            // 6
      "BETA\n"                        // 7
      "F:\tbeta/\n"                   // 8
      "\n"                            // 9
      "F:\tbeta2/\n"                  // 10: blank line inside BETA
      "Z:\tunknown\n"                 // 11
      "F:\n"                          // 12: empty value
      "N:\t(?<=x)y\n"                 // 13: lookbehind, not RE2
      "F:\tbeta/(old\n"               // 14: invalid once rewritten
      "F:\t/abs/\n"                   // 15: absolute
      "\n"                            // 16
      "GAMMA WITHOUT RECORDS\n"       // 17
      "\n"                            // 18
      "# a comment\n"                 // 19
      "DELTA\n"                       // 20
      "# comment inside a section\n"  // 21
      "F:\tdelta/\n";                 // 22
  MaintainersFile f = parse_maintainers("MAINTAINERS", kText);
  auto m = messages(f);
  ASSERT_EQ(m.size(), 9u) << ::testing::PrintToString(m);
  EXPECT_EQ(m[0], "1:1 record before any section title; it is skipped");
  EXPECT_EQ(m[1],
            "4:1 'f:\talpha/' is not a record ('X:' and a value) but follows "
            "section 'ALPHA' without a blank line; get_maintainer.pl reads it as the title of a "
            "new section");
  EXPECT_TRUE(m[2].starts_with("10:1 record follows a blank line inside section 'BETA'; ")) << m[2];
  EXPECT_TRUE(m[3].starts_with("11:1 'Z:' is not a MAINTAINERS record type")) << m[3];
  EXPECT_EQ(m[4], "12:3 empty 'F:' record in section 'BETA'");
  EXPECT_TRUE(m[5].starts_with("13:4 N: '(?<=x)y' is not a regex RE2 can compile (")) << m[5];
  EXPECT_TRUE(m[6].starts_with("14:4 F: 'beta/(old' is not a regex RE2 can compile once ")) << m[6];
  EXPECT_TRUE(m[7].starts_with("15:4 F: '/abs/' starts with '/'")) << m[7];
  EXPECT_EQ(m[8], "17:1 section 'GAMMA WITHOUT RECORDS' has no records");

  ASSERT_EQ(f.sections.size(), 4u);
  EXPECT_EQ(f.sections[1].title, "f:\talpha/");
  EXPECT_EQ(f.sections[2].files.size(), 3u);  // beta/, beta2/, /abs/
  EXPECT_TRUE(f.sections[2].regexes.empty());
  std::vector<MaintainersFile> files;
  files.push_back(std::move(f));
  MaintainersMatcher matcher(std::move(files));
  expect_cases(matcher, {
                            {"orphan/x", {}},
                            {"alpha/x", {"f:\talpha/"}},
                            {"beta2/x", {"BETA"}},
                            {"beta/(old", {"BETA"}},
                            {"delta/x", {"DELTA"}},
                        });
}

TEST(MaintainersParse, NoPreambleAndPreambleWithoutMarker) {
  MaintainersFile a = parse_maintainers("M", "ONE\nF:\tone/\n");
  ASSERT_EQ(a.sections.size(), 1u);
  EXPECT_EQ(a.sections[0].where.line, 1);
  MaintainersFile b = parse_maintainers(
      "M", "\xEF\xBB\xBFSome project\n\nPlease read the docs\nbefore sending.\n\nONE\nF:\tone/\n");
  EXPECT_TRUE(b.findings.empty()) << b.findings[0].message;
  ASSERT_EQ(b.sections.size(), 1u);
  EXPECT_EQ(b.sections[0].title, "ONE");
  EXPECT_EQ(b.sections[0].where.line, 6);
}

// The bucketed matcher against a direct transcription of file_match_pattern() over every
// pattern, on a synthetic Linux-sized file; also reports the time for all paths.
TEST(MaintainersMatch, AgreesWithDirectEvaluationAtScale) {
  std::string text;
  std::vector<std::string> paths;
  const char* kDirs[] = {"drivers", "arch", "fs", "net", "include", "sound"};
  for (int i = 0; i < 3400; ++i) {
    std::string top = kDirs[i % 6];
    std::string d = top + "/d" + std::to_string(i % 97) + "/s" + std::to_string(i % 13);
    text += "SECTION " + std::to_string(i) + "\nS:\tMaintained\n";
    text += "F:\t" + d + "/\n";
    if (i % 3 == 0)
      text += "F:\t" + top + "/d" + std::to_string(i % 97) + "/f" + std::to_string(i % 7) + "\n";
    if (i % 5 == 0) text += "F:\t" + top + "/*/s" + std::to_string(i % 13) + "/*.h\n";
    if (i % 11 == 0) text += "X:\t" + d + "/x*\n";
    if (i % 50 == 0) text += "N:\tk" + std::to_string(i % 17) + "[0-9]\n";
    text += "\n";
  }
  for (int i = 0; i < 79000; ++i) {
    std::string top = kDirs[i % 6];
    paths.push_back(top + "/d" + std::to_string(i % 101) + "/" +
                    (i % 4 == 0 ? "f" + std::to_string(i % 9) + "oo.c"
                                : "s" + std::to_string(i % 15) + "/" + (i % 3 ? "x" : "k") +
                                      std::to_string(i % 23) + (i % 2 ? ".h" : ".c")));
  }
  MaintainersFile f = parse_maintainers("MAINTAINERS", text);
  ASSERT_TRUE(f.findings.empty());
  std::vector<MaintainersFile> files;
  files.push_back(f);
  MaintainersMatcher m(std::move(files));

  // file_match_pattern(): '.' '*' '?' rewritten, prefix match, equal slash count unless '/'-ended.
  struct Direct {
    std::regex re;
    long slashes;
    bool tree;
    bool matches(const std::string& path) const {
      return std::regex_search(path, re) &&
             (tree || std::count(path.begin(), path.end(), '/') == slashes);
    }
  };
  auto direct = [](const std::string& value) {
    std::string re = "^";
    for (char c : value) {
      re += c == '.' ? std::string("\\.") : c == '*' ? std::string(".*") : std::string(1, c);
    }
    return Direct{std::regex(re), std::count(value.begin(), value.end(), '/'), value.back() == '/'};
  };
  struct Reference {
    std::string title;
    std::vector<Direct> files, excludes;
    std::vector<std::regex> regexes;
  };
  std::vector<Reference> reference;
  for (const MaintainersSection& s : f.sections) {
    Reference r{s.title, {}, {}, {}};
    for (const auto& e : s.files) r.files.push_back(direct(e.value));
    for (const auto& x : s.excludes) r.excludes.push_back(direct(x.value));
    for (const auto& n : s.regexes) r.regexes.emplace_back(n.value);
    reference.push_back(std::move(r));
  }
  std::size_t checked = 0, nonempty = 0;
  for (std::size_t i = 0; i < paths.size(); i += 997) {
    const std::string& p = paths[i];
    std::vector<std::string> want;
    for (const Reference& r : reference) {
      auto match = [&](const Direct& d) { return d.matches(p); };
      auto search = [&](const std::regex& re) { return std::regex_search(p, re); };
      if (std::any_of(r.excludes.begin(), r.excludes.end(), match)) continue;
      if (std::any_of(r.files.begin(), r.files.end(), match) ||
          std::any_of(r.regexes.begin(), r.regexes.end(), search)) {
        want.push_back(r.title);
      }
    }
    std::vector<std::string> got = titles(m, p);
    std::sort(got.begin(), got.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want) << p;
    ++checked;
    nonempty += !want.empty();
  }
  EXPECT_GT(nonempty, checked / 4);

  // Speed is measured by bench/bench_ownership.sh, not here; this checks the whole scale runs.
  std::size_t total = 0;
  for (const std::string& p : paths) total += m.match(p).size();
  EXPECT_GT(total, paths.size() / 4);
}

}  // namespace
}  // namespace sigwarden
