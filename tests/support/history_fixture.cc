// The history fixture: fixtures/history as the first commit, then 57 dated commits. The table
// lists every commit in the order it is written; times are UTC (10:00 on the day unless said),
// windows of 90 days end at 2026-07-01T00:00Z (as of 2026-06-30):
//   current window  W0 = [2026-04-02, 2026-07-01)
//   previous window W1 = [2026-01-02, 2026-04-02)
// No commit is within a day of a window boundary. Placement follows the committer time, as
// `git log --since` does; only #31 has a committer time different from its author time.
//
// People (registry = the SIG READMEs of fixtures/history):
//   Alice Chen  <alice@example.org>  compiler lead (@alice-chen); also commits as
//   Alice Old   <alice@old.example.com>, which .mailmap maps to Alice Chen <alice@example.org>
//   Bob Martin  <bob@example.org>    compiler lead (@bmartin)
//   Carol Diaz  <carol@example.net>  compiler contributor, only in W1 (drifting)
//   Grace Kim   <grace@example.com>  compiler contributor, only in W0 (new)
//   D. Okafor   <12345+dokafor@users.noreply.github.com>  = docs lead Dave Okafor (@dokafor,
//               dave@example.org), who never commits under his registry name or e-mail
//   Ivan Petrov <ivan@example.org>   docs contributor; made a docs lead by #48
//   Judy Park   <judy@example.com>   one docs commit in W0 (#33): new
//   Erin Walsh  <erin@example.org>   data lead (@ewalsh): no commit, no trailer, ever
//   Ken Ito     <ken@example.com>    data contributor, last in W1
//   Heidi Novak <heidi@example.org>  serving lead (@hnovak): only evidence is the
//               Co-authored-by trailer of #34 (a compiler commit)
//   Frank Li    <frank@example.com>  serving, not a lead: every serving commit but #4
//   Peggy Shaw  <peggy@example.com>  one serving commit in 2025 (#4)
//   Olivia Grant <olivia@example.org> proposes the Security SIG (#45), its lead (@ogrant)
//   Nina Patel  <nina@example.com>   authors only the sweep (#47)
//   dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>  bot, compiler paths
//
// Paths: compiler = sigs/compiler/** + src/compiler/**, docs = sigs/docs/** + docs/**,
// data = sigs/data/** + src/data/**, serving = sigs/serving/** + src/serving/**,
// security = sigs/security/** (from #45); tools/**, sigs/README.md and the root files are owned
// by nobody; sigs/legacy/ is a folder the index does not list (an orphan).
//
//  #  date        author            touches                         purpose
//  1  2025-07-15  Alice Chen        the whole fixtures/history tree the first (root) commit; it
//                                                                   touches every SIG, so it is
//                                                                   a sweep by the > 3 SIGs rule
//  2  2025-07-28  Alice Chen        src/compiler/parser.cc          compiler
//  3  2025-08-05  Alice Old         src/compiler/lexer.cc           compiler, old identity
//  4  2025-08-12  Peggy Shaw        src/serving/server.cc           serving, not Frank
//  5  2025-08-19  Ken Ito           src/data/loader.py              data
//  6  2025-08-26  Frank Li          src/serving/batcher.cc          serving
//  7  2025-09-02  dependabot[bot]   src/compiler/requirements.txt   bot
//  8  2025-09-09  Bob Martin        src/compiler/optimizer.cc       compiler
//  9  2025-09-16  D. Okafor         docs/install.md                 docs, lead via noreply
// 10  2025-09-23  Frank Li          src/serving/server.cc           serving
// 11  2025-10-07  Ken Ito           src/data/formats.py             data
// 12  2025-10-14  Bob Martin        tools/release.sh                unowned only
// 13  2025-10-21  Frank Li          sigs/serving/README.md          serving; the serving README's
//                                                                   last change
// 14  2025-11-04  Alice Chen        src/compiler/codegen.cc         compiler
// 15  2025-11-18  dependabot[bot]   src/compiler/requirements.txt   bot
// 16  2025-12-02  Frank Li          src/serving/scheduler.cc        serving
// 17  2025-12-09  D. Okafor         docs/tutorial.md                docs
// 18  2025-12-16  Bob Martin        src/compiler/parser.cc          compiler
//     --- W1 ---
// 19  2026-01-13  Carol Diaz        src/compiler/optimizer.cc       compiler
// 20  2026-01-20  Alice Chen        sigs/compiler/README.md         compiler; the compiler
//                                                                   README's last change
// 21  2026-01-27  Frank Li          src/serving/batcher.cc          serving
// 22  2026-02-03  Carol Diaz        src/compiler/codegen.cc         compiler
// 23  2026-02-10  D. Okafor         docs/install.md                 docs
// 24  2026-02-17  Ken Ito           src/data/loader.py              data: its last substantive
//                                                                   change (133 days before
//                                                                   as-of)
// 25  2026-02-24  Bob Martin        src/compiler/lexer.cc           compiler
// 26  2026-03-03  Frank Li          src/serving/server.cc           serving
// 27  2026-03-10  Carol Diaz        src/compiler/parser.cc          compiler; Carol's last
// 28  2026-03-17  dependabot[bot]   src/compiler/requirements.txt   bot
// 29  2026-03-24  Ivan Petrov       docs/faq.md                     docs
//     --- W0 ---
// 30  2026-04-08  Alice Chen        src/compiler/parser.cc          compiler
// 31  2026-04-14  Bob Martin        src/compiler/optimizer.cc       compiler; authored 2026-03-27
//                                                                   (W1), committed 2026-04-14
//                                                                   (W0): counts in W0
// 32  2026-04-16  Frank Li          src/serving/server.cc           serving
// 33  2026-04-21  Judy Park         docs/install.md                 docs; Judy's only commit (new)
// 34  2026-04-23  Grace Kim         src/compiler/ir/builder.cc      compiler; Co-authored-by:
//                                                                   Heidi Novak (serving lead)
// 35  2026-04-28  dependabot[bot]   src/compiler/requirements.txt   bot
// 36  2026-04-30  Bob Martin        tools/lint.sh                   unowned only
// 37  2026-05-02  Alice Old         src/compiler/lexer.cc           compiler; .mailmap: Alice
// 38  2026-05-06  Bob Martin        src/compiler/codegen.cc         compiler; Reviewed-by: Dave
//                                                                   Okafor <dave@example.org>
// 39  2026-05-08  Frank Li          src/serving/scheduler.cc        serving
// 40  2026-05-11  Grace Kim         src/compiler/ir/cache.cc (new)  compiler, on the side branch
//                                                                   feature/ir-cache (from #39)
// 41  2026-05-13  Grace Kim         src/compiler/ir/cache.cc,       compiler, side branch
//                                   src/compiler/ir/builder.cc
// 42  2026-05-12  Alice Chen        src/compiler/codegen.cc         compiler, on main (from #39)
// 43  2026-05-15  Alice Chen        (merge of #41 into #42)         merge commit, two parents:
//                                                                   counts for nobody
// 44  2026-05-19  Ivan Petrov       docs/tutorial.md                docs
// 45  2026-05-20  Olivia Grant      sigs/README.md (new row),       governance: sig-added
//                                   sigs/security/README.md (new)   Security (lead Olivia,
//                                                                   list); security's commit
// 46  2026-05-26  Frank Li          src/serving/batcher.cc          serving
// 47  2026-05-28  Nina Patel        every file with a 2025 licence  the sweep: compiler, docs,
//                                   header (5 compiler, 3 docs,     data and serving (4 SIGs)
//                                   2 data, 3 serving, 2 tools)     plus tools/
// 48  2026-06-02  D. Okafor         sigs/docs/README.md             docs; governance: lead-added
//                                                                   Ivan Petrov to docs
// 49  2026-06-04  Grace Kim         src/compiler/ir/builder.cc      compiler
// 50  2026-06-09  Frank Li          src/serving/server.cc           serving
// 51  2026-06-12  D. Okafor         docs/tutorial.md                docs; Dave's newest evidence
// 52  2026-06-16  dependabot[bot]   src/compiler/requirements.txt   bot
// 53  2026-06-17  Bob Martin        tools/release.sh                unowned only
// 54  2026-06-20  Alice Chen        src/compiler/optimizer.cc       compiler; Alice's newest
// 55  2026-06-22  Frank Li          src/serving/scheduler.cc        serving
// 56  2026-06-24  Bob Martin        src/compiler/parser.cc          compiler; Bob's newest
// 57  2026-06-26  Ivan Petrov       docs/faq.md                     docs
// 58  2026-06-29  Frank Li          src/serving/batcher.cc          serving; the head
//
// Counts per 90-day window (no merges, no bot, no sweep; git log --no-merges agrees):
//   W0: compiler 11 (#30 31 34 37 38 40 41 42 49 54 56: Alice 4, Bob 3, Grace 4, + Heidi as
//       co-author of #34), docs 5 (#33 Judy, #44 57 Ivan, #48 51 Dave), data 0, serving 6 (all
//       Frank),
//       security 1 (#45 Olivia); bot 2 (#35 52), sweep 1 (#47), merge 1 (#43), unowned-only 2
//       (#36 53).
//   W1: compiler 5 (#19 22 27 Carol, #20 Alice, #25 Bob), docs 2 (#23 Dave, #29 Ivan), data 1
//       (#24 Ken), serving 2 (#21 26 Frank); bot 1 (#28).

