// Generates a large synthetic community in the Markdown layout for the lint benchmark:
// N SIG folders under sigs/ (each with a README naming leads and a list, some with sig-info.yaml),
// both language index tables, and code files spread over the tree up to a total file count.
//
//   sigwarden_gen_community DIR [--sigs 2000] [--files 200000]

#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <string>

#include "support/repo_builder.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sigwarden_gen_community DIR [--sigs N] [--files N]\n";
    return 2;
  }
  std::string dir = argv[1];
  long sigs = 2000;
  long files = 200000;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    long value = std::strtol(argv[i + 1], nullptr, 10);
    if (flag == "--sigs") {
      sigs = value;
    } else if (flag == "--files") {
      files = value;
    } else {
      std::cerr << "unknown flag " << flag << "\n";
      return 2;
    }
  }
  sigwarden::testing::RepoBuilder b(dir);
  std::string zh =
      "# SIG 列表\n\n## 目前的SIG组\n\n| SIG name | 技术领域 | SIG 负责人 |\n|:----|:----|:----|\n";
  std::string en =
      "# SIGs\n\n## Current SIGs\n\n| SIG name | Responsibilities | SIG Leads "
      "|\n|:----|:----|:----|\n";
  long written = 2;
  for (long i = 0; i < sigs; ++i) {
    std::string name = fmt::format("sig-{:04}", i);
    std::string row =
        fmt::format("| [{}]({}/README.md) | area {} | [@lead{}](https://gitee.com/lead{}) |\n",
                    name, name, i, i, i);
    // Every 50th SIG is missing from the English table; every 100th README lacks a list.
    zh += row;
    if (i % 50 != 7) en += row;
    std::string readme = fmt::format(
        "# {}\n\nWork area {}.\n\n## SIG Leads\n\n- [@lead{}](https://gitee.com/lead{}) "
        "(lead{}@example.org)\n"
        "- Second Lead (Example Org)\n\n## Contact\n\n",
        name, i, i, i, i);
    if (i % 100 != 3) readme += fmt::format("- 邮件列表: {}@lists.example.org\n", name);
    b.put("sigs/" + name + "/README.md", readme);
    b.put("sigs/" + name + "/meetings/2024.md", "minutes\n");
    written += 2;
    if (i % 10 == 0) {
      b.put("sigs/" + name + "/sig-info.yaml",
            fmt::format(
                "name: {}\ndescription: area {}\nmailing_list: {}@lists.example.org\n"
                "maintainers:\n- gitee_id: lead{}\n  name: Lead {}\n  email: lead{}@example.org\n",
                name, i, name, i, i, i));
      ++written;
    }
  }
  b.put("sigs/README.md", zh);
  b.put("sigs/README_en.md", en);
  for (long i = 0; written < files; ++i, ++written) {
    b.put(fmt::format("src/module{:03}/pkg{:03}/file{:05}.cc", i % 400, (i / 400) % 100, i),
          fmt::format("// file {}\n", i));
  }
  std::string id = b.commit("synthetic community");
  std::cout << fmt::format("wrote {} SIGs and {} files to {} at {}\n", sigs, written, dir, id);
  return 0;
}
