// Lines built to make a link scanner rescan the rest of the line from every '[' or "](": each
// must give exactly the links and rewritten text that the definition of a link gives, and in
// time linear in the line (a quadratic scanner takes hours on 4 MiB of '['). No timing is
// asserted; a regression shows as a test that does not finish.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "git/repository.h"
#include "registry/markdown.h"
#include "registry/people.h"
#include "support/cli.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

constexpr std::size_t kMiB = 1 << 20;

const git::Library kLibgit2;

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  out.reserve(piece.size() * times);
  for (std::size_t i = 0; i < times; ++i) out.append(piece);
  return out;
}

// The line is kept as it is by every rewrite and holds no link.
void expect_no_links(const std::string& line) {
  EXPECT_TRUE(md::find_links(line).empty());
  EXPECT_TRUE(md::replace_links_with_text(line) == line);
  EXPECT_TRUE(md::remove_links(line) == line);
}

TEST(MarkdownLinear, OpeningBrackets) {
  expect_no_links(std::string(4 * kMiB, '['));
  expect_no_links(repeat("\\[", kMiB / 2));
  expect_no_links(repeat("[]", kMiB / 2));
  expect_no_links(repeat("](", kMiB / 2));
}

TEST(MarkdownLinear, UnclosedDestinations) {
  expect_no_links(repeat("[a](", kMiB));
  expect_no_links(repeat("[a](<", kMiB / 4));
  expect_no_links(repeat("[a](<>", kMiB / 4));
  expect_no_links(repeat("[a]( ", kMiB / 4));
  expect_no_links(repeat("\\[", kMiB / 2) + "](");
  expect_no_links(std::string(kMiB / 2, '[') + std::string(kMiB / 2 - 1, ']') + "](");
}

TEST(MarkdownLinear, OnlyTheLastOfManyLinkOpeningsCloses) {
  const std::size_t n = kMiB;
  std::string line = repeat("[a](", n) + ")";
  auto links = md::find_links(line);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].text, "a");
  EXPECT_EQ(links[0].target, "");
  EXPECT_EQ(links[0].column, static_cast<int>(4 * (n - 1)) + 1);
  EXPECT_TRUE(md::replace_links_with_text(line) == repeat("[a](", n - 1) + "a");
  EXPECT_TRUE(md::remove_links(line) == repeat("[a](", n - 1) + " ");
}

TEST(MarkdownLinear, FirstOfManyLinkOpeningsTakesTheNestedRest) {
  const std::size_t n = kMiB / 2;
  std::string line = repeat("[a](", n) + std::string(n, ')') + " tail";
  auto links = md::find_links(line);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].column, 1);
  EXPECT_TRUE(links[0].target == repeat("[a](", n - 1) + std::string(n - 1, ')'));
  EXPECT_EQ(md::replace_links_with_text(line), "a tail");
  EXPECT_EQ(md::remove_links(line), "  tail");
}

TEST(MarkdownLinear, AngleDestinations) {
  const std::size_t n = kMiB / 2;
  std::string line = repeat("[a](<", n) + ">)";
  auto links = md::find_links(line);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].column, 1);
  EXPECT_TRUE(links[0].target == repeat("[a](<", n - 1));
  EXPECT_EQ(md::replace_links_with_text(line), "a");
  // Each destination ends at the first ')' after its '>': one link per "[a](<b>)".
  std::string many = repeat("[a](<b>)", n / 2);
  links = md::find_links(many);
  ASSERT_EQ(links.size(), n / 2);
  EXPECT_EQ(links.back().target, "b");
  EXPECT_EQ(links.back().column, static_cast<int>(8 * (n / 2 - 1)) + 1);
  EXPECT_TRUE(md::replace_links_with_text(many) == std::string(n / 2, 'a'));
}

TEST(MarkdownLinear, DeeplyNestedBrackets) {
  const std::size_t n = kMiB;
  std::string nested = std::string(n, '[') + std::string(n, ']');
  expect_no_links(nested);
  std::string link = nested + "(x)";
  auto links = md::find_links(link);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].target, "x");
  EXPECT_TRUE(links[0].text == std::string(n - 1, '[') + std::string(n - 1, ']'));
  EXPECT_TRUE(md::replace_links_with_text(link) ==
              std::string(n - 1, '[') + std::string(n - 1, ']'));
  EXPECT_EQ(md::remove_links(link), " ");
}

TEST(MarkdownLinear, UnclosedBracketsBeforeALink) {
  // find_links stops at the first '[' that never closes; the rewrites go on to the link.
  const std::size_t n = 4 * kMiB;
  std::string line = std::string(n, '[') + "](x)";
  EXPECT_TRUE(md::find_links(line).empty());
  EXPECT_TRUE(md::replace_links_with_text(line) == std::string(n - 1, '['));
  EXPECT_TRUE(md::remove_links(line) == std::string(n - 1, '[') + " ");
}

TEST(MarkdownLinear, EscapedBracketsCloseWithTheirLevel) {
  const std::size_t n = kMiB;
  std::string line = repeat("\\[", n) + "](x)";
  auto links = md::find_links(line);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].column, 2);
  EXPECT_TRUE(links[0].text == std::string(n - 1, '['));
  EXPECT_EQ(links[0].target, "x");
  EXPECT_TRUE(md::replace_links_with_text(line) == "\\" + repeat("\\[", n - 1));
  EXPECT_EQ(md::remove_links(line), "\\ ");
}

