// Bounds on the work of matching ownership files: CODEOWNERS files whose patterns are candidates
// for every path (`**/a*b*c*/**`), MAINTAINERS files with thousands of N: regexes, and regexes
// RE2 would log about. Each shape is small enough to run in well under a second; the answers are
// compared with testing every rule by its RE2 regex, and the limits with their messages.
#include <gtest/gtest.h>
#include <re2/re2.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/error.h"
#include "git/repository.h"
#include "ownership/codeowners.h"
#include "ownership/glob.h"
#include "ownership/maintainers.h"
#include "ownership/prow_owners.h"
#include "support/cli.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::RepoBuilder;
using testing::run_cli;
using testing::TempDir;

const git::Library kLibgit2;

// Captures what is written to file descriptor 2 (RE2 logs there directly, not through run()).
class StderrCapture {
 public:
  StderrCapture() : file_(std::tmpfile()), saved_(dup(2)) {
    std::fflush(stderr);
    dup2(fileno(file_), 2);
  }
  ~StderrCapture() { restore(); }
  std::string text() {
    restore();
    std::string out;
    std::rewind(file_);
    for (int c = std::fgetc(file_); c != EOF; c = std::fgetc(file_)) out.push_back(char(c));
    return out;
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    dup2(saved_, 2);
    close(saved_);
    saved_ = -1;
  }
  std::FILE* file_;
  int saved_;
};

RE2::Options quiet() {
  RE2::Options o;
  o.set_log_errors(false);
  return o;
}

// The rules matching a path by testing every rule's regex, in file order.
class EveryRule {
 public:
  explicit EveryRule(const CodeownersFile& file) {
    for (const CodeownersRule& r : file.rules) {
      regexes_.push_back(std::make_unique<RE2>(r.glob.pattern().regex, quiet()));
    }
  }
  std::vector<int> matching(const std::string& path) const {
    std::vector<int> out;
    for (int i = 0; i < static_cast<int>(regexes_.size()); ++i) {
      if (regexes_[i]->ok() && RE2::FullMatch(path, *regexes_[i])) out.push_back(i);
    }
    return out;
  }

 private:
  std::vector<std::unique_ptr<RE2>> regexes_;
};

// The automaton that replaced RE2 for glob patterns answers what RE2 answers for the pattern's
// regex, on random patterns and on paths with the bytes where the two could part: newlines
// (".*" stops at them, "[^/]" does not), multi-byte, overlong, surrogate and invalid UTF-8.
TEST(OwnershipBounds, GlobAutomatonAnswersAsTheRegex) {
  std::mt19937 rng(7);
  const std::vector<std::string> pattern_parts = {"a",   "b", "/", "*",   "**", "**/", "?", ".",
                                                  "\\*", "é", "x", "/**", "-",  "\\ ", "ab"};
  const std::vector<std::string> path_parts = {"a",
                                               "b",
                                               "/",
                                               "x",
                                               ".",
                                               "\n",
                                               "é",
                                               "\xC3",
                                               "\xE0\x80\x80",
                                               "\xED\xA0\x80",
                                               "\xF4\x90\x80\x80",
                                               "\xC0\x80",
                                               "\x80",
                                               "\xFF",
                                               "ab",
                                               "*",
                                               " ",
                                               "-",
                                               "\xF0\x9F\x98\x80"};
  auto random_text = [&](const std::vector<std::string>& parts, int max) {
    std::string s;
    int n = 1 + static_cast<int>(rng() % max);
    for (int i = 0; i < n; ++i) s += parts[rng() % parts.size()];
    return s;
  };
  std::vector<std::string> paths = {"a", "a/b", "x/a/b/", "a\nb/x", "é/a", "a/\xFF"};
  for (int i = 0; i < 300; ++i) paths.push_back(random_text(path_parts, 8));
  int compared = 0;
  int matched = 0;
  for (int i = 0; i < 1500; ++i) {
    std::string text = random_text(pattern_parts, 7);
    if (i % 3 == 0) text = "/" + text;
    for (GlobFlavor flavor : {GlobFlavor::kGithub, GlobFlavor::kGitlab}) {
      std::string error;
      auto pattern = parse_glob(text, &error, flavor);
      // Literal patterns are compared by segment, not by the automaton.
      if (!pattern || pattern->regex.empty() || pattern->literal) continue;
      RE2 reference(pattern->regex, quiet());
      GlobMatcher glob(*pattern);
      for (const std::string& path : paths) {
        bool want = reference.ok() && RE2::FullMatch(path, reference);
        ASSERT_EQ(glob.matches(path), want)
            << "pattern '" << text << "' regex '" << pattern->regex << "' path '" << path << "'";
        ++compared;
        matched += want;
      }
    }
  }
  EXPECT_GT(compared, 100000);
  EXPECT_GT(matched, compared / 50);
}

