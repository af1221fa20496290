// Generates one large commit as a `git fast-import` stream on stdout, for the scale benchmark of
// `owners --all` and `audit` (bench/bench_scale.sh):
//
//   sigwarden_gen_scale [--files 1000000] [--rules 50000] [--generic 0] | git fast-import --quiet
//
// The commit holds exactly --files files:
// - code under twelve top-level folders (src/, pkg/, lib/, cmd/, api/, docs/, tests/, tools/,
//   examples/, third_party/, deploy/, web/), as TOP/compNNN/modNN/ leaf folders of 20-100 files
//   each, every fourth with a testdata/ or internal/ subfolder of 20-100 more; file names and
//   extensions depend on the top folder (Go and C++ sources with tests, Markdown and text docs,
//   YAML, scripts, web files), and every leaf folder has a README.md (third_party/ holds
//   vendored crates instead: crateNNN/partNN/ with a Cargo.toml and .rs files);
// - a Markdown-layout SIG registry: sigs/README.md (index table) and eight sigs/sig-NAME/README.md
//   with leads and, for most, a mailing list; a .sigwarden.yaml with `teams:` and `owns:`;
// - .github/CODEOWNERS with --rules rules: four broad ones first (`*.md`, `/.github/`, `/sigs/`,
//   `/.sigwarden.yaml`), then three parts (broad rules, folders, single files) drawn from these
//   shapes: anchored leaf folders `/a/b/c/` (43%), single files (30%), component folders `/a/b/`
//   (1%), globs in a folder `/a/b/c/*.go` or `a/b/*.md` (12%), `/a/b/**/x` (6%), `/a/*/modNN/`
//   (2%), floating names `modNN/` (2%), `*.ext` (1%), other globs such as `*_test.go` (1%) and
//   folders that do not exist (2%, for ownership-rule-unused). Patterns are unique but for a few
//   duplicates (well under 1%); owners are mostly `@org/team-N`, some `@org/sig-NAME-reviewers`
//   (mapped to the SIGs by `teams:`), users and e-mail addresses. No rule reaches third_party/,
//   so audit rolls its unowned folders up.
//
// Every file shares one blob (mark :1), so the stream and the repository stay small (folders with
// the same file names even share a tree object). Deterministic: its own LCG; the same
// arguments give the same stream, byte for byte.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "fast_import.h"