TEST(MarkdownLinear, ManyLinks) {
  const std::size_t n = 50000;
  std::string line = repeat("![i](p.png) [t](<u v> \"w\") [x](y \"t\") ", n);
  auto links = md::find_links(line);
  ASSERT_EQ(links.size(), 3 * n);
  EXPECT_TRUE(links[3 * n - 3].image);
  EXPECT_EQ(links[3 * n - 3].target, "p.png");
  EXPECT_EQ(links[3 * n - 2].target, "u v");
  EXPECT_EQ(links[3 * n - 1].text, "x");
  EXPECT_EQ(links[3 * n - 1].target, "y");
  EXPECT_EQ(links[3 * n - 1].column, static_cast<int>(line.size()) - 10);
  EXPECT_TRUE(md::replace_links_with_text(line) == repeat(" t x ", n));
  EXPECT_TRUE(md::remove_links(line) == repeat("      ", n));
}

TEST(MarkdownLinear, DestinationsWithSpacesAndParentheses) {
  const std::size_t n = kMiB / 2;
  // Spaces before each destination, then a destination that nests every later one.
  std::string line = repeat("[a](   (", n) + std::string(2 * n, ')');
  auto links = md::find_links(line);
  ASSERT_EQ(links.size(), 1u);
  EXPECT_TRUE(links[0].target ==
              "(" + repeat("[a](   (", n - 1) + std::string(2 * n - 2, ')') + ")");
  EXPECT_EQ(md::remove_links(line), " ");
}

TEST(MarkdownLinear, HtmlTagLookalikes) {
  // Only the last '<' close enough to the '>' for a tag ("<<<<<<<<<<<>", 11 bytes inside)
  // starts one; the tag becomes a space, which is trimmed at the end.
  EXPECT_TRUE(md::normalize_label(std::string(2 * kMiB, '<') + ">") ==
              std::string(2 * kMiB - 12, '<'));
  EXPECT_TRUE(md::normalize_label(std::string(kMiB, '<')) == std::string(kMiB, '<'));
  EXPECT_EQ(md::normalize_label(repeat("<br>", kMiB / 4) + "x"), "x");
  EXPECT_TRUE(md::normalize_label(repeat("<a@b>", kMiB / 4)) == repeat("<a@b>", kMiB / 4));
  auto heading = md::parse_heading("# " + std::string(kMiB, '<') + "<b>x");
  ASSERT_TRUE(heading);
  EXPECT_TRUE(heading->text == std::string(kMiB - 10, '<') + " x");
}

TEST(MarkdownLinear, PeopleInPathologicalCells) {
  Patterns patterns(default_pattern_sets());
  Location at{"sigs/README.md", 3, 1};
  for (const std::string& cell :
       {std::string(kMiB, '['), repeat("[a](", kMiB / 4), repeat("[a](<", kMiB / 4)}) {
    PeopleParse parsed = parse_people(cell, PeopleText::kCell, patterns, Source::kIndex, at);
    EXPECT_TRUE(parsed.people.empty());
    EXPECT_TRUE(parsed.placeholders.empty());
  }
  // No link, and the name ends at the first '(': "]".
  PeopleParse parsed =
      parse_people(repeat("](", kMiB / 2), PeopleText::kCell, patterns, Source::kIndex, at);
  ASSERT_EQ(parsed.people.size(), 1u);
  EXPECT_EQ(parsed.people[0].name, "]");
  EXPECT_TRUE(parsed.people[0].url.empty());
}

// The lint findings of a registry whose README has pathological lines in its lead section and on
// its mailing-list line are those of the same README with the lines a few bytes long: here one,
// the README's list is not the sig-info.yaml one.
TEST(MarkdownLinear, LintOfAReadmeWithPathologicalLines) {
  auto readme = [](std::size_t n) {
    return "# good\n\nMailing list: other@lists.example.org " + repeat("[a](", n) +
           "\n\n## Leads\n\n- Alice [@alice](https://gitee.com/alice)\n- " + std::string(n, '[') +
           "\n- " + repeat("[a](<", n) + "\n- " + repeat("](", n) + "\n";
  };
  auto lint = [&](std::size_t n) {
    testing::TempDir dir;
    {
      testing::RepoBuilder b(dir.path());
      b.put("sig/good/README.md", readme(n));
      b.put("sig/good/sig-info.yaml",
            "name: good\ndescription: fine\nmailing_list: good@lists.example.org\nmaintainers:\n"
            "- gitee_id: alice\n  name: Alice\n");
      b.commit("readme");
    }
    auto r = testing::run_cli({"lint", "--repo", dir.path().string(), "--format", "json"});
    EXPECT_EQ(r.err, "");
    auto json = nlohmann::json::parse(r.out);
    json.erase("repository");
    json.erase("commit");
    return std::make_pair(r.status, json);
  };
  auto small = lint(3);
  auto large = lint(kMiB / 4);
  EXPECT_EQ(large.first, small.first);
  EXPECT_EQ(large.second, small.second);
  EXPECT_EQ(small.second["summary"]["findings"], 1) << small.second.dump(2);
}

}  // namespace
}  // namespace sigwarden