// The shape of the codeowners-unkeyed reproduction, small: thousands of `**/a*b*...*/**` lines
// (no literal run to index them by), plus lines of other shapes, over directories whose names
// hold many letters. The matcher (byte classes, answers per directory) must give, for every path,
// the rules that testing every rule gives.
TEST(OwnershipBounds, UnindexableCodeownersGiveTheAnswersOfTestingEveryRule) {
  std::mt19937 rng(3);
  std::string text = "* @org/all\n";
  for (int i = 0; i < 800; ++i) {
    std::string p = "**/";
    int letters = 3 + static_cast<int>(rng() % 5);
    for (int k = 0; k < letters; ++k) p += std::string(k ? "*" : "") + char('a' + rng() % 26);
    switch (i % 5) {
      case 0:
        p += "*/**";  // below a directory
        break;
      case 1:
        p += "*/";  // the same, written as a directory
        break;
      case 2:
        p += "*";  // any segment, the file name too
        break;
      case 3:
        p = "/" + p.substr(3) + "*/*";  // direct children
        break;
      default:
        p += "*/**/?";
        break;
    }
    text += p + " @org/t" + std::to_string(i) + "\n";
  }
  auto file = parse_codeowners("CODEOWNERS", text, text.size());
  ASSERT_TRUE(file.findings.empty()) << file.findings[0].message;
  std::vector<std::string> paths = {"README.md", "src/file.c", "q/w"};
  const char* dirs[] = {
      "thequickbrownfox", "jumpsoverthelazydog", "src", "abcdefghij", "zyxwvu", "é-ü", "a b"};
  for (const char* d1 : dirs) {
    for (const char* d2 : dirs) {
      for (const char* name : {"file.c", "kitchen.txt", "a\nb", "é.md", "x"}) {
        paths.push_back(std::string(d1) + "/" + d2 + "/" + name);
        paths.push_back(std::string(d2) + "/" + name);
      }
    }
  }
  CodeownersMatcher matcher(file);
  EveryRule every_rule(file);
  std::size_t owned = 0;
  for (const std::string& path : paths) {
    std::vector<int> want = every_rule.matching(path);
    owned += want.size() > 1;
    // Twice: the second answer comes from the per-directory cache.
    for (int round = 0; round < 2; ++round) {
      EXPECT_EQ(matcher.all_matches(path), want) << path;
      EXPECT_EQ(matcher.match(path), want.empty() ? -1 : want.back()) << path;
    }
  }
  EXPECT_GT(owned, 50u);  // paths that match more than "*"
}

// The same shape through the command line: exact owners for chosen paths.
TEST(OwnershipBounds, UnindexableCodeownersThroughTheCli) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    std::mt19937 rng(5);
    std::string text = "* @org/all\n";
    for (int i = 0; i < 3000; ++i) {
      std::string p = "**/";
      // Letters m-z only: never all in order in the directory names below but for the lines
      // written for them.
      for (int k = 0; k < 6; ++k) p += std::string(k ? "*" : "") + char('m' + rng() % 14);
      text += p + "*/** @org/t" + std::to_string(i) + "\n";
    }
    text += "**/a*c*e*/** @org/ace\n";  // abcde, ace
    text += "**/a*d*/** @org/ad\n";     // abcde (a later line wins), not ace
    text += "**/e*/** @org/e\n";        // not abcde (a segment starting with 'e'), but edge
    b.put(".github/CODEOWNERS", text);
    for (int i = 0; i < 40; ++i) {
      b.put("abcde/f" + std::to_string(i) + ".c", "x\n");
      b.put("ace/f" + std::to_string(i) + ".c", "x\n");
      b.put("edge/f" + std::to_string(i) + ".c", "x\n");
      b.put("plain/f" + std::to_string(i) + ".c", "x\n");
    }
    b.commit("unindexable");
  }
  auto r = run_cli({"owners", "--repo", dir.path().string(), "--format", "tsv", "abcde/f3.c",
                    "ace/f7.c", "edge/f1.c", "plain/f2.c", "abcde"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::map<std::string, std::string> owners;
  for (std::size_t at = 0; at < r.out.size();) {
    std::size_t end = r.out.find('\n', at);
    std::string line = r.out.substr(at, end - at);
    at = end + 1;
    std::size_t tab = line.find('\t');
    if (line.starts_with("path\t") || tab == std::string::npos) continue;
    owners[line.substr(0, tab)] = line;
  }
  EXPECT_NE(owners["abcde/f3.c"].find("@org/ad\t"), std::string::npos) << r.out;
  EXPECT_EQ(owners["abcde/f3.c"].find("@org/ace"), std::string::npos) << r.out;
  EXPECT_NE(owners["ace/f7.c"].find("@org/ace\t"), std::string::npos) << r.out;
  EXPECT_NE(owners["edge/f1.c"].find("@org/e"), std::string::npos) << r.out;
  EXPECT_NE(owners["plain/f2.c"].find("@org/all"), std::string::npos) << r.out;
  EXPECT_NE(owners["abcde"].find("@org/all"), std::string::npos) << r.out;  // a file named so
}

// Above its budget, matching stops with an error naming the file and the counts (the budget is
// small here; the shipped one is about two seconds of matching).
TEST(OwnershipBounds, CodeownersBudgetStopsTheRunNamingTheFile) {
  // Every rule a candidate (no literal run to index it by) that passes the byte classes of the
  // paths below and does not match them ("qabcd" does not start with 'a'): each is tested.
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "**/a*b*c*d*q*/** @org/t" + std::to_string(i) + "\n";
  auto file = parse_codeowners(".github/CODEOWNERS", text, text.size());
  CodeownersBudget budget(".github/CODEOWNERS", file.rules.size(), 1'000'000, 100);
  CodeownersMatcher matcher(file, 0, CodeownersMatcher::Rules::kDeciding, &budget);
  // One directory's answer is computed once: many files of it stay within the budget.
  for (int i = 0; i < 1000; ++i) {
    budget.add_path();
    EXPECT_EQ(matcher.match("qabcd/f" + std::to_string(i)), -1);
  }
  EXPECT_EQ(matcher.match("x/abcdq/f"), 1999);
  // Every directory a new answer: over the budget.
  try {
    for (int i = 0; i < 1000; ++i) {
      budget.add_path();
      matcher.match("qabcd" + std::to_string(i) + "/f");
    }
    FAIL() << "no error; spent " << budget.spent();
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("match .github/CODEOWNERS: its 2000 rules need more than "),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("over sigwarden's documented limit (docs/security.md)"),
              std::string::npos)
        << message;
  }
}