namespace {

constexpr std::int64_t kTime = 1782864000;  // 2026-07-01T00:00:00Z
constexpr std::size_t kGithubLimit = std::size_t{3} * 1024 * 1024;

using sigwarden::bench::FastImport;
using sigwarden::bench::Lcg;

struct Top {
  std::string_view name;
  std::vector<std::string_view> exts;  // file extensions; a repeated one is more common
  std::string_view stem;               // file name stem
};

const std::vector<Top>& tops() {
  static const std::vector<Top> kTops = {
      {"src", {"cc", "h", "cc", "h", "proto"}, "impl"},
      {"pkg", {"go", "go", "go", "_test.go"}, "handler"},
      {"lib", {"c", "h", "c", "S"}, "util"},
      {"cmd", {"go", "_test.go"}, "main"},
      {"api", {"proto", "yaml", "json"}, "types"},
      {"docs", {"md", "md", "txt", "png"}, "guide"},
      {"tests", {"py", "py", "yaml", "json"}, "test"},
      {"tools", {"sh", "py"}, "script"},
      {"examples", {"py", "md", "yaml"}, "example"},
      {"third_party", {"rs", "rs", "toml"}, "vendored"},
      {"deploy", {"yaml", "yaml", "json"}, "manifest"},
      {"web", {"ts", "ts", "js", "css", "html"}, "component"},
  };
  return kTops;
}

constexpr std::string_view kSigs[] = {"api",  "apps",    "auth",    "cli",
                                      "docs", "network", "storage", "testing"};

// A folder holding files: TOP/compNNN/modNN, TOP/compNNN/modNN/{testdata,internal}, or in
// third_party/ crateNNN/partNN and crateNNN/partNN/benches.
struct Dir {
  std::string path;
  int top;
  int comp;
  int files;
};

constexpr int kThirdParty = 9;  // tops()[9]: vendored crates, which no rule names

// The name of file i of folder d; file 0 is the README (a Cargo.toml in third_party/).
std::string file_name(const Dir& d, int i) {
  if (i == 0) return d.top == kThirdParty ? "Cargo.toml" : "README.md";
  const Top& t = tops()[d.top];
  std::string_view ext = t.exts[static_cast<std::size_t>(i) % t.exts.size()];
  if (ext.starts_with("_")) return fmt::format("{}{:03}{}", t.stem, i, ext);
  return fmt::format("{}{:03}.{}", t.stem, i, ext);
}

struct Options {
  long files = 1000000;
  long rules = 50000;
  long generic = 0;  // extra floating globs, as a hostile or generated CODEOWNERS has
};

// The code folders, in the order written, holding `code` files in all.
std::vector<Dir> layout(long code, Lcg& rng) {
  // About 75 files per leaf folder with its optional subfolder; comps and mods per top folder
  // grow together so that the tree keeps its shape at any size.
  long leaves = std::max(1L, code / 75);
  long per_top = (leaves + static_cast<long>(tops().size()) - 1) / static_cast<long>(tops().size());
  int fan = 1;
  while (static_cast<long>(fan) * fan < per_top) ++fan;
  std::vector<Dir> dirs;
  long left = code;
  for (int c = 0; left > 0; ++c) {
    for (int m = 0; m < fan && left > 0; ++m) {
      for (int t = 0; t < static_cast<int>(tops().size()) && left > 0; ++t) {
        bool vendored = t == kThirdParty;
        std::string leaf = vendored ? fmt::format("{}/crate{:03}/part{:02}", tops()[t].name, c, m)
                                    : fmt::format("{}/comp{:03}/mod{:02}", tops()[t].name, c, m);
        int n = static_cast<int>(std::min<long>(left, rng.range(20, 100)));
        dirs.push_back({leaf, t, c, n});
        left -= n;
        if (left > 0 && rng.below(4) == 0) {
          int k = static_cast<int>(std::min<long>(left, rng.range(20, 100)));
          std::string_view sub = vendored            ? "/benches"
                                 : rng.below(2) != 0 ? "/testdata"
                                                     : "/internal";
          dirs.push_back({leaf + std::string(sub), t, c, k});
          left -= k;
        }
      }
    }
  }
  return dirs;
}

std::string owners(Lcg& rng) {
  int n = rng.below(10) < 7 ? 1 : 2;
  std::string out;
  for (int i = 0; i < n; ++i) {
    std::uint64_t kind = rng.below(100);
    if (kind < 70) {
      out += fmt::format(" @org/team-{}", rng.below(1000));
    } else if (kind < 80) {
      out += fmt::format(" @org/sig-{}-reviewers", kSigs[rng.below(std::size(kSigs))]);
    } else if (kind < 95) {
      out += fmt::format(" @dev{}", rng.below(5000));
    } else {
      out += fmt::format(" dev{}@example.com", rng.below(5000));
    }
  }
  return out;
}

// A generated pattern and the part of the file it goes to: 0 broad rules (components, globs,
// floating names), 1 folders, 2 single files.
struct Pattern {
  int part;
  std::string text;
};

// One generated pattern, by the shares in the file comment.
Pattern pattern(Lcg& rng, const std::vector<Dir>& dirs, int fan_c) {
  const Dir* pick = &dirs[rng.below(dirs.size())];
  while (pick->top == kThirdParty) pick = &dirs[rng.below(dirs.size())];
  const Dir& d = *pick;
  const Top& t = tops()[d.top];
  std::string comp = fmt::format("{}/comp{:03}", t.name, d.comp);
  std::string_view ext = t.exts[rng.below(t.exts.size())];
  std::string star = ext.starts_with("_") ? fmt::format("*{}", ext) : fmt::format("*.{}", ext);
  std::uint64_t k = rng.below(1000);
  if (k < 380) return {1, fmt::format("/{}/", d.path)};
  if (k < 680) return {2, fmt::format("/{}/{}", d.path, file_name(d, rng.range(0, d.files - 1)))};
  if (k < 690) return {0, fmt::format("/{}/", comp)};
  if (k < 750) return {1, fmt::format("/{}/{}", d.path, star)};
  if (k < 810) return {0, fmt::format("{}/*.md", comp)};
  if (k < 870) {
    static constexpr std::string_view kTails[] = {"testdata/", "*_test.go", "README.md", "*.proto",
                                                  "internal/"};
    return {0, fmt::format("/{}/**/{}", comp, kTails[rng.below(std::size(kTails))])};
  }
  if (k < 890) return {0, fmt::format("/{}/*/mod{:02}/", t.name, rng.below(20))};
  if (k < 910) {
    return {0, rng.below(2) != 0
                   ? fmt::format("mod{:02}/", rng.below(100))
                   : fmt::format("comp{:03}/", rng.below(static_cast<std::uint64_t>(fan_c)))};
  }
  if (k < 920) return {0, star};
  if (k < 930) {
    static constexpr std::string_view kGlobs[] = {
        "*_test.go", "**/testdata/**", "*.pb.go", "/**/BUILD", "*.generated.*", "**/internal/*.go"};
    return {0, std::string(kGlobs[rng.below(std::size(kGlobs))])};
  }
  if (k < 950) return {0, fmt::format("/{}/legacy{:03}/", comp, rng.below(1000))};  // unused
  return {1, fmt::format("/{}/", d.path)};
}

// The whole file. Broad rules come first and single files last, as in most real files, so that
// the later, narrower lines decide.
std::string codeowners(Lcg& rng, const Options& o, const std::vector<Dir>& dirs) {
  int fan_c = dirs.empty() ? 1 : dirs.back().comp + 1;
  std::string parts[3] = {"\n# Components, globs and names found at any depth\n", "\n# Folders\n",
                          "\n# Single files\n"};
  std::unordered_set<std::string> seen;
  for (long written = 4; written < o.rules; ++written) {
    Pattern p = pattern(rng, dirs, fan_c);
    // Unique patterns but for a few duplicates, as in real files: one line in 400 is kept even
    // when it repeats an earlier one.
    bool keep = rng.below(400) == 0;
    for (int retry = 0; retry < 16 && !seen.insert(p.text).second && !keep; ++retry) {
      p = pattern(rng, dirs, fan_c);
    }
    parts[p.part] += p.text;
    parts[p.part] += owners(rng);
    parts[p.part] += '\n';
  }
  return "# Code owners of the synthetic scale repository. The last matching line decides.\n\n"
         "*.md @org/docs-team\n"
         "/.github/ @org/admins\n"
         "/sigs/ @org/steering\n"
         "/.sigwarden.yaml @org/steering\n" +
         parts[0] + parts[1] + parts[2];
}

std::string sig_readme(std::size_t i) {
  std::string_view name = kSigs[i];
  std::string text = fmt::format(
      "# sig-{0}\n\nThe {0} special interest group.\n\n## SIG Leads\n\n"
      "- Lead {1} [@lead{1}](https://github.com/lead{1}) (lead{1}@example.com)\n"
      "- Lead {2} [@lead{2}](https://github.com/lead{2}) (lead{2}@example.com)\n\n",
      name, 2 * i, 2 * i + 1);
  if (i % 4 != 3) {
    text += fmt::format("## Contact\n\n- Mailing list: sig-{}@lists.example.org\n", name);
  }
  return text;
}

bool parse(int argc, char** argv, Options& o) {
  return sigwarden::bench::parse_flags(
      argc, argv, {{"--files", &o.files}, {"--rules", &o.rules}, {"--generic", &o.generic, 0}});
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fputs("usage: sigwarden_gen_scale [--files N] [--rules N] [--generic N]\n", stderr);
    return 2;
  }
  // The files besides the code: README.md, .github/CODEOWNERS, .sigwarden.yaml, sigs/README.md
  // and one README per SIG.
  const long fixed = 4 + static_cast<long>(std::size(kSigs));
  if (o.files <= fixed) {
    std::fputs("sigwarden_gen_scale: --files must be over 12\n", stderr);
    return 2;
  }
  Lcg rng(20260701);
  std::vector<Dir> dirs = layout(o.files - fixed, rng);
  std::string co = codeowners(rng, o, dirs);
  // --generic: floating globs with literal runs that no path has, e.g. `**/*3*x1234*y`; each is a
  // candidate for every path unless the matcher indexes them.
  for (long i = 0; i < o.generic; ++i)
    co += fmt::format("**/*{}*x{}*y @org/team-{}\n", i % 97, i, i % 50);
  if (co.size() >= kGithubLimit) {
    std::fputs("sigwarden_gen_scale: warning: CODEOWNERS is 3 MB or more; GitHub ignores it\n",
               stderr);
  }

