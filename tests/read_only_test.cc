// sigwarden never writes to the repository it reads: after every command, every byte under the
// repository (object store, refs, index, config, work tree) is as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "support/cli.h"
#include "support/golden.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

namespace fs = std::filesystem;

std::map<std::string, std::string> snapshot_dir(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string rel = fs::relative(e.path(), root).generic_string();
    if (e.is_directory()) {
      files[rel + "/"] = "";
    } else {
      files[rel] = testing::read_file(e.path());
    }
  }
  return files;
}

TEST(ReadOnly, NoCommandChangesTheRepository) {
  testing::TempDir dir;
  testing::RepoBuilder b(dir.path());
  b.put_tree(testing::fixtures_dir() / "ownership");
  b.commit("base");
  b.ref("base");
  b.put("sigs/docs/README.md", "# Docs\n");
  b.put(".sigwarden.yaml", "rules:\n  sig-lead-missing: off\n");
  b.commit("pr");
  // A work tree with content, as a CI checkout has.
  fs::create_directories(dir.path() / "sigs" / "docs");
  testing::write_file(dir.path() / "sigs" / "docs" / "README.md", "# Docs (work tree)\n");
  std::string repo = dir.path().string();
  auto before = snapshot_dir(dir.path());
  ASSERT_GT(before.size(), 10u);
  const std::vector<std::vector<std::string>> commands = {
      {"lint", "--repo", repo, "-q"},
      {"lint", "--repo", repo, "--rev", "base", "--format", "sarif"},
      {"owners", "--repo", repo, "--all", "--format", "json"},
      {"owners", "--repo", repo, "--changed", "base...main"},
      {"explain", "--repo", repo, "docs/guide.md"},
      {"audit", "--repo", repo, "--format", "github"},
      {"check", "--repo", repo, "--base", "base", "--format", "json"},
      {"review", "--repo", repo, "--base", "base", "--format", "markdown"},
  };
  for (const auto& args : commands) {
    auto r = testing::run_cli(args);
    EXPECT_NE(r.status, 2) << args[0] << ": " << r.err;
    EXPECT_EQ(snapshot_dir(dir.path()), before) << args[0] << " changed the repository";
  }
}

}  // namespace
}  // namespace sigwarden
