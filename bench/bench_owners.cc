// Benchmark: owner of every file. Generates N paths and a CODEOWNERS file of R rules shaped like
// large real ones (mostly anchored directory rules, some extensions, floating names and globs),
// then times compiling the matcher and deciding the owner of every path, on one core.
//
//   sigwarden_bench_owners [--paths 80000] [--rules 6500] [--runs 5]
//
// Target (DESIGN.md): 80,000 paths x 6,500 rules in <= 0.1 s, <= 100 MB.

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
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

}  // namespace

int main(int argc, char** argv) {
  std::size_t n_paths = 80000;
  std::size_t n_rules = 6500;
  int runs = 5;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    long v = std::strtol(argv[i + 1], nullptr, 10);
    if (flag == "--paths") n_paths = static_cast<std::size_t>(v);
    if (flag == "--rules") n_rules = static_cast<std::size_t>(v);
    if (flag == "--runs") runs = static_cast<int>(v);
  }
  Data d = generate(n_paths, n_rules);
  std::vector<double> times;
  std::size_t owned = 0;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    auto file = sigwarden::parse_codeowners("CODEOWNERS", d.codeowners, d.codeowners.size());
    sigwarden::CodeownersMatcher matcher(file);
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
  fmt::print("max RSS: {:.1f} MB (target <= 100 MB; time target <= 100 ms)\n",
             static_cast<double>(max_rss_kb()) / 1024.0);
  return 0;
}