  FastImport out;
  out.print("blob\nmark :1\n");
  out.data("// generated\n");
  out.print("commit refs/heads/main\nmark :2\n");
  out.print("author Dev 0000 <dev0000@example.com> {} +0000\n", kTime);
  out.print("committer Dev 0000 <dev0000@example.com> {} +0000\n", kTime);
  out.data("A synthetic tree at scale\n");
  out.modify("README.md", "# A synthetic repository at scale\n");
  out.modify(".github/CODEOWNERS", co);
  std::string index = "# SIGs\n\n## Current SIGs\n\n| SIG name | Scope |\n|:----|:----|\n";
  std::string config = "teams: '@org/(sig-.+)-reviewers'\nowns:\n";
  for (std::size_t i = 0; i < std::size(kSigs); ++i) {
    index += fmt::format("| [sig-{0}](sig-{0}/README.md) | {0} |\n", kSigs[i]);
    out.modify(fmt::format("sigs/sig-{}/README.md", kSigs[i]), sig_readme(i));
  }
  config += "  sig-docs: 'docs/**'\n  sig-api: ['api/**', '/src/comp000/']\n";
  out.modify("sigs/README.md", index);
  out.modify(".sigwarden.yaml", config);
  for (const Dir& d : dirs) {
    for (int i = 0; i < d.files; ++i) out.print("M 100644 :1 {}/{}\n", d.path, file_name(d, i));
  }
  out.print("\n");
  return 0;
}
