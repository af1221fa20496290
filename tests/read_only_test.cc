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

// Every path under root with its kind, permissions and content (a symlink's target).
std::map<std::string, std::string> snapshot_dir(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    std::string rel = fs::relative(e.path(), root).generic_string();
    auto status = fs::symlink_status(e.path());
    std::string perms = std::to_string(static_cast<unsigned>(status.permissions())) + " ";
    if (fs::is_symlink(status)) {
      files[rel + "@"] = perms + fs::read_symlink(e.path()).string();
    } else if (fs::is_directory(status)) {
      files[rel + "/"] = perms;
    } else {
      files[rel] = perms + testing::read_file(e.path());
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
  testing::TempDir outside;  // for --output files
  std::string out = (outside.path() / "out").string();
  const std::vector<std::vector<std::string>> commands = {
      {"lint", "--repo", repo, "-q"},
      {"lint", "--repo", repo, "--rev", "base", "--format", "sarif"},
      {"lint", "--repo", repo, "--format", "junit", "--output", "gitlab=" + out + ".gitlab.json",
       "--output", "rdjson=" + out + ".rdjson"},
      {"sigs", "--repo", repo, "--format", "csv", "--output", "json=" + out + ".sigs.json"},
      {"init", "--repo", repo},
      {"owners", "--repo", repo, "--all", "--format", "json"},
      {"owners", "--repo", repo, "--all", "--format", "tsv"},
      {"owners", "--repo", repo, "--changed", "base...main"},
      {"explain", "--repo", repo, "docs/guide.md"},
      {"explain", "--repo", repo, "--changed", "base..main", "--format", "json"},
      {"audit", "--repo", repo, "--format", "github"},
      {"audit", "--repo", repo, "--format", "markdown", "--output", "sarif=" + out + ".sarif"},
      {"check", "--repo", repo, "--base", "base", "--format", "json"},
      {"check", "--repo", repo, "--base", "base", "--format", "github"},
      {"review", "--repo", repo, "--base", "base", "--format", "markdown"},
      {"review", "--repo", repo, "--base", "base", "--format", "json"},
      {"report", "--repo", repo, "--as-of", "main", "--format", "html"},
      {"report", "--repo", repo, "--as-of", "main", "--window", "1y", "--format", "json",
       "--output", "markdown=" + out + ".md", "--output", "json=" + out + ".json"},
      {"report", "--repo", repo, "--activity-repo", repo + "=example/other", "--anonymize"},
      {"report", "--merge", out + ".json", out + ".json"},
      {"rules", "--format", "json"},
      {"explain-rule", "governance-change"},
  };
  for (const auto& args : commands) {
    auto r = testing::run_cli(args);
    bool refused = args.size() > 1 && args[1] == "--merge";  // the same report twice
    EXPECT_EQ(r.status == 2, refused) << args[0] << ": " << r.err;
    EXPECT_EQ(snapshot_dir(dir.path()), before) << args[0] << " changed the repository";
  }
}

}  // namespace
}  // namespace sigwarden
