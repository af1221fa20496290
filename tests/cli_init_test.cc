// `sigwarden init`: the configuration it prints reads the registry (lint --config with it), it
// writes nothing, and it exits 2 naming what it looked for when nothing is plausible.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "git/repository.h"
#include "support/cli.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::RepoBuilder;
using testing::run_cli;
using testing::TempDir;

const git::Library kLibgit2;

TEST(CliInit, ProposedConfigurationReadsAnUndetectedRegistry) {
  TempDir dir;
  TempDir out;
  RepoBuilder repo(dir.path());
  // SIGs in a Kubernetes-style file under another name, working groups in a root README table:
  // no layout fits by itself (no sigs.yaml, no sigs/ index, no group folders at the root).
  repo.put("community/groups.yaml",
           "sigs:\n- dir: groups/sig-apps\n  name: Apps\n  leadership:\n    chairs:\n"
           "    - github: janedoe\n      name: Jane Doe\n  contact:\n"
           "    mailing_list: apps@lists.example.org\n");
  repo.put("groups/sig-apps/README.md", "# Apps\n");
  repo.put("community/README.md",
           "| Working group | Chairs |\n|---|---|\n| [Batch](wg-batch/README.md) | @kim |\n");
  repo.put("community/wg-batch/README.md",
           "# Batch\n\n## Chairs\n\n- @kim\n\nMailing list: batch@lists.example.org\n");
  std::string commit = repo.commit("community");
  auto lint = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(lint.status, 2) << lint.out;

  auto init = run_cli({"init", "--repo", dir.path().string()});
  ASSERT_EQ(init.status, 0) << init.err;
  EXPECT_NE(init.out.find("No layout fits by itself"), std::string::npos) << init.out;
  EXPECT_NE(init.out.find("  index:\n    - 'community/README.md'"), std::string::npos) << init.out;
  EXPECT_NE(init.out.find("  yaml:\n    - 'community/groups.yaml'"), std::string::npos) << init.out;
  EXPECT_NE(init.out.find("# As written, it reads 2 groups (kubernetes+markdown layout)."),
            std::string::npos)
      << init.out;
  std::filesystem::path config = out.path() / "sigwarden.yaml";
  std::ofstream(config) << init.out;
  auto sigs = run_cli(
      {"sigs", "--repo", dir.path().string(), "--config", config.string(), "--format", "json"});
  ASSERT_EQ(sigs.status, 0) << sigs.err;
  auto doc = nlohmann::json::parse(sigs.out);
  ASSERT_EQ(doc["groups"].size(), 2u);
  EXPECT_EQ(doc["groups"][0]["dir"], "groups/sig-apps");
  EXPECT_EQ(doc["groups"][0]["leads"][0]["login"], "janedoe");
  EXPECT_EQ(doc["groups"][1]["dir"], "community/wg-batch");
  EXPECT_EQ(doc["groups"][1]["kind"], "wg");
  auto with = run_cli({"lint", "--repo", dir.path().string(), "--config", config.string()});
  EXPECT_NE(with.status, 2) << with.err;
}

TEST(CliInit, DetectedLayoutIsSpelledOut) {
  TempDir dir;
  RepoBuilder repo(dir.path());
  repo.put("sigs.yaml",
           "sigs:\n- dir: sig-a\n  name: A\n  leadership:\n    chairs:\n    - github: x\n"
           "      name: X\n");
  repo.put("sig-a/README.md", "# A\n");
  repo.commit("registry");
  auto init = run_cli({"init", "--repo", dir.path().string()});
  ASSERT_EQ(init.status, 0) << init.err;
  EXPECT_NE(init.out.find("# The kubernetes layout was detected"), std::string::npos) << init.out;
  EXPECT_NE(init.out.find("registry:\n  yaml:\n    - 'sigs.yaml'  # the kubernetes layout\n"),
            std::string::npos)
      << init.out;
}

TEST(CliInit, NothingPlausibleExitsTwo) {
  TempDir dir;
  RepoBuilder repo(dir.path());
  repo.put("README.md", "# A project\n\nNo groups here.\n");
  repo.put("src/main.c", "int main(void) { return 0; }\n");
  repo.commit("code");
  auto init = run_cli({"init", "--repo", dir.path().string()});
  EXPECT_EQ(init.status, 2);
  EXPECT_EQ(init.out, "");
  EXPECT_NE(init.err.find("nothing plausible"), std::string::npos) << init.err;
  EXPECT_NE(init.err.find("docs/configuration.md"), std::string::npos) << init.err;
}

}  // namespace
}  // namespace sigwarden
