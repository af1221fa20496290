// Benchmark: changed paths between two revisions with the pruned two-tree walk.
// Generates (once) a repository of N files with three changes on top of a base commit:
//   tag one   - 1 file modified
//   tag pr100 - 100 files modified, added or renamed
//   tag many  - 10,000 files modified
// then times git::changed_paths for base..one, base..pr100 and base..many.
//
//   sigwarden_bench_diff DIR [--files 100000] [--runs 21]

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "git/diff.h"
#include "git/repository.h"
#include "support/repo_builder.h"

namespace {

std::string path_of(long i) {
  return fmt::format("src/area{:02}/module{:03}/file{:06}.cc", i % 50, (i / 50) % 200, i);
}

void generate(const std::string& dir, long files) {
  sigwarden::testing::RepoBuilder b(dir);
  for (long i = 0; i < files; ++i) b.put(path_of(i), fmt::format("// {}\n", i));
  b.commit("base");
  b.ref("base", true);
  b.put(path_of(files / 2), "// changed\n");
  b.commit("one");
  b.ref("one", true);
  b.put(path_of(files / 2), fmt::format("// {}\n", files / 2));  // back to base content
  for (long i = 0; i < 100; ++i) {
    long k = (i * 997) % files;
    if (i % 10 == 0) {
      std::string old = path_of(k);
      b.remove(old);
      b.put("moved/" + old, fmt::format("// {}\n", k));  // an exact rename
    } else if (i % 10 == 1) {
      b.put(fmt::format("src/new/file{:03}.cc", i), "// new\n");
    } else {
      b.put(path_of(k), "// changed in pr\n");
    }
  }
  b.commit("pr100");
  b.ref("pr100", true);
  for (long i = 0; i < 100; ++i) {
    long k = (i * 997) % files;
    if (i % 10 == 0) {
      b.remove("moved/" + path_of(k));
      b.put(path_of(k), fmt::format("// {}\n", k));
    } else if (i % 10 == 1) {
      b.remove(fmt::format("src/new/file{:03}.cc", i));
    } else {
      b.put(path_of(k), fmt::format("// {}\n", k));
    }
  }
  for (long i = 0; i < 10000; ++i) b.put(path_of((i * 7) % files), "// many\n");
  b.commit("many");
  b.ref("many", true);
}

double time_diff(const sigwarden::git::Repository& repo, const std::string& range, int runs,
                 std::size_t* count) {
  std::vector<double> t;
  for (int r = 0; r < runs; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    auto [from, to] = repo.range(range);
    *count = sigwarden::git::changed_paths(from, to).size();
    auto t1 = std::chrono::steady_clock::now();
    t.push_back(std::chrono::duration<double>(t1 - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: sigwarden_bench_diff DIR [--files N] [--runs N]\n");
    return 2;
  }
  std::string dir = argv[1];
  long files = 100000;
  int runs = 21;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    long v = std::strtol(argv[i + 1], nullptr, 10);
    if (flag == "--files") files = v;
    if (flag == "--runs") runs = static_cast<int>(v);
  }
  if (!std::filesystem::exists(dir)) {
    generate(dir, files);
    fmt::print("generated {} files in {}\n", files, dir);
  }
  sigwarden::git::Library lib;
  auto repo = sigwarden::git::Repository::discover(dir);
  for (const char* range : {"base..one", "base..pr100", "base..many"}) {
    std::size_t count = 0;
    double t = time_diff(repo, range, runs, &count);
    fmt::print("changed_paths {:<12} {:>6} changes  median {:8.3f} ms\n", range, count, t * 1000);
  }
  return 0;
}