#include "support/history_fixture.h"

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "support/repo_builder.h"

namespace sigwarden::testing {

namespace {

namespace fs = std::filesystem;

struct Person {
  const char* name;
  const char* email;
  int offset_minutes;  // the author's time zone, for realism only
};

constexpr Person kAlice{"Alice Chen", "alice@example.org", 8 * 60};
constexpr Person kAliceOld{"Alice Old", "alice@old.example.com", 8 * 60};
constexpr Person kBob{"Bob Martin", "bob@example.org", -5 * 60};
constexpr Person kCarol{"Carol Diaz", "carol@example.net", 60};
constexpr Person kGrace{"Grace Kim", "grace@example.com", 9 * 60};
constexpr Person kDave{"D. Okafor", "12345+dokafor@users.noreply.github.com", 60};
constexpr Person kIvan{"Ivan Petrov", "ivan@example.org", 2 * 60};
constexpr Person kJudy{"Judy Park", "judy@example.com", -8 * 60};
constexpr Person kKen{"Ken Ito", "ken@example.com", 9 * 60};
constexpr Person kFrank{"Frank Li", "frank@example.com", 0};
constexpr Person kPeggy{"Peggy Shaw", "peggy@example.com", -7 * 60};
constexpr Person kOlivia{"Olivia Grant", "olivia@example.org", 0};
constexpr Person kNina{"Nina Patel", "nina@example.com", 0};
constexpr Person kBot{"dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", 0};

// Unix time of a UTC day at 10:00.
std::int64_t day(int y, unsigned m, unsigned d) {
  using namespace std::chrono;
  sys_days date{year{y} / month{m} / std::chrono::day{d}};
  return duration_cast<seconds>(date.time_since_epoch()).count() + 10 * 3600;
}

Signature sig(const Person& p, std::int64_t time) {
  return {p.name, p.email, time, p.offset_minutes};
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The files of the branch being written, mirrored so that each change can append to them.
class History {
 public:
  explicit History(RepoBuilder& b) : b_(b) {}

  void put(const std::string& path, const std::string& content) {
    files_[path] = content;
    b_.put(path, content);
  }

  // Appends a line (a comment in the file's language) to each file, creating it if needed.
  void touch(std::initializer_list<std::string> paths, const std::string& what) {
    for (const std::string& path : paths) {
      std::string prefix = path.ends_with(".cc") ? "// " : path.ends_with(".md") ? "" : "# ";
      put(path, files_[path] + prefix + what + "\n");
    }
  }

  // Dependabot's change: a new pinned version of the compiler's one dependency.
  void bump(int patch) {
    put("src/compiler/requirements.txt",
        "numpy==1.26." + std::to_string(patch) + "\nprotobuf==4.25.0\n");
  }

  // The sweep: every "Copyright 2025 " header becomes "Copyright 2025-2026 ".
  void relicense() {
    const std::string from = "Copyright 2025 ";
    for (auto& [path, content] : files_) {
      auto pos = content.find(from);
      if (pos == std::string::npos) continue;
      put(path,
          content.substr(0, pos) + "Copyright 2025-2026 " + content.substr(pos + from.size()));
    }
  }

  std::string commit(const std::string& message, const Person& who, std::int64_t time) {
    return b_.commit(message, sig(who, time), sig(who, time));
  }

  std::map<std::string, std::string>& files() { return files_; }

 private:
  RepoBuilder& b_;
  std::map<std::string, std::string> files_;
};

const char* const kSecurityReadme = R"(# Security SIG

The Security SIG handles vulnerability reports and supply-chain hardening.

## SIG Leads

- Olivia Grant [@ogrant](https://github.com/ogrant) (olivia@example.org)

## Contact

- Mailing list: security-sig@lists.lumen.example.org
)";

}  // namespace

std::string build_history_repo(const fs::path& dir) {
  RepoBuilder b(dir);
  History h(b);
  const fs::path tree = fixtures_dir() / "history";
  for (const auto& e : fs::recursive_directory_iterator(tree)) {
    if (e.is_regular_file()) h.put(fs::relative(e.path(), tree).generic_string(), read(e.path()));
  }
  const std::string cc = "src/compiler/";
  const std::string sv = "src/serving/";

  h.commit("Import the Lumen community tree", kAlice, day(2025, 7, 15));  // 1
  h.touch({cc + "parser.cc"}, "parse attribute lists");
  h.commit("compiler: parse attribute lists", kAlice, day(2025, 7, 28));  // 2
  h.touch({cc + "lexer.cc"}, "accept unicode identifiers");
  h.commit("compiler: accept Unicode identifiers", kAliceOld, day(2025, 8, 5));  // 3
  h.touch({sv + "server.cc"}, "health endpoint");
  h.commit("serving: add a health endpoint", kPeggy, day(2025, 8, 12));  // 4
  h.touch({"src/data/loader.py"}, "stream large files");
  h.commit("data: stream large files", kKen, day(2025, 8, 19));  // 5
  h.touch({sv + "batcher.cc"}, "dynamic batch size");
  h.commit("serving: dynamic batch size", kFrank, day(2025, 8, 26));  // 6
  h.bump(1);
  h.commit("Bump numpy from 1.26.0 to 1.26.1 in /src/compiler", kBot, day(2025, 9, 2));  // 7
  h.touch({cc + "optimizer.cc"}, "dead code elimination");
  h.commit("compiler: dead code elimination pass", kBob, day(2025, 9, 9));  // 8
  h.touch({"docs/install.md"}, "Install from source.");
  h.commit("docs: install from source", kDave, day(2025, 9, 16));  // 9
  h.touch({sv + "server.cc"}, "graceful shutdown");
  h.commit("serving: graceful shutdown", kFrank, day(2025, 9, 23));  // 10
  h.touch({"src/data/formats.py"}, "parquet support");
  h.commit("data: read Parquet", kKen, day(2025, 10, 7));  // 11
  h.touch({"tools/release.sh"}, "sign the release tarball");
  h.commit("tools: sign the release tarball", kBob, day(2025, 10, 14));  // 12
  h.touch({"sigs/serving/README.md"}, "Meeting notes are in the wiki.");
  h.commit("serving: meeting notes link", kFrank, day(2025, 10, 21));  // 13
  h.touch({cc + "codegen.cc"}, "emit vector loops");
  h.commit("compiler: emit vector loops", kAlice, day(2025, 11, 4));  // 14
  h.bump(2);
  h.commit("Bump numpy from 1.26.1 to 1.26.2 in /src/compiler", kBot, day(2025, 11, 18));  // 15
  h.touch({sv + "scheduler.cc"}, "priority queues");
  h.commit("serving: priority queues", kFrank, day(2025, 12, 2));  // 16
  h.touch({"docs/tutorial.md"}, "A first model, step by step.");
  h.commit("docs: first tutorial", kDave, day(2025, 12, 9));  // 17
  h.touch({cc + "parser.cc"}, "better error positions");
  h.commit("compiler: better error positions", kBob, day(2025, 12, 16));  // 18

  // W1 = [2026-01-02, 2026-04-02)
  h.touch({cc + "optimizer.cc"}, "constant propagation");
  h.commit("compiler: constant propagation", kCarol, day(2026, 1, 13));  // 19
  h.touch({"sigs/compiler/README.md"}, "Meeting notes: https://wiki.lumen.example.org/compiler");
  h.commit("compiler: link the meeting notes", kAlice, day(2026, 1, 20));  // 20
  h.touch({sv + "batcher.cc"}, "batch timeout");
  h.commit("serving: batch timeout", kFrank, day(2026, 1, 27));  // 21
  h.touch({cc + "codegen.cc"}, "register allocation hints");
  h.commit("compiler: register allocation hints", kCarol, day(2026, 2, 3));  // 22
  h.touch({"docs/install.md"}, "Install with pip.");
  h.commit("docs: install with pip", kDave, day(2026, 2, 10));  // 23
  h.touch({"src/data/loader.py"}, "retry on transient errors");
  h.commit("data: retry on transient errors", kKen, day(2026, 2, 17));  // 24
  h.touch({cc + "lexer.cc"}, "faster keyword lookup");
  h.commit("compiler: faster keyword lookup", kBob, day(2026, 2, 24));  // 25
  h.touch({sv + "server.cc"}, "request metrics");
  h.commit("serving: request metrics", kFrank, day(2026, 3, 3));  // 26
  h.touch({cc + "parser.cc"}, "operator precedence table");
  h.commit("compiler: operator precedence table", kCarol, day(2026, 3, 10));  // 27
  h.bump(3);
  h.commit("Bump numpy from 1.26.2 to 1.26.3 in /src/compiler", kBot, day(2026, 3, 17));  // 28
  h.touch({"docs/faq.md"}, "Why is the first request slow?");
  h.commit("docs: FAQ on warm-up", kIvan, day(2026, 3, 24));  // 29

  // W0 = [2026-04-02, 2026-07-01)
  h.touch({cc + "parser.cc"}, "recover after a missing semicolon");
  h.commit("compiler: recover after a missing semicolon", kAlice, day(2026, 4, 8));  // 30
  h.touch({cc + "optimizer.cc"}, "loop-invariant code motion");
  b.commit("compiler: loop-invariant code motion", sig(kBob, day(2026, 3, 27)),
           sig(kBob, day(2026, 4, 14)));  // 31: rebased, committed in W0
  h.touch({sv + "server.cc"}, "TLS reload");
  h.commit("serving: reload TLS certificates", kFrank, day(2026, 4, 16));  // 32
  h.touch({"docs/install.md"}, "Install on macOS.");
  h.commit("docs: install on macOS", kJudy, day(2026, 4, 21));  // 33
  h.touch({cc + "ir/builder.cc"}, "constant folding hook");
  h.commit(
      "compiler: constant folding hook in the IR builder\n\n"
      "Co-authored-by: Heidi Novak <heidi@example.org>\n",
      kGrace, day(2026, 4, 23));  // 34
  h.bump(4);
  h.commit("Bump numpy from 1.26.3 to 1.26.4 in /src/compiler", kBot, day(2026, 4, 28));  // 35
  h.touch({"tools/lint.sh"}, "run shellcheck");
  h.commit("tools: run shellcheck", kBob, day(2026, 4, 30));  // 36
  h.touch({cc + "lexer.cc"}, "raw string literals");
  h.commit("compiler: raw string literals", kAliceOld, day(2026, 5, 2));  // 37
  h.touch({cc + "codegen.cc"}, "tail calls");
  h.commit(
      "compiler: tail calls\n\n"
      "Reviewed-by: Dave Okafor <dave@example.org>\n",
      kBob, day(2026, 5, 6));  // 38
  h.touch({sv + "scheduler.cc"}, "fair sharing between models");
  h.commit("serving: fair sharing between models", kFrank, day(2026, 5, 8));  // 39

  // A side branch, merged back with a merge commit whose changes are those of #40 and #41.
  const std::map<std::string, std::string> main_files = h.files();
  b.checkout("feature/ir-cache");
  h.put(cc + "ir/cache.cc",
        "// Copyright 2026 The Lumen Authors. Licensed under the Apache License 2.0.\n\n"
        "// cache.cc\n");
  h.commit("compiler: an IR cache for repeated subgraphs", kGrace, day(2026, 5, 11));  // 40
  h.touch({cc + "ir/cache.cc", cc + "ir/builder.cc"}, "look up subgraphs in the cache");
  h.commit("compiler: use the IR cache in the builder", kGrace, day(2026, 5, 13));  // 41
  const std::map<std::string, std::string> side_files = h.files();
  b.checkout("main");
  h.files() = main_files;
  h.touch({cc + "codegen.cc"}, "spill slots reuse");
  h.commit("compiler: reuse spill slots", kAlice, day(2026, 5, 12));  // 42
  for (const std::string& path : {cc + "ir/cache.cc", cc + "ir/builder.cc"}) {
    h.put(path, side_files.at(path));
  }
  b.merge("feature/ir-cache", "Merge branch 'feature/ir-cache'\n", sig(kAlice, day(2026, 5, 15)),
          sig(kAlice, day(2026, 5, 15)));  // 43

  h.touch({"docs/tutorial.md"}, "Serving a model.");
  h.commit("docs: tutorial on serving a model", kIvan, day(2026, 5, 19));  // 44
  h.put("sigs/README.md", [&] {
    std::string index = h.files()["sigs/README.md"];
    const std::string last = "| [Serving](serving/README.md) |";
    auto row_end = index.find('\n', index.find(last)) + 1;
    return index.insert(row_end,
                        "| [Security](security/README.md) | Vulnerability handling and "
                        "supply-chain hardening |\n");
  }());
  h.put("sigs/security/README.md", kSecurityReadme);
  h.commit("Add the Security SIG", kOlivia, day(2026, 5, 20));  // 45
  h.touch({sv + "batcher.cc"}, "batch by sequence length");
  h.commit("serving: batch by sequence length", kFrank, day(2026, 5, 26));  // 46
  h.relicense();
  h.commit("Update licence headers to 2025-2026\n\nMechanical change across the tree.\n", kNina,
           day(2026, 5, 28));  // 47: the sweep
  h.put("sigs/docs/README.md", [&] {
    std::string readme = h.files()["sigs/docs/README.md"];
    const std::string dave = "(dave@example.org)\n";
    return readme.insert(readme.find(dave) + dave.size(),
                         "- Ivan Petrov [@ipetrov](https://github.com/ipetrov) "
                         "(ivan@example.org)\n");
  }());
  h.commit("docs: Ivan Petrov joins the SIG leads", kDave, day(2026, 6, 2));  // 48
  h.touch({cc + "ir/builder.cc"}, "typed constants");
  h.commit("compiler: typed constants in the IR builder", kGrace, day(2026, 6, 4));  // 49
  h.touch({sv + "server.cc"}, "streaming responses");
  h.commit("serving: streaming responses", kFrank, day(2026, 6, 9));  // 50
  h.touch({"docs/tutorial.md"}, "Tuning the batcher.");
  h.commit("docs: tuning the batcher", kDave, day(2026, 6, 12));  // 51
  h.bump(5);
  h.commit("Bump numpy from 1.26.4 to 1.26.5 in /src/compiler", kBot, day(2026, 6, 16));  // 52
  h.touch({"tools/release.sh"}, "publish checksums");
  h.commit("tools: publish checksums", kBob, day(2026, 6, 17));  // 53
  h.touch({cc + "optimizer.cc"}, "inline small functions");
  h.commit("compiler: inline small functions", kAlice, day(2026, 6, 20));  // 54
  h.touch({sv + "scheduler.cc"}, "preemption");
  h.commit("serving: preemption", kFrank, day(2026, 6, 22));  // 55
  h.touch({cc + "parser.cc"}, "parse generics");
  h.commit("compiler: parse generics", kBob, day(2026, 6, 24));  // 56
  h.touch({"docs/faq.md"}, "How do I report a bug?");
  h.commit("docs: FAQ on bug reports", kIvan, day(2026, 6, 26));  // 57
  h.touch({sv + "batcher.cc"}, "batch metrics");
  return h.commit("serving: batch metrics", kFrank, day(2026, 6, 29));  // 58
}

}  // namespace sigwarden::testing