// A GitLab pattern that needs RE2 (a character class) and is longer than RE2 can take without
// logging: reported, and it matches nothing.
TEST(OwnershipBounds, HugeClassPatternIsReportedAndMatchesNothing) {
  std::string pattern = "[ab]" + std::string(kMaxRe2GlobBytes, 'x');
  std::string text = "* @all\n" + pattern + " @huge\n";
  StderrCapture capture;
  auto file = parse_codeowners("CODEOWNERS", text, text.size(), GlobFlavor::kGitlab);
  ASSERT_EQ(file.findings.size(), 1u);
  EXPECT_EQ(file.findings[0].rule, "ownership-syntax");
  EXPECT_NE(file.findings[0].message.find("matches nothing here"), std::string::npos);
  CodeownersMatcher matcher(file);
  EXPECT_EQ(matcher.match("a" + std::string(kMaxRe2GlobBytes, 'x')), 0);
  EXPECT_EQ(capture.text(), "");
}

// The shape of the maintainers-100k reproduction, small: sections with N: regexes such as
// "(a|aa)*(b|bb)*x123", matched in chunks of RE2 sets. Exact sections for chosen paths, and
// nothing from RE2 on stderr, also for regexes long enough that one set of all of them made RE2
// log ("CoalesceWalker::ShortVisit called").
TEST(OwnershipBounds, ManyNameRegexesGiveExactSectionsAndNoLogs) {
  std::string text = "List of maintainers\n\n";
  for (int i = 0; i < 300; ++i) {
    text += "SUBSYS " + std::to_string(i) + "\nM:\tP" + std::to_string(i) + " <p" +
            std::to_string(i) + "@example.org>\nN:\t(a|aa)*(b|bb)*" + "xyz"[i % 3] +
            std::to_string(i) + "\n\n";
  }
  // 250 regexes of 2,000 "a*": a million parts together (one RE2::Set of them logs 377 lines),
  // under the limit of 1 MiB of regex text.
  std::string groups;
  for (int k = 0; k < 2000; ++k) groups += "a*";
  for (int i = 0; i < 250; ++i) {
    text += "LONG " + std::to_string(i) + "\nM:\tL <l@example.org>\nN:\t" + groups + "qqq" +
            std::to_string(i) + "\n\n";
  }
  StderrCapture capture;
  auto file = parse_maintainers("MAINTAINERS", text);
  EXPECT_TRUE(file.findings.empty()) << file.findings[0].message;
  MaintainersMatcher matcher({file});
  auto titles = [&](const std::string& path) {
    std::vector<std::string> out;
    for (const MaintainersMatch& m : matcher.match(path)) out.push_back(m.section->title);
    return out;
  };
  using V = std::vector<std::string>;
  // "x3" is in the path: (a|aa)*(b|bb)*x3 matches (the prefix may be empty); also x30, x300.
  EXPECT_EQ(titles("src/aabbx3.c"), (V{"SUBSYS 3"}));
  EXPECT_EQ(titles("src/y31/aab"), (V{"SUBSYS 31"}));
  EXPECT_EQ(titles("src/z299/aab"), (V{"SUBSYS 2", "SUBSYS 29", "SUBSYS 299"}));
  EXPECT_EQ(titles("src/x30.c"), (V{"SUBSYS 3", "SUBSYS 30"}));  // N: depth 0: file order
  EXPECT_EQ(titles("src/y3.c"), V{});                            // y3: 3 has 'x'
  EXPECT_EQ(titles("src/qqq12/x"), (V{"LONG 1", "LONG 12"}));
  EXPECT_EQ(titles("src/none.c"), V{});
  EXPECT_EQ(capture.text(), "");
}

