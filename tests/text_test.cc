#include "core/text.h"

#include <gtest/gtest.h>

namespace sigwarden {
namespace {

TEST(SplitLines, HandlesBomCrlfAndLoneCr) {
  auto lines = split_lines(
      "\xEF\xBB\xBF"
      "a\r\nb\rc\nd");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0].text, "a");
  EXPECT_EQ(lines[1].text, "b");
  EXPECT_EQ(lines[2].text, "c");
  EXPECT_EQ(lines[3].text, "d");
  EXPECT_EQ(lines[3].number, 4);
}

TEST(InvalidUtf8, FindsBadByteAndNul) {
  EXPECT_FALSE(find_invalid_utf8("组长：张三\n"));
  auto bad = find_invalid_utf8("ok\nab\xE9z");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->line, 2);
  EXPECT_EQ(bad->column, 3);
  auto nul = find_invalid_utf8(std::string_view("a\0b", 3));
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->column, 2);
  EXPECT_TRUE(find_invalid_utf8("\xC0\x80"));      // overlong
  EXPECT_TRUE(find_invalid_utf8("\xED\xA0\x80"));  // surrogate
}

TEST(FoldFullwidth, MapsColonParensAndSpace) {
  EXPECT_EQ(fold_fullwidth("组长：张三（华为）"), "组长:张三(华为)");
  EXPECT_EQ(fold_fullwidth("a\xE3\x80\x80"
                           "b"),
            "a b");
}

TEST(JoinPath, NormalisesAndRefusesEscape) {
  EXPECT_EQ(join_path("sigs", "frontend/README.md"), "sigs/frontend/README.md");
  EXPECT_EQ(join_path("sigs", "./a/../b/"), "sigs/b");
  EXPECT_EQ(join_path("sigs", "../README.md"), "README.md");
  EXPECT_EQ(join_path("sigs", "../../x"), std::nullopt);
  EXPECT_EQ(join_path("sigs/x", "/docs/a.md"), "docs/a.md");
}

TEST(PercentDecode, DecodesValidEscapesOnly) {
  EXPECT_EQ(percent_decode("Computer%20Vision%20(CV)"), "Computer Vision (CV)");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz"), "%zz");
}

TEST(EditDistance, SuggestsTypos) {
  EXPECT_EQ(edit_distance("eamil", "email"), 2u);
  EXPECT_EQ(edit_distance("orgnization", "organization"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

}  // namespace
}  // namespace sigwarden
