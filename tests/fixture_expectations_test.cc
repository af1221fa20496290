// Ties the lint goldens to what people wrote: every fixture's `*.expected.md` has a table of the
// findings a reader of the fixture expects (rule, file, line, and "alt:" locations that are as
// good). Each row must be found in `lint --format json`, and no error-level finding may be
// missing from the table.
#include <gtest/gtest.h>
#include <re2/re2.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "git/repository.h"
#include "support/cli.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using testing::build_fixture_repo;
using testing::run_cli;
using testing::TempDir;

const git::Library kLibgit2;

struct Place {
  std::string path;  // "" = the row's file
  int line = 0;      // 0 = any line
};

struct Row {
  std::string rule;
  std::string file;
  int line = 0;
  std::vector<Place> alts;
  std::string text;
};

std::string_view strip(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (line[i] == '|') {
      out.push_back(std::string(strip(cell)));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return out;
}

std::vector<Row> expected_rows(const std::string& fixture) {
  std::ifstream in(testing::fixtures_dir() / (fixture + ".expected.md"));
  std::vector<Row> rows;
  std::string line;
  bool in_table = false;
  static const RE2 kAlt(R"(alt(?: line)?: ([^;)]*))");
  while (std::getline(in, line)) {
    if (line.starts_with("## ")) in_table = line == "## Expected findings";
    if (!in_table || !line.starts_with("| ") || line.starts_with("| rule") ||
        line.starts_with("|---")) {
      continue;
    }
    std::vector<std::string> c = cells(line);
    if (c.size() < 4) continue;
    Row r{c[0], c[1], c[2] == "—" ? 0 : std::atoi(c[2].c_str()), {}, line};
    // "alt: sigs/README.md:16", "alt: 161", "alt line: 1", "alt: line 1 or sigs/README.md:9".
    re2::StringPiece rest(c[3]);
    std::string alts;
    while (RE2::FindAndConsume(&rest, kAlt, &alts)) {
      std::string_view list = alts;
      while (!list.empty()) {
        std::size_t cut = list.find(" or ");
        std::string_view token = strip(list.substr(0, cut));
        list = cut == std::string_view::npos ? "" : list.substr(cut + 4);
        if (token.starts_with("line ")) token.remove_prefix(5);
        std::size_t colon = token.rfind(':');
        if (token.find_first_not_of("0123456789") == std::string_view::npos && !token.empty()) {
          r.alts.push_back({"", std::atoi(std::string(token).c_str())});
        } else if (colon != std::string_view::npos) {
          r.alts.push_back({std::string(token.substr(0, colon)),
                            std::atoi(std::string(token.substr(colon + 1)).c_str())});
        } else {
          r.alts.push_back({std::string(token), 0});
        }
      }
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

bool at(const nlohmann::json& f, const std::string& path, int line) {
  std::string p = f["location"]["path"];
  return p == path && (line == 0 || f["location"]["line"].get<int>() == line);
}

bool matches(const Row& r, const nlohmann::json& f) {
  if (f["rule"] != r.rule) return false;
  if (at(f, r.file, r.line)) return true;
  // A folder named as the file: a finding at that folder or at a file in it.
  if (r.line == 0 && f["location"]["path"].get<std::string>().starts_with(r.file + "/")) {
    return true;
  }
  for (const Place& a : r.alts) {
    if (at(f, a.path.empty() ? r.file : a.path, a.line)) return true;
  }
  return false;
}

class FixtureExpectations : public ::testing::TestWithParam<const char*> {};

TEST_P(FixtureExpectations, EveryExpectedRowIsFoundAndNoErrorIsUnexpected) {
  std::vector<Row> rows = expected_rows(GetParam());
  ASSERT_FALSE(rows.empty()) << "no table of expected findings in " << GetParam();
  TempDir dir;
  build_fixture_repo(GetParam(), dir.path());
  auto json = run_cli({"lint", "--repo", dir.path().string(), "--format", "json"});
  ASSERT_NE(json.status, 2) << json.err;
  auto doc = nlohmann::json::parse(json.out);
  for (const Row& r : rows) {
    bool found = false;
    for (const auto& f : doc["findings"]) found = found || matches(r, f);
    EXPECT_TRUE(found) << "expected, not reported: " << r.text;
  }
  for (const auto& f : doc["findings"]) {
    if (f["level"] != "error") continue;
    bool listed = false;
    for (const Row& r : rows) listed = listed || matches(r, f);
    EXPECT_TRUE(listed) << "an error the table does not list: " << f.dump();
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FixtureExpectations,
                         ::testing::ValuesIn(testing::kRegistryFixtures),
                         testing::FixtureTestName());

}  // namespace
}  // namespace sigwarden
