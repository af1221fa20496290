// Benchmark: owner of every file. Generates N paths and a CODEOWNERS file of R rules shaped like
// large real ones (mostly anchored directory rules, some extensions, floating names and globs),
// then times compiling the matcher and deciding the owner of every path, on one core.
//
//   sigwarden_bench_owners [--paths 80000] [--rules 6500] [--runs 5] [--shape NAME]
//
// Target (DESIGN.md): 80,000 paths x 6,500 rules in <= 0.1 s, <= 100 MB.
//
// --shape picks a hostile file instead, each rule a candidate for every path and the paths made
// to pass the byte-class filter, every file in a directory of its own (no answer per directory
// is reused), and asks for every matching rule (as audit does). It prints the work in
// CodeownersBudget units and the time per unit, so that the time a run may take before the
// budget stops it can be read off (kCodeownersBudgetBase units):
//   below-dir   `**/a*b*c*d*e*f*/**` (6-9 random letters), the codeowners-unkeyed reproduction
//   any-segment `**/a*b*c*d*e*f*` (the file name too: no answer per directory)
//   stars       `**/*a*a*...*a*` with 60 stars (many automaton states active at once)
//   keyed       `**/src*a*b*c*/**`, indexed under "src", which every path has

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "ownership/codeowners.h"

