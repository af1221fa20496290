// Hostile repositories: what a contributor can put in a pull request must give a clear finding
// or a clear error, never a crash, a hang or an unbounded allocation. Each case runs the real
// command line on a real git repository.
#include <git2.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "git/repository.h"
#include "support/cli.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::FileMode;
using testing::RepoBuilder;
using testing::run_cli;
using testing::TempDir;

const git::Library kLibgit2;

// An openEuler-style registry with one well-formed SIG, to which each test adds its poison.
void base_registry(RepoBuilder& b) {
  b.put("sig/good/README.md", "# good\n\nMailing list: good@lists.example.org\n");
  b.put("sig/good/sig-info.yaml",
        "name: good\ndescription: fine\nmailing_list: good@lists.example.org\nmaintainers:\n"
        "- gitee_id: alice\n  name: Alice\n");
}

TEST(HostileInput, YamlAliasBombIsNotExpanded) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    // 10^12 nodes if anything expanded the aliases.
    std::string yaml = "name: good\nmaintainers:\n- gitee_id: alice\n";
    yaml += "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 12; ++i) {
      std::string prev = "*a" + std::to_string(i - 1);
      yaml += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int k = 0; k < 10; ++k) yaml += (k ? ", " : "") + prev;
      yaml += "]\n";
    }
    yaml += "repositories: *a11\ndirectories: *a11\n";
    b.put("sig/good/sig-info.yaml", yaml);
    b.commit("bomb");
  }
  for (const char* command : {"lint", "owners", "audit"}) {
    std::vector<std::string> args = {command, "--repo", dir.path().string(), "--format", "json"};
    if (std::string(command) == "owners") args.push_back("--all");
    auto r = run_cli(args);
    EXPECT_NE(r.status, 2) << command << ": " << r.err;
    if (std::string(command) == "lint") {
      EXPECT_NE(r.out.find("unknown key 'a0' in sig-info.yaml"), std::string::npos) << r.out;
    }
  }
}

TEST(HostileInput, DeeplyNestedYamlIsAFinding) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    b.put("sig/good/sig-info.yaml", std::string(100000, '[') + std::string(100000, ']'));
    b.commit("deep");
  }
  auto r = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(
      r.out.find("sig/good/sig-info.yaml:1:1: error: sig/good/sig-info.yaml is not valid YAML"),
      std::string::npos)
      << r.out;
}

TEST(HostileInput, HundredThousandLineFiles) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    std::string codeowners;
    std::string readme = "# good\n\nMailing list: good@lists.example.org\n\n## Leads\n\n";
    for (int i = 0; i < 100000; ++i) {
      codeowners +=
          "/src/area" + std::to_string(i) + "/ @org/team-" + std::to_string(i % 50) + "\n";
      readme += "- line " + std::to_string(i) + "\n";
    }
    b.put(".github/CODEOWNERS", codeowners);
    b.put("sig/good/README.md", readme);
    b.put("src/area99999/x.c", "x\n");
    b.commit("big");
  }
  auto owners = run_cli({"owners", "--repo", dir.path().string(), "src/area99999/x.c"});
  EXPECT_EQ(owners.status, 0) << owners.err;
  EXPECT_NE(owners.out.find("@org/team-49"), std::string::npos) << owners.out;
  EXPECT_NE(owners.out.find("CODEOWNERS:100000"), std::string::npos) << owners.out;
  auto lint = run_cli({"lint", "--repo", dir.path().string(), "--format", "json"});
  EXPECT_NE(lint.status, 2) << lint.err;
}

TEST(HostileInput, OversizedRegexesInConfigurationAreErrors) {
  struct Case {
    std::string config;
    std::string command;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {"extend_patterns:\n  lead_heading: ['((\\pL{30}){30})']\n", "lint",
            ".sigwarden.yaml:2: extend_patterns.lead_heading: invalid RE2 pattern "
            "'((\\pL{30}){30})': pattern too large - compile failed"},
           {"report:\n  bots: ['((\\pL{30}){30})']\n", "report",
            ".sigwarden.yaml:2: report.bots pattern '((\\pL{30}){30})' is not a valid regular "
            "expression: pattern too large - compile failed"},
           {"teams: '@org/((\\pL{30}){30})(.+)'\n", "owners",
            ".sigwarden.yaml:1: teams: invalid RE2 pattern"},
           {"extend_patterns:\n  lead_heading: ['(a{1000}){1000}']\n", "lint",
            "invalid repetition size"},
       }) {
    TempDir dir;
    {
      RepoBuilder b(dir.path());
      base_registry(b);
      b.put(".sigwarden.yaml", c.config);
      b.commit("config");
    }
    auto r = run_cli({c.command, "--repo", dir.path().string()});
    EXPECT_EQ(r.status, 2) << c.config;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
  }
}