// Over the limit on regexes, the run stops with one line naming MAINTAINERS; below it, exact
// answers.
TEST(OwnershipBounds, TooManyMaintainersRegexesIsAnErrorNamingTheFile) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    std::string text = "BIG\nM:\tB <b@example.org>\n";
    for (std::size_t i = 0; i <= kMaxMaintainersRegexes; ++i) {
      text += "N:\tq" + std::to_string(i) + "z\n";
    }
    b.put("MAINTAINERS", text);
    b.put("src/q17z.c", "x\n");
    b.commit("many regexes");
  }
  StderrCapture capture;
  auto r = run_cli({"owners", "--repo", dir.path().string(), "--all", "--format", "tsv"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "sigwarden: error: read MAINTAINERS: the MAINTAINERS files read hold 10001 regexes of "
            "58897 bytes together (N: values, and F:/X: values with regex characters; 10001 of "
            "58897 bytes in this file), over sigwarden's documented limit of 10000 regexes and "
            "1048576 bytes (docs/security.md)\n");
  EXPECT_EQ(capture.text(), "");
  // 300 regexes of 4,000 bytes: over the limit on their text, spread over two files (U-Boot
  // keeps one per board), the larger named.
  TempDir big;
  {
    RepoBuilder b(big.path());
    std::string a = "A\nM:\tA <a@example.org>\n";
    std::string c = "C\nM:\tC <c@example.org>\n";
    for (int i = 0; i < 300; ++i) {
      (i < 100 ? a : c) += "N:\t" + std::string(3990, 'q') + std::to_string(i) + "\n";
    }
    b.put("MAINTAINERS", a);
    b.put("board/c/MAINTAINERS", c);
    b.put("src/x.c", "x\n");
    b.commit("long regexes");
  }
  auto over = run_cli({"owners", "--repo", big.path().string(), "src/x.c"});
  EXPECT_EQ(over.status, 2);
  EXPECT_NE(over.err.find("sigwarden: error: read board/c/MAINTAINERS: the MAINTAINERS files "
                          "read hold 300 regexes of 1197790 bytes together"),
            std::string::npos)
      << over.err;
  EXPECT_EQ(std::count(over.err.begin(), over.err.end(), '\n'), 1) << over.err;
}

// Regexes RE2 would log about are reported and skipped, in MAINTAINERS (N:, F:) and in Prow
// OWNERS filters.
TEST(OwnershipBounds, OverlongRegexesAreReportedAndSkipped) {
  std::string huge(kMaxMaintainersRegexBytes + 1, 'a');
  auto file = parse_maintainers(
      "MAINTAINERS", "S1\nM:\tA <a@example.org>\nN:\t" + huge + "\nF:\tsrc/*" + huge + "\n");
  ASSERT_EQ(file.findings.size(), 2u);
  EXPECT_NE(file.findings[0].message.find("over sigwarden's limit of 4096 bytes; it is skipped"),
            std::string::npos)
      << file.findings[0].message;
  EXPECT_TRUE(file.sections[0].regexes.empty());
  EXPECT_TRUE(file.sections[0].files.empty());
  // (A YAML key over 1,024 characters must be written as an explicit "? key".)
  auto owners = parse_prow_owners("OWNERS", "filters:\n  ? \"" + huge +
                                                "\"\n  : {approvers: [a]}\n  \"\\\\.go$\":\n"
                                                "    approvers: [b]\n");
  ASSERT_EQ(owners.findings.size(), 1u);
  EXPECT_NE(owners.findings[0].message.find("over sigwarden's limit of 4096 bytes"),
            std::string::npos)
      << owners.findings[0].message;
  ASSERT_EQ(owners.filters.size(), 1u);
  EXPECT_EQ(owners.filters[0].first, "\\.go$");
}

}  // namespace
}  // namespace sigwarden
