// The history walk's pack reader must return exactly what libgit2 reads, for every object of
// packs written by git (deltas of all depths, both delta encodings), and must refuse malformed
// deltas instead of reading past a buffer.
#include "git/pack_reader.h"

#include <git2.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "git/repository.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::RepoBuilder;
using testing::TempDir;

// A repository whose trees and blobs change a little in every commit, packed by git with deep
// delta chains.
std::string build_packed_repo(const std::filesystem::path& dir, const char* repack_flags,
                              const char* config = "") {
  {
    RepoBuilder b(dir, /*bare=*/true);
    std::string text;
    for (int i = 0; i < 60; ++i) {
      text += "line " + std::to_string(i) + "\n";
      for (int f = 0; f < 8; ++f) {
        b.put("src/area" + std::to_string(f % 3) + "/file" + std::to_string(f) + ".txt",
              text + std::to_string(f));
      }
      b.put("docs/changes.md", text);
      b.commit("change " + std::to_string(i), 1700000000 + i * 3600);
    }
  }
  std::string cmd =
      "git -C '" + dir.string() + "' " + config + " repack -adq " + repack_flags + " 2>&1";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return dir.string();
}

struct Compare {
  git_odb* odb;
  git::PackReader* reader;
  int objects = 0;
  int mismatches = 0;
};

int compare_one(const git_oid* id, void* payload) {
  auto* c = static_cast<Compare*>(payload);
  git_odb_object* raw = nullptr;
  if (git_odb_read(&raw, c->odb, id) != 0) return -1;
  auto object = c->reader->read(id->id);
  std::string expected(static_cast<const char*>(git_odb_object_data(raw)),
                       git_odb_object_size(raw));
  if (!object || object->type != static_cast<int>(git_odb_object_type(raw)) ||
      object->data != expected) {
    ++c->mismatches;
  }
  ++c->objects;
  git_odb_object_free(raw);
  return 0;
}

void expect_same_as_libgit2(const std::string& path) {
  git_repository* repo = nullptr;
  ASSERT_EQ(git_repository_open_bare(&repo, path.c_str()), 0);
  git_odb* odb = nullptr;
  ASSERT_EQ(git_repository_odb(&odb, repo), 0);
  // A small cache budget forces evictions and chain re-resolution from the base.
  for (std::size_t budget : {std::size_t{1} << 30, std::size_t{4096}}) {
    git::PackReader reader(path, budget);
    EXPECT_EQ(reader.packs(), 1u);
    Compare c{odb, &reader};
    ASSERT_EQ(git_odb_foreach(odb, compare_one, &c), 0);
    EXPECT_GT(c.objects, 400);
    EXPECT_EQ(c.mismatches, 0) << "budget " << budget;
  }
  git_odb_free(odb);
  git_repository_free(repo);
}

TEST(PackReader, ReadsEveryObjectLikeLibgit2) {
  git::Library lib;
  TempDir dir;
  expect_same_as_libgit2(build_packed_repo(dir.path() / "deep", "-f --depth=50 --window=50"));
}

TEST(PackReader, ReadsRefDeltasToo) {
  git::Library lib;
  TempDir dir;
  // Without delta base offsets git writes REF_DELTA entries instead of OFS_DELTA.
  expect_same_as_libgit2(
      build_packed_repo(dir.path() / "ref", "-f", "-c repack.useDeltaBaseOffset=false"));
}

TEST(PackReader, UnknownObjectsAndNoPacks) {
  git::Library lib;
  TempDir dir;
  git::PackReader empty(dir.path().string());
  EXPECT_EQ(empty.packs(), 0u);
  unsigned char id[20] = {0x12, 0x34};
  EXPECT_EQ(empty.read(id), nullptr);
  std::string path = build_packed_repo(dir.path() / "r", "");
  git::PackReader reader(path);
  EXPECT_EQ(reader.read(id), nullptr);
}

TEST(PackReader, MalformedDeltasAreRefused) {
  std::string base = "hello world";
  auto apply = [&](const std::string& d) {
    return git::apply_delta(base, reinterpret_cast<const unsigned char*>(d.data()), d.size());
  };
  // source 11, target 5, copy offset 6 length 5: "world"
  EXPECT_EQ(apply(std::string("\x0b\x05\x91\x06\x05", 5)), std::optional<std::string>("world"));
  // insert 3 bytes
  EXPECT_EQ(apply(std::string("\x0b\x03\x03"
                              "abc",
                              6)),
            std::optional<std::string>("abc"));
  EXPECT_FALSE(apply(std::string("\x0c\x05\x91\x06\x05", 5)));  // wrong source size
  EXPECT_FALSE(apply(std::string("\x0b\x05\x91\x08\x05", 5)));  // copy past the base
  EXPECT_FALSE(apply(std::string("\x0b\x06\x91\x06\x05", 5)));  // result shorter than said
  EXPECT_FALSE(
      apply(std::string("\x0b\x03\x05"
                        "abc",
                        6)));                           // insert past the delta
  EXPECT_FALSE(apply(std::string("\x0b\x01\x00", 3)));  // reserved opcode
  EXPECT_FALSE(
      apply(std::string("\x0b\x02\x02"
                        "abcd",
                        7)));                           // more output than said
  EXPECT_FALSE(apply(std::string("\x8b", 1)));          // truncated size
  EXPECT_FALSE(apply(std::string("\x0b\x05\x91", 3)));  // truncated copy
}

}  // namespace
}  // namespace sigwarden
