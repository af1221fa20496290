// `sigwarden sigs`: the registry as read. Goldens per fixture guard the shape; the Kubernetes
// fixture is also checked against an independent reading of its sigs.yaml (yaml-cpp here, not
// sigwarden's reader): the leads are exactly the chairs and technical leads, one per person.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "git/repository.h"
#include "registry/registry.h"
#include "support/cli.h"
#include "support/golden.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::build_fixture_repo;
using testing::RepoBuilder;
using testing::run_cli;
using testing::TempDir;

const git::Library kLibgit2;

class FixtureSigs : public ::testing::TestWithParam<const char*> {};

TEST_P(FixtureSigs, TextAndJsonMatchGoldenFiles) {
  TempDir dir;
  std::string commit = build_fixture_repo(GetParam(), dir.path());
  std::string repo = dir.path().string();
  auto text = run_cli({"sigs", "--repo", repo});
  ASSERT_EQ(text.status, 0) << text.err;
  testing::expect_golden(std::string(GetParam()) + ".sigs.txt",
                         testing::stable(text.out, repo, commit));
  auto json = run_cli({"sigs", "--repo", repo, "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  testing::expect_golden(std::string(GetParam()) + ".sigs.json",
                         testing::stable(json.out, repo, commit));
  auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["schemaVersion"], 1);
  EXPECT_EQ(doc["revision"], commit);
  ASSERT_FALSE(doc["groups"].empty());
  // A lead is a person: some identity set, never a URL, a path or a contact label.
  for (const auto& g : doc["groups"]) {
    for (const auto& l : g["leads"]) {
      ASSERT_TRUE(!l["login"].is_null() || !l["name"].is_null() || !l["email"].is_null()) << l;
      for (const char* field : {"login", "name"}) {
        if (l[field].is_null()) continue;
        std::string v = l[field];
        EXPECT_EQ(v.find("://"), std::string::npos) << g["name"] << ": " << v;
        EXPECT_EQ(v.find('/'), std::string::npos) << g["name"] << ": " << v;
        for (const char* word : {"Contact", "Slack", "GitHub Teams", "Owners"}) {
          EXPECT_NE(v, word) << g["name"];
        }
      }
      EXPECT_FALSE(l["source"]["path"].get<std::string>().empty());
      EXPECT_GT(l["source"]["line"].get<int>(), 0);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureSigs, ::testing::ValuesIn(testing::kRegistryFixtures),
                         testing::FixtureTestName());

TEST(CliSigs, KubernetesLeadsAreExactlyTheChairsAndTechLeads) {
  TempDir dir;
  build_fixture_repo("kubernetes", dir.path());
  auto json = run_cli({"sigs", "--repo", dir.path().string(), "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  auto doc = nlohmann::json::parse(json.out);
  std::map<std::string, std::vector<std::string>> got;
  for (const auto& g : doc["groups"]) {
    auto& logins = got[g["dir"].get<std::string>()];
    for (const auto& l : g["leads"]) logins.push_back(l["login"].is_null() ? "" : l["login"]);
  }
  YAML::Node yaml = YAML::LoadFile((testing::fixtures_dir() / "kubernetes" / "sigs.yaml").string());
  std::size_t groups = 0;
  for (const char* kind : {"sigs", "workinggroups", "usergroups", "committees"}) {
    for (const auto& g : yaml[kind]) {
      ++groups;
      std::vector<std::string> want;
      for (const char* role : {"chairs", "tech_leads"}) {
        for (const auto& p : g["leadership"][role]) {
          std::string login = p["github"] ? p["github"].as<std::string>() : "";
          if (login.empty() || std::find(want.begin(), want.end(), login) == want.end()) {
            want.push_back(login);
          }
        }
      }
      EXPECT_EQ(got[g["dir"].as<std::string>()], want) << g["dir"].as<std::string>();
    }
  }
  EXPECT_EQ(doc["groups"].size(), groups);
  // The steering committee's generated README names a subproject lead, its owners, a liaison and
  // a team: none of them is a lead, and the subproject's chat is not the committee's.
  for (const auto& g : doc["groups"]) {
    if (g["dir"] != "committee-steering") continue;
    EXPECT_EQ(g["chat"].size(), 1u);
    EXPECT_EQ(g["chat"][0]["channel"], "steering");
    EXPECT_EQ(g["lists"].size(), 1u);
  }
}

TEST(CliSigs, CsvAndMarkdownEscapeRepositoryText) {
  TempDir dir;
  RepoBuilder repo(dir.path());
  repo.put("sigs/README.md",
           "# SIGs\n\n| SIG | Leads |\n|---|---|\n| [=HYPERLINK(\"x\"), a](a/README.md) | "
           "@alice |\n");
  repo.put("sigs/a/README.md", "# A\n\n## Leads\n\n- @alice\n\nMailing list: a@example.org\n");
  repo.commit("registry");
  auto csv = run_cli({"sigs", "--repo", dir.path().string(), "--format", "csv"});
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')), "name,kind,dir,readme,leads,lists,chat,source");
  EXPECT_NE(csv.out.find("\"'=HYPERLINK(\"\"x\"\"), a\",sig,sigs/a,sigs/a/README.md,alice,"),
            std::string::npos)
      << csv.out;
  auto md = run_cli({"sigs", "--repo", dir.path().string(), "--format", "markdown"});
  ASSERT_EQ(md.status, 0) << md.err;
  EXPECT_NE(md.out.find("| Group | Kind | Folder | Leads | Lists | Chat | Declared |"),
            std::string::npos);
  EXPECT_EQ(md.out.find("@alice"), std::string::npos) << "a lead must not be mentioned";
}

TEST(CliSigs, EmptyRegistryAndUnknownFormatExitTwo) {
  TempDir dir;
  RepoBuilder repo(dir.path());
  repo.put("sigs.yaml", "sigs: []\nworkinggroups: []\n");
  repo.commit("empty registry");
  auto r = run_cli({"sigs", "--repo", dir.path().string()});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("read the kubernetes registry at HEAD: sigs.yaml declares no group"),
            std::string::npos)
      << r.err;
  auto lint = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(lint.status, 2) << lint.out;
  auto bad = run_cli({"sigs", "--repo", dir.path().string(), "--format", "sarif"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("sarif"), std::string::npos) << bad.err;
}

TEST(MergeLeads, OnePersonIsOneEntry) {
  auto person = [](std::string handle, std::string name, std::string email, Source s, int line) {
    Person p;
    p.handle = std::move(handle);
    p.name = std::move(name);
    p.email = std::move(email);
    p.source = s;
    p.where = {"f", line, 1};
    return p;
  };
  std::vector<Person> leads = {
      person("alice", "", "", Source::kIndex, 1),
      person("", "Alice Liddell", "alice@example.org", Source::kReadme, 2),
      person("Alice", "Alice Liddell", "", Source::kSigInfo, 3),
      person("bob", "Bob", "", Source::kIndex, 4),
      // The same display name with another login is another person.
      person("bob2", "Bob", "", Source::kReadme, 5),
      person("", "", "ALICE@example.org", Source::kSigsYaml, 6),
  };
  merge_leads(leads);
  ASSERT_EQ(leads.size(), 3u);
  EXPECT_EQ(leads[0].handle, "alice");
  EXPECT_EQ(leads[0].name, "Alice Liddell");
  EXPECT_EQ(leads[0].where.line, 1);
  EXPECT_EQ(leads[0].also_from,
            (std::vector<Source>{Source::kSigInfo, Source::kReadme, Source::kSigsYaml}));
  EXPECT_EQ(leads[1].handle, "bob");
  EXPECT_EQ(leads[2].handle, "bob2");
}

}  // namespace
}  // namespace sigwarden
