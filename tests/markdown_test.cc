#include "registry/markdown.h"

#include <gtest/gtest.h>

#include "registry/people.h"

namespace sigwarden {
namespace {

TEST(MarkdownLinks, AngleBracketsPercentAndParentheses) {
  auto a = md::find_links("| [CV](<Computer Vision (CV) Suite SIG/README.md>) |");
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].target, "Computer Vision (CV) Suite SIG/README.md");
  EXPECT_EQ(a[0].column, 3);
  auto b = md::find_links("[CV](Computer%20Vision%20(CV)%20Suite%20SIG/README_en.md \"t\") x");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].target, "Computer%20Vision%20(CV)%20Suite%20SIG/README_en.md");
  auto c = md::find_links("![img](a.png) [**Bold**](b.md) [unclosed](x");
  ASSERT_EQ(c.size(), 2u);
  EXPECT_TRUE(c[0].image);
  EXPECT_EQ(c[1].text, "Bold");
}

TEST(MarkdownHeadings, LevelsAndNormalisation) {
  auto h = md::parse_heading("### **Maintainer列表**：");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->level, 3);
  EXPECT_EQ(h->text, "Maintainer列表");
  EXPECT_FALSE(md::parse_heading("#hashtag"));
  EXPECT_FALSE(md::parse_heading("####### seven"));
}

TEST(MarkdownTables, HeaderSeparatorAndHeaderless) {
  std::string text =
      "intro\n| SIG name | Leads |\n|:----|:----|\n| [A](a/README.md) | x |\n| B | y \\| z |\n\n"
      "| no | header |\n| just | rows |\n";
  auto lines = split_lines(text);
  auto tables = md::find_tables(lines);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_TRUE(tables[0].has_header);
  EXPECT_EQ(tables[0].header.cells, (std::vector<std::string>{"SIG name", "Leads"}));
  ASSERT_EQ(tables[0].rows.size(), 2u);
  EXPECT_EQ(tables[0].rows[0].line, 4);
  EXPECT_EQ(tables[0].rows[0].columns[0], 3);
  EXPECT_EQ(tables[0].rows[1].cells[1], "y \\| z");
  EXPECT_FALSE(tables[1].has_header);
  EXPECT_EQ(tables[1].rows.size(), 2u);
}

TEST(People, IndexCellForms) {
  Patterns patterns(default_pattern_sets());
  Location at{"sigs/README.md", 5, 40};
  auto two = parse_people("[@a](https://gitee.com/ida) [@b](https://gitee.com/idb)",
                          PeopleText::kCell, patterns, Source::kIndex, at);
  ASSERT_EQ(two.people.size(), 2u);
  // The login is the URL's id, whatever handle the link text shows.
  EXPECT_EQ(two.people[0].handle, "ida");
  EXPECT_EQ(two.people[1].where.column, 40 + 28);
  auto mail = parse_people("[@zhoujie](https://gitee.com/zhoujie)(zhoujie@example.edu.cn)",
                           PeopleText::kCell, patterns, Source::kIndex, at);
  ASSERT_EQ(mail.people.size(), 1u);
  EXPECT_EQ(mail.people[0].email, "zhoujie@example.edu.cn");
  auto plain = parse_people("刘洋（某大学）、Li Lei (Org, Inc), 王五", PeopleText::kCell, patterns,
                            Source::kIndex, at);
  ASSERT_EQ(plain.people.size(), 3u);
  EXPECT_EQ(plain.people[0].name, "刘洋");
  EXPECT_EQ(plain.people[1].name, "Li Lei");
  auto ph = parse_people("待安排人力", PeopleText::kCell, patterns, Source::kIndex, at);
  EXPECT_TRUE(ph.people.empty());
  EXPECT_EQ(ph.placeholders, (std::vector<std::string>{"待安排人力"}));
  auto tmpl = parse_people("name[@giteeID]", PeopleText::kCell, patterns, Source::kIndex, at);
  EXPECT_EQ(tmpl.placeholders.size(), 1u);
}

TEST(People, ListNormalisation) {
  EXPECT_EQ(normalize_list("https://mailweb.openeuler.org/postorius/lists/kernel.openeuler.org/"),
            "kernel@openeuler.org");
  EXPECT_EQ(normalize_list("https://groups.google.com/a/kubernetes.io/g/sig-apps"),
            "sig-apps@kubernetes.io");
  EXPECT_EQ(normalize_list("https://groups.google.com/forum/#!forum/kubernetes-dev"),
            "kubernetes-dev@googlegroups.com");
  EXPECT_EQ(normalize_list("https://groups.google.com/g/x"), "x@googlegroups.com");
  EXPECT_EQ(normalize_list("mailto:Dev@Openeuler.org"), "dev@openeuler.org");
  EXPECT_EQ(normalize_list("https://lists.example.org/mailman/listinfo/ops"), "ops@example.org");
}

}  // namespace
}  // namespace sigwarden