TEST(HostileInput, PathsWithNewlinesQuotesDashesAndNonAscii) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    b.put("weird/-rf", "x\n");
    b.put("weird/new\nline::error::x", "x\n");
    b.put("weird/quo\"te", "x\n");
    b.put("weird/\xc3\xbcn\xc3\xaf", "x\n");
    b.put("weird/\x1b[31mred", "x\n");
    b.commit("weird paths");
  }
  auto text = run_cli({"owners", "--repo", dir.path().string(), "--all"});
  ASSERT_EQ(text.status, 0) << text.err;
  EXPECT_NE(text.out.find("weird/new\\x0aline::error::x: unowned"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find('\x1b'), std::string::npos);
  EXPECT_NE(text.out.find("weird/-rf: unowned"), std::string::npos);
  auto json = run_cli({"owners", "--repo", dir.path().string(), "--all", "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  std::string all = nlohmann::json::parse(json.out).dump();
  EXPECT_NE(all.find("weird/new\\nline::error::x"), std::string::npos);  // JSON keeps the byte
  auto tsv = run_cli({"owners", "--repo", dir.path().string(), "--all", "--format", "tsv"});
  EXPECT_NE(tsv.out.find("weird/new\\x0aline::error::x\t"), std::string::npos) << tsv.out;
  EXPECT_EQ(tsv.out.find('\x1b'), std::string::npos);
}

TEST(HostileInput, SymlinkedReadmeAndSubmoduleFolder) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    b.put("sig/linked/README.md", "../../../../etc/passwd", FileMode::kSymlink);
    b.put("sig/linked/sig-info.yaml", "name: linked\nmaintainers:\n- gitee_id: bob\n");
    b.put("sig/sub", "0123456789012345678901234567890123456789", FileMode::kSubmodule);
    b.commit("links");
  }
  auto r = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(r.status, 1) << r.err;
  // The symlink is not followed (it would leave the repository); the README counts as missing.
  EXPECT_EQ(r.out.find("root:"), std::string::npos);
  EXPECT_NE(r.out.find("SIG 'linked': folder sig/linked has no README"), std::string::npos)
      << r.out;
  // A submodule (gitlink) under sig/ is not a folder: no SIG, no finding, no crash.
  EXPECT_EQ(r.out.find("sig/sub"), std::string::npos) << r.out;
}

TEST(HostileInput, BlobMissingFromTheObjectStore) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    b.commit("base");
  }
  // What a partial clone (--filter=blob:none) looks like: trees name blobs that are absent.
  int removed = 0;
  {
    git_repository* repo = nullptr;
    ASSERT_EQ(git_repository_open(&repo, dir.path().string().c_str()), 0);
    git_odb* odb = nullptr;
    ASSERT_EQ(git_repository_odb(&odb, repo), 0);
    std::vector<git_oid> blobs;
    struct Ctx {
      git_odb* odb;
      std::vector<git_oid>* blobs;
    } ctx{odb, &blobs};
    git_odb_foreach(
        odb,
        [](const git_oid* id, void* payload) {
          auto* c = static_cast<Ctx*>(payload);
          std::size_t size = 0;
          git_object_t type{};
          if (git_odb_read_header(&size, &type, c->odb, id) == 0 && type == GIT_OBJECT_BLOB) {
            c->blobs->push_back(*id);
          }
          return 0;
        },
        &ctx);
    std::string git_dir = git_repository_path(repo);
    for (const git_oid& id : blobs) {
      char hex[GIT_OID_HEXSZ + 1];
      git_oid_tostr(hex, sizeof hex, &id);
      std::string h = hex;
      removed += std::filesystem::remove(std::filesystem::path(git_dir) / "objects" /
                                         h.substr(0, 2) / h.substr(2))
                     ? 1
                     : 0;
    }
    git_odb_free(odb);
    git_repository_free(repo);
  }
  ASSERT_GT(removed, 0);
  auto lint = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(lint.status, 2);
  EXPECT_NE(lint.err.find("is not in the object store (a partial clone?"), std::string::npos)
      << lint.err;
  // The health report reads the registry files at the as-of commit (blobs too): a clear error.
  auto report = run_cli({"report", "--repo", dir.path().string(), "--format", "json"});
  EXPECT_EQ(report.status, 2);
  EXPECT_NE(report.err.find("not in the object store"), std::string::npos) << report.err;
}

TEST(HostileInput, RevisionThatDoesNotExist) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    b.commit("base");
  }
  for (const char* command : {"lint", "owners", "audit", "report"}) {
    auto r = run_cli({command, "--repo", dir.path().string(), "--rev", "no-such-rev"});
    EXPECT_EQ(r.status, 2) << command;
    EXPECT_NE(r.err.find("resolve revision 'no-such-rev'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("no such revision"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace sigwarden
