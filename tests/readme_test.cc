#include "registry/readme.h"

#include <gtest/gtest.h>

#include "registry/patterns.h"

namespace sigwarden {
namespace {

const Patterns& patterns() {
  static const Patterns p(default_pattern_sets());
  return p;
}

std::vector<std::string> labels(const ReadmeFacts& f) {
  std::vector<std::string> out;
  for (const Person& p : f.leads) out.push_back(p.label());
  return out;
}

std::vector<std::string> lists(const ReadmeFacts& f) {
  std::vector<std::string> out;
  for (const MailingList& l : f.lists) out.push_back(l.normalized);
  return out;
}

TEST(Readme, LeadsUnderHeadingWithProfileLinks) {
  auto f = parse_readme("r.md",
                        "# X\n\n## 工作范围\n\n- 解析\n\n## SIG Leads\n\n"
                        "- 蓝海 [@lanhai](https://gitee.com/lan-hai)\n"
                        "- 何静 [@hejing](https://gitee.com/hejing)\n\n## 联系方式\n\n"
                        "- [邮件列表](frontend@mindloom.cn)\n",
                        patterns());
  EXPECT_EQ(labels(f), (std::vector<std::string>{"@lan-hai", "@hejing"}));
  EXPECT_EQ(f.leads[0].name, "蓝海");
  EXPECT_EQ(f.leads[0].where.line, 9);
  EXPECT_EQ(lists(f), (std::vector<std::string>{"frontend@mindloom.cn"}));
}

TEST(Readme, InlineFullWidthLabelWithBomAndCrlf) {
  auto f = parse_readme(
      "r.md", "\xEF\xBB\xBF# Data SIG\r\n\r\n组长：张三\r\n\r\n**邮件列表**：data@x.cn\r\n",
      patterns());
  EXPECT_EQ(labels(f), (std::vector<std::string>{"张三"}));
  EXPECT_EQ(f.leads[0].where.line, 3);
  EXPECT_EQ(lists(f), (std::vector<std::string>{"data@x.cn"}));
}

TEST(Readme, PersonalEmailsOfLeadsAreNotLists) {
  auto f = parse_readme("r.md",
                        "## Maintainers\n\n- Li Lei (lilei@example.com)\n- Han Meimei, "
                        "hmm@example.org\n",
                        patterns());
  EXPECT_EQ(labels(f), (std::vector<std::string>{"Li Lei", "Han Meimei"}));
  EXPECT_EQ(f.leads[0].email, "lilei@example.com");
  EXPECT_TRUE(f.lists.empty());
}

TEST(Readme, EmptyLeadListWhenNextHeadingFollows) {
  auto f = parse_readme("r.md", "## SIG Leads\n\n## Committers\n\n- someone\n", patterns());
  EXPECT_TRUE(f.leads.empty());
  EXPECT_TRUE(f.lead_section_found);
}

TEST(Readme, PlaceholderLeadIsNotALead) {
  auto f = parse_readme("r.md", "### 领衔成员\n\n- 待安排人力\n", patterns());
  EXPECT_TRUE(f.leads.empty());
  ASSERT_EQ(f.placeholders.size(), 1u);
  EXPECT_EQ(f.placeholders[0].first, "待安排人力");
  EXPECT_EQ(f.placeholders[0].second.line, 3);
}

TEST(Readme, BoldLabelAndBareLabelLine) {
  auto f = parse_readme("r.md", "**Maintainer列表**\n\n- alice\n- bob\n\n其他\n", patterns());
  EXPECT_EQ(labels(f), (std::vector<std::string>{"alice", "bob"}));
  auto g = parse_readme("r.md", "领衔成员\n王五（某大学）\n\n后记\n", patterns());
  EXPECT_EQ(labels(g), (std::vector<std::string>{"王五"}));
}

TEST(Readme, KubernetesLeadershipSkipsEmeritus) {
  auto f = parse_readme("r.md",
                        "## Leadership\n\n### Chairs\n\n"
                        "* Jane Doe (**[@janedoe](https://github.com/janedoe)**), Example Corp\n\n"
                        "### Emeritus Leads\n\n* Old Lead (**[@old](https://github.com/old)**)\n\n"
                        "## Contact\n- [Mailing list](https://groups.google.com/a/kubernetes.io/g/"
                        "sig-apps)\n- Private Mailing List: [sec@k.io](mailto:sec@k.io)\n",
                        patterns());
  EXPECT_EQ(labels(f), (std::vector<std::string>{"@janedoe"}));
  EXPECT_EQ(f.leads[0].name, "Jane Doe");
  EXPECT_EQ(lists(f), (std::vector<std::string>{"sig-apps@kubernetes.io"}));
}

TEST(Readme, ListFormsAreNormalised) {
  auto f = parse_readme("r.md",
                        "- [邮件列表](dev@openeuler.org)\n"
                        "- https://mailweb.openeuler.org/postorius/lists/kernel.openeuler.org/\n"
                        "- Mailing list: [x](mailto:x@lists.y.org)\n"
                        "- maillist：ops@z.org\n",
                        patterns());
  EXPECT_EQ(lists(f), (std::vector<std::string>{"dev@openeuler.org", "kernel@openeuler.org",
                                                "x@lists.y.org", "ops@z.org"}));
}

TEST(Readme, InlineLabelWithSeveralNames) {
  auto f = parse_readme("r.md", "Maintainer: 张三、李四\n", patterns());
  EXPECT_EQ(labels(f), (std::vector<std::string>{"张三", "李四"}));
}

// Forms seen in real community READMEs (each once produced a wrong lead).
TEST(Readme, RealWorldNameForms) {
  auto glued = parse_readme("r.md",
                            "## Maintainers\n\n- xiezhipeng1[@xiezhipeng1](https://gitee.com/xzp)\n"
                            "- Zhang Haijian[@Haijian.Zhang](https://gitee.com/haijianzhang)\n"
                            "- 赵 川峰@cf-zhao 邮箱 zcf@example.com\n"
                            "- rudy\\_tan [@rudy](https://gitee.com/rtan) rt@example.com\n"
                            "- 陆卫兵 东南大学科研院 院长/教授\n",
                            patterns());
  ASSERT_EQ(glued.leads.size(), 5u);
  EXPECT_EQ(glued.leads[0].name, "xiezhipeng1");
  EXPECT_EQ(glued.leads[0].handle, "xzp");
  EXPECT_EQ(glued.leads[1].name, "Zhang Haijian");
  EXPECT_EQ(glued.leads[1].email, "");
  EXPECT_EQ(glued.leads[2].name, "赵 川峰");
  EXPECT_EQ(glued.leads[2].handle, "cf-zhao");
  EXPECT_EQ(glued.leads[3].name, "rudy_tan");
  EXPECT_EQ(glued.leads[3].email, "rt@example.com");
  EXPECT_EQ(glued.leads[4].name, "陆卫兵");
}

TEST(Readme, ProseAndRolesAreNotLeads) {
  // Kubernetes-generated sections mix an introduction with the list of leads.
  auto k8s =
      parse_readme("r.md",
                   "### Technical Leads\nThe Technical Leads of the SIG establish new\n"
                   "subprojects, and resolve cross-subproject issues.\n"
                   "* Amina Okafor (**[@amina-o](https://github.com/amina-o)**), Example Labs\n",
                   patterns());
  EXPECT_EQ(labels(k8s), (std::vector<std::string>{"@amina-o"}));
  auto roles = parse_readme("r.md",
                            "#### Member Development\n\n **Maintainers:**  Members of the SIG "
                            "Operations Committee, responsible for the technical direction\n\n"
                            "负责人：Maintainers、Committers\n",
                            patterns());
  EXPECT_TRUE(roles.leads.empty()) << ::testing::PrintToString(labels(roles));
  auto title = parse_readme("r.md", "Maintainer: hsliu_ustc,Senior Engineer of Shengsi MindSpore\n",
                            patterns());
  EXPECT_EQ(labels(title), (std::vector<std::string>{"hsliu_ustc"}));
}

TEST(Readme, MoreLeadHeadings) {
  for (const char* heading : {"### Team leader：", "## Organizers", "## Trusted AI maintainers",
                              "Lead Member：", "## Leading members"}) {
    std::string text = std::string(heading) + "\n\n- Weizheng Lu\n";
    EXPECT_EQ(labels(parse_readme("r.md", text, patterns())),
              (std::vector<std::string>{"Weizheng Lu"}))
        << heading;
  }
  EXPECT_TRUE(parse_readme("r.md", "## Members\n\n- Ann\n", patterns()).leads.empty());
  EXPECT_EQ(labels(parse_readme("r.md", "## Members\n\n- Ann\n", patterns(), ReadmeOf::kCommittee)),
            (std::vector<std::string>{"Ann"}));
  EXPECT_TRUE(parse_readme("r.md", "## Emeritus Organizers\n\n- Old\n", patterns()).leads.empty());
}

TEST(Readme, ListSectionsAndTemplateLeftovers) {
  // A sentence that mentions mailing lists does not open a list section; rules are not text.
  auto prose = parse_readme("r.md", "* 维护讨论渠道（如 论坛、邮件列表、会议）\n\n---\n\n## Next\n",
                            patterns());
  EXPECT_TRUE(prose.placeholders.empty());
  auto tmpl = parse_readme(
      "r.md", "*<如果需要单独申请邮件列表，请在此补充邮箱名称：sig-yousigname@openeuler.org>*\n",
      patterns());
  EXPECT_TRUE(tmpl.lists.empty());
  EXPECT_EQ(tmpl.placeholders.size(), 1u);
}

}  // namespace
}  // namespace sigwarden