namespace {

struct Data {
  std::vector<std::string> paths;
  std::string codeowners;
};

Data generate(std::size_t n_paths, std::size_t n_rules) {
  std::mt19937 rng(42);
  const char* exts[] = {"cc", "h", "go", "py", "md", "js", "ts", "yaml", "json", "txt"};
  Data d;
  std::vector<std::string> dirs;
  for (int a = 0; a < 40; ++a) {
    for (int b = 0; b < 25; ++b) {
      for (int c = 0; c < 8; ++c) dirs.push_back(fmt::format("pkg{:02}/mod{:02}/part{}", a, b, c));
    }
  }
  for (std::size_t i = 0; i < n_paths; ++i) {
    const std::string& dir = dirs[rng() % dirs.size()];
    d.paths.push_back(fmt::format("{}/file{:05}.{}", dir, i, exts[rng() % 10]));
  }
  d.codeowners = "# generated\n* @org/everyone\n";
  for (std::size_t i = 0; i < n_rules; ++i) {
    unsigned kind = rng() % 100;
    std::string pattern;
    if (kind < 70) {
      const std::string& dir = dirs[rng() % dirs.size()];
      pattern = "/" + (rng() % 2 ? dir.substr(0, dir.rfind('/')) : dir) + "/";
    } else if (kind < 80) {
      pattern = fmt::format("*.{}", exts[rng() % 10]);
    } else if (kind < 88) {
      pattern = fmt::format("mod{:02}/", rng() % 25);
    } else if (kind < 95) {
      pattern = fmt::format("/pkg{:02}/*/part{}/", rng() % 40, rng() % 8);
    } else {
      pattern = fmt::format("/pkg{:02}/**/file0{}*", rng() % 40, rng() % 10);
    }
    d.codeowners += fmt::format("{} @org/team-{}\n", pattern, i % 300);
  }
  return d;
}

long max_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// A hostile CODEOWNERS file and paths for --shape (see the file comment).
Data generate_shape(const std::string& shape, std::size_t n_paths, std::size_t n_rules) {
  std::mt19937 rng(3);
  std::string alphabet = "abcdefghijklmnopqrstuvwxyz";
  std::string all;  // every pattern's letters in order, as a subsequence
  for (int k = 0; k < 9; ++k) all += alphabet;
  Data d;
  for (std::size_t i = 0; i < n_rules; ++i) {
    std::string letters;
    for (unsigned k = 0, n = 6 + rng() % 4; k < n; ++k) letters += alphabet[rng() % 26];
    std::string starred;
    for (char c : letters) starred += std::string(starred.empty() ? "" : "*") + c;
    std::string pattern = shape == "below-dir"     ? "**/" + starred + "*/**"
                          : shape == "any-segment" ? "**/" + starred + "*"
                          : shape == "keyed"       ? "**/src*" + starred + "*/**"
                                                   : "";
    if (shape == "stars") {
      pattern = "**/";
      for (int k = 0; k < 60; ++k) pattern += "*a";
      pattern += "*";
    }
    d.codeowners += fmt::format("{} @org/team-{}\n", pattern, i);
  }
  for (std::size_t i = 0; i < n_paths; ++i) {
    std::string name = shape == "stars" ? std::string(120, 'a') : all;
    d.paths.push_back(
        fmt::format("src/{}{}/{}{}.c", name, i, shape == "any-segment" ? all : "f", i));
  }
  return d;
}

// Matches every path of a --shape file against the budget's units and prints the figures.
int run_shape(const std::string& shape, std::size_t n_paths, std::size_t n_rules) {
  Data d = generate_shape(shape, n_paths, n_rules);
  auto file = sigwarden::parse_codeowners("CODEOWNERS", d.codeowners, d.codeowners.size());
  // Unlimited here: the point is the time per unit.
  sigwarden::CodeownersBudget budget("CODEOWNERS", file.rules.size(), UINT64_MAX / 2, 0);
  sigwarden::CodeownersMatcher matcher(file, -1, sigwarden::CodeownersMatcher::Rules::kDeciding,
                                       &budget);
  // Every matching rule, as audit and explain ask: no early stop at the last matching line.
  auto t0 = std::chrono::steady_clock::now();
  std::size_t owned = 0;
  for (const std::string& p : d.paths) owned += !matcher.all_matches(p).empty();
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  double ns_per_unit = s * 1e9 / static_cast<double>(budget.spent());
  fmt::print("shape {}: {} rules, {} paths ({} owned), {:.2f} s, {} units, {:.2f} ns per unit\n",
             shape, file.rules.size(), n_paths, owned, s, budget.spent(), ns_per_unit);
  fmt::print("at this rate the budget of {} units (plus {} per path) lasts {:.1f} s\n",
             sigwarden::kCodeownersBudgetBase, sigwarden::kCodeownersBudgetPerPath,
             static_cast<double>(sigwarden::kCodeownersBudgetBase) * ns_per_unit / 1e9);
  fmt::print("max RSS: {:.1f} MB\n", static_cast<double>(max_rss_kb()) / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n_paths = 80000;
  std::size_t n_rules = 6500;
  int runs = 5;
  std::string shape;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    long v = std::strtol(argv[i + 1], nullptr, 10);
    if (flag == "--paths") n_paths = static_cast<std::size_t>(v);
    if (flag == "--rules") n_rules = static_cast<std::size_t>(v);
    if (flag == "--runs") runs = static_cast<int>(v);
    if (flag == "--shape") shape = argv[i + 1];
  }
  if (!shape.empty()) return run_shape(shape, n_paths, n_rules);
  Data d = generate(n_paths, n_rules);
  std::vector<double> times;
  std::size_t owned = 0;
  std::unique_ptr<sigwarden::CodeownersBudget> budget;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    auto file = sigwarden::parse_codeowners("CODEOWNERS", d.codeowners, d.codeowners.size());
    budget = std::make_unique<sigwarden::CodeownersBudget>("CODEOWNERS", file.rules.size(),
                                                           UINT64_MAX / 2, 0);
    sigwarden::CodeownersMatcher matcher(file, -1, sigwarden::CodeownersMatcher::Rules::kDeciding,
                                         budget.get());
    owned = 0;
    for (const std::string& p : d.paths) {
      int i = matcher.match(p);
      if (i >= 0 && !file.rules[i].owners.empty()) ++owned;
    }
    auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double>(t1 - t0).count());
  }
  std::sort(times.begin(), times.end());
  fmt::print("paths: {}, rules: {}, owned: {}\n", n_paths, n_rules + 1, owned);
  fmt::print("parse + compile + match all, median of {}: {:.1f} ms (min {:.1f} ms)\n", runs,
             times[times.size() / 2] * 1000, times.front() * 1000);
  fmt::print("CodeownersBudget units: {:.0f} per path (a run may spend {} per path)\n",
             static_cast<double>(budget->spent()) / static_cast<double>(n_paths),
             sigwarden::kCodeownersBudgetPerPath);
  fmt::print("max RSS: {:.1f} MB (target <= 100 MB; time target <= 100 ms)\n",
             static_cast<double>(max_rss_kb()) / 1024.0);
  return 0;
}
