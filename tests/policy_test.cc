// What sigwarden's code may do, checked on its own source: it reads repositories and writes only
// the files a user names. Running on an untrusted pull request, nothing in the repository (its
// configuration included) can make it run a command, open a connection or write to the
// repository, because the code has no call that could. A new libgit2 call must be added to the
// list below by someone who checked that it only reads.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>

#include "support/golden.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

namespace fs = std::filesystem;

// Every file under src/, path relative to the source tree -> content without // comments.
std::map<std::string, std::string> sources() {
  fs::path root = testing::fixtures_dir().parent_path();
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root / "src")) {
    auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".cc" || ext == ".h")) {
      // Without comments: a call named in a sentence is not a call.
      std::string text =
          std::regex_replace(testing::read_file(e.path()), std::regex("//[^\n]*"), "");
      out[fs::relative(e.path(), root).generic_string()] = std::move(text);
    }
  }
  return out;
}

// Calls matching re in every source file, as "file: name".
std::set<std::string> calls(const std::map<std::string, std::string>& files, const std::regex& re,
                            int group = 1) {
  std::set<std::string> out;
  for (const auto& [path, text] : files) {
    for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
      out.insert(path + ": " + (*it)[group].str());
    }
  }
  return out;
}

TEST(Policy, OnlyLibgit2CallsThatRead) {
  static const std::set<std::string> kReadOnly = {
      "git_blob_lookup",
      "git_blob_rawcontent",
      "git_blob_rawsize",
      "git_commit_author",
      "git_commit_committer",
      "git_commit_id",
      "git_commit_lookup",
      "git_commit_message",
      "git_commit_parent",
      "git_commit_parent_id",
      "git_commit_parentcount",
      "git_commit_time",
      "git_commit_tree_id",
      "git_error_last",
      "git_libgit2_init",
      "git_libgit2_opts",
      "git_libgit2_shutdown",
      "git_mailmap_free",
      "git_mailmap_from_buffer",
      "git_mailmap_resolve",
      "git_object_id",
      "git_object_lookup",
      "git_object_peel",
      "git_object_type",
      "git_object_type2string",
      "git_odb_exists",
      "git_odb_exists_prefix",
      "git_odb_hash",
      "git_odb_object_data",
      "git_odb_object_size",
      "git_odb_object_type",
      "git_odb_open_rstream",
      "git_odb_read",
      "git_odb_read_header",
      "git_odb_stream_read",
      "git_oid_cpy",
      "git_oid_equal",
      "git_oid_fromstr",
      "git_oid_fromstrn",
      "git_oid_tostr",
      "git_order",
      "git_reference_dwim",
      "git_reference_resolve",
      "git_reference_target",
      "git_remote_lookup",  // reads .git/config only
      "git_remote_url",
      "git_repository_commondir",
      "git_repository_free",
      "git_repository_head_unborn",
      "git_repository_is_shallow",
      "git_repository_odb",
      "git_repository_open_ext",
      "git_repository_path",
      "git_repository_workdir",
      "git_revparse_single",
      "git_tag_peel",
      "git_tree_entry_byindex",
      "git_tree_entry_byname",
      "git_tree_entry_filemode",
      "git_tree_entry_id",
      "git_tree_entry_name",
      "git_tree_entry_type",
      "git_tree_entrycount",
      "git_tree_lookup",
  };  // git_order: sigwarden's own helper in src/git/history.cc
  auto files = sources();
  ASSERT_GT(files.size(), 40u);
  std::set<std::string> seen;
  for (const std::string& call : calls(files, std::regex(R"(\b(git_[a-z0-9_]+)\s*\()"))) {
    std::string name = call.substr(call.find(": ") + 2);
    seen.insert(name);
    EXPECT_TRUE(kReadOnly.count(name)) << call << " is not on the list of read-only calls";
  }
  EXPECT_TRUE(seen.count("git_odb_read"));  // the scan sees the calls it is meant to see
}

TEST(Policy, NoProcessesNoNetwork) {
  auto files = sources();
  std::regex forbidden(
      R"(\b(system|popen|fork|vfork|execl|execlp|execle|execv|execvp|execve|posix_spawnp?|socket|connect|getaddrinfo|curl_easy_init|git_remote_fetch|git_remote_connect|git_clone)\s*\()");
  EXPECT_EQ(calls(files, forbidden), std::set<std::string>{});
  // The scan does find such calls where they exist.
  EXPECT_EQ(calls({{"x.cc", "int r = std::system(cmd);"}}, forbidden),
            std::set<std::string>{"x.cc: system"});
}

TEST(Policy, FilesAreWrittenOnlyWhereTheUserSaid) {
  // --output FORMAT=FILE (src/cli/common.cc, and owners_command.cc that streams to them) and
  // GitHub's job summary ($GITHUB_STEP_SUMMARY, src/output/github.cc).
  auto files = sources();
  std::regex writes(
      R"((std::ofstream|std::fstream|\b(?:fopen|creat|rename|remove|remove_all|create_directory|create_directories|copy_file|mkstemp)\s*\(|\bopen\s*\([^;]*O_(?:WRONLY|RDWR|CREAT|TRUNC|APPEND)))");
  std::set<std::string> where;
  for (const std::string& call : calls(files, writes)) where.insert(call.substr(0, call.find(':')));
  EXPECT_EQ(where, (std::set<std::string>{"src/cli/common.cc", "src/cli/owners_command.cc",
                                          "src/output/github.cc"}));
  // The scan tells a read from a write.
  EXPECT_EQ(calls({{"r.cc", "int fd = ::open(p, O_RDONLY | O_CLOEXEC);"}}, writes),
            std::set<std::string>{});
  EXPECT_EQ(calls({{"w.cc", "int fd = open(p, O_WRONLY);"}}, writes).size(), 1u);
}

}  // namespace
}  // namespace sigwarden
