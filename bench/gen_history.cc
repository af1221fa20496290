// Generates a synthetic community history as a `git fast-import` stream on stdout, for the
// report benchmark (bench/bench_report.sh):
//
//   sigwarden_gen_history [--commits 100000] [--sigs 40] [--files 20000] [--days 1500]
//       | git fast-import --quiet
//
// The first commit holds a Markdown-layout registry (sigs/README.md, sigs/sig-NN/README.md with
// leads and, for most SIGs, a list), a .sigwarden.yaml whose owns: maps sig-NN to src/sig-NN/**,
// a .mailmap, and about --files source files (a few under tools/, owned by nobody). Then
// --commits commits, evenly spread over --days days ending on 2026-06-30 (the last one at
// 12:00 UTC), each modifying 1-5 files: mostly inside one SIG, sometimes in up to three, about
// 0.1% in six (sweeps), about 1% by a bot, some with Co-authored-by trailers, some from
// GitHub noreply or old (.mailmap) addresses, and now and then a SIG README edit. About every 50
// commits a side branch commit is merged back with a merge commit (not counted in --commits).
// The people working on a SIG change every half year, so windows differ.
//
// Deterministic: its own LCG, fixed dates; the same arguments give the same stream, byte for
// byte, hence the same commit ids.

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fast_import.h"

namespace {

// 2026-06-30T12:00:00Z: the last commit. `sigwarden report --as-of 2026-06-30` ends at midnight.
constexpr std::int64_t kLastCommit = 1782864000 - 12 * 3600;
constexpr int kAuthors = 500;
constexpr std::string_view kBot =
    "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>";

using sigwarden::bench::FastImport;
using sigwarden::bench::Lcg;

struct Options {
  long commits = 100000;
  int sigs = 40;
  long files = 20000;
  int days = 1500;
};

std::string sig_name(int s) { return fmt::format("sig-{:02}", s); }

// Author a: "Dev 0042 <dev0042@example.com>"; every 10th uses a GitHub noreply address, and
// authors 0-19 sometimes commit from an old address that .mailmap maps back.
std::string author(int a, bool old_address) {
  if (old_address) return fmt::format("Dev {:04} <dev{:04}@old.example.net>", a, a);
  if (a % 10 == 9) {
    return fmt::format("dev{:04} <{}+dev{:04}@users.noreply.github.com>", a, 100000 + a, a);
  }
  return fmt::format("Dev {:04} <dev{:04}@example.com>", a, a);
}

std::string tz(int a) {
  static constexpr std::string_view kZones[] = {"+0000", "+0800", "-0500", "+0100", "+0530"};
  return std::string(kZones[a % 5]);
}

struct Layout {
  int sigs;
  long per_sig;  // source files per SIG
  long tools;    // files under tools/
  std::string file(int sig, long i) const {
    return fmt::format("src/{}/mod{:03}/file{:05}.cc", sig_name(sig), i / 20, i);
  }
  std::string tool(long i) const { return fmt::format("tools/script{:03}.sh", i); }
};

std::string readme(int s, const Options& o, int revision) {
  // Leads: the first two people of the SIG (authors s and s + sigs).
  int a = s;
  int b = s + o.sigs;
  std::string text = fmt::format(
      "# {0}\n\nThe {0} SIG works on area {1}.\n\n## SIG Leads\n\n"
      "- Dev {2:04} [@dev{2:04}](https://github.com/dev{2:04}) (dev{2:04}@example.com)\n"
      "- Dev {3:04} [@dev{3:04}](https://github.com/dev{3:04}) (dev{3:04}@example.com)\n\n",
      sig_name(s), s, a % kAuthors, b % kAuthors);
  if (s % 10 != 7) {
    text += fmt::format("## Contact\n\n- Mailing list: {}@lists.example.org\n", sig_name(s));
  }
  if (revision > 0) text += fmt::format("\nMeeting notes, revision {}.\n", revision);
  return text;
}

void first_commit(FastImport& out, const Options& o, const Layout& l, std::int64_t time) {
  out.print("commit refs/heads/main\nmark :1\n");
  out.print("author Dev 0000 <dev0000@example.com> {} +0000\n", time);
  out.print("committer Dev 0000 <dev0000@example.com> {} +0000\n", time);
  out.data("Import the community tree\n");
  out.modify("README.md", "# A synthetic community\n");
  std::string index = "# SIGs\n\n## Current SIGs\n\n| SIG name | Scope |\n|:----|:----|\n";
  std::string owns = "owns:\n";
  for (int s = 0; s < o.sigs; ++s) {
    index += fmt::format("| [{0}]({0}/README.md) | area {1} |\n", sig_name(s), s);
    owns += fmt::format("  {0}: 'src/{0}/**'\n", sig_name(s));
    out.modify(fmt::format("sigs/{}/README.md", sig_name(s)), readme(s, o, 0));
  }
  out.modify("sigs/README.md", index);
  out.modify(".sigwarden.yaml", owns);
  std::string mailmap;
  for (int a = 0; a < 20; ++a) {
    mailmap += fmt::format("Dev {0:04} <dev{0:04}@example.com> <dev{0:04}@old.example.net>\n", a);
  }
  out.modify(".mailmap", mailmap);
  for (int s = 0; s < l.sigs; ++s) {
    for (long i = 0; i < l.per_sig; ++i) {
      out.modify(l.file(s, i), fmt::format("// {} file {}\n", sig_name(s), i));
    }
  }
  for (long i = 0; i < l.tools; ++i) out.modify(l.tool(i), fmt::format("# tool {}\n", i));
  out.print("\n");
}

// A SIG, skewed so that some SIGs are much busier than others.
int pick_sig(Lcg& rng, int sigs) {
  int s = static_cast<int>(rng.below(static_cast<std::uint64_t>(sigs)));
  if (s % 4 == 3 && rng.chance(60))
    s = static_cast<int>(rng.below(static_cast<std::uint64_t>(sigs)) / 4);
  return s;
}

// One of the SIG's people at `time`. Person k of SIG s is author s + k * sigs; persons 0 and 1
// are its leads (readme()). Person 0 makes about 15% of the SIG's commits, except in every 8th
// SIG, whose first lead has stopped; the others take turns: 6 of them are active in each half
// year (182 days), and the first of those is the busiest.
int pick_author(Lcg& rng, int sig, int sigs, std::int64_t time) {
  int per_sig = std::max(2, kAuthors / sigs);
  if (sig % 8 != 5 && rng.chance(15)) return sig % kAuthors;
  int era = static_cast<int>(time / (182 * 86400));
  int slot = static_cast<int>(rng.below(6));
  if (rng.chance(40)) slot = 0;
  int k = 1 + (slot + era) % (per_sig - 1);
  return (sig + k * sigs) % kAuthors;
}

struct Change {
  std::string path;
  std::string content;
};

// The files of one ordinary commit: 1-5 files, mostly in one SIG.
std::vector<Change> pick_changes(Lcg& rng, const Options& o, const Layout& l, int sig, long n) {
  std::vector<Change> changes;
  int count = 1 + static_cast<int>(rng.below(5));
  if (rng.chance(50)) count = 1;
  bool spread = rng.chance(5);
  for (int f = 0; f < count; ++f) {
    // A commit spread over SIGs reaches at most the next two: never a sweep by itself.
    int s = spread && f > 0 ? (sig + 1 + static_cast<int>(rng.below(2))) % o.sigs : sig;
    std::string path;
    if (l.tools > 0 && rng.permille(15)) {
      path = l.tool(static_cast<long>(rng.below(static_cast<std::uint64_t>(l.tools))));
    } else if (rng.permille(4)) {
      changes.push_back(
          {fmt::format("sigs/{}/README.md", sig_name(s)), readme(s, o, static_cast<int>(n))});
      continue;
    } else {
      path = l.file(s, static_cast<long>(rng.below(static_cast<std::uint64_t>(l.per_sig))));
    }
    changes.push_back({path, fmt::format("// {}\n// revision {}\n", path, n)});
  }
  return changes;
}

void write_commit(FastImport& out, std::string_view ref, long mark, std::string_view who,
                  std::string_view zone, std::int64_t time, std::string_view message,
                  const std::vector<Change>& changes, long from = 0, long merge = 0) {
  out.print("commit {}\nmark :{}\n", ref, mark);
  out.print("author {} {} {}\ncommitter {} {} {}\n", who, time, zone, who, time, zone);
  out.data(message);
  if (from > 0) out.print("from :{}\n", from);
  if (merge > 0) out.print("merge :{}\n", merge);
  for (const Change& c : changes) out.modify(c.path, c.content);
  out.print("\n");
}

bool parse(int argc, char** argv, Options& o) {
  long sigs = o.sigs;
  long days = o.days;
  bool ok = sigwarden::bench::parse_flags(
      argc, argv,
      {{"--commits", &o.commits}, {"--sigs", &sigs}, {"--files", &o.files}, {"--days", &days}});
  o.sigs = static_cast<int>(std::min(sigs, 100L));
  o.days = static_cast<int>(days);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  if (!parse(argc, argv, o)) {
    std::fputs(
        "usage: sigwarden_gen_history [--commits N] [--sigs N (<= 100)] [--files N] [--days N]\n",
        stderr);
    return 2;
  }
  Layout l{o.sigs, std::max(1L, o.files * 98 / 100 / o.sigs), o.files / 50};
  const std::int64_t start = kLastCommit - static_cast<std::int64_t>(o.days) * 86400;
  FastImport out;
  Lcg rng(20260630);
  first_commit(out, o, l, start);
  long mark = 1;  // the last commit on main
  long next = 2;
  for (long n = 1; n <= o.commits; ++n) {
    std::int64_t time = start + (kLastCommit - start) * n / o.commits;
    int sig = pick_sig(rng, o.sigs);
    if (rng.permille(10)) {  // a bot bumps a SIG's dependency pin
      std::string path = l.file(sig, 0);
      mark = next++;
      write_commit(out, "refs/heads/main", mark, kBot, "+0000", time,
                   fmt::format("Bump a dependency of {}\n", sig_name(sig)),
                   {{path, fmt::format("// {}\n// pinned {}\n", path, n)}});
      continue;
    }
    int a = pick_author(rng, sig, o.sigs, time);
    if (rng.permille(1)) {  // a sweep: one file in each of 6 SIGs
      std::vector<Change> changes;
      for (int k = 0; k < 6; ++k) {
        std::string path = l.file((sig + k * std::max(1, o.sigs / 6)) % o.sigs, 1 % l.per_sig);
        changes.push_back({path, fmt::format("// {}\n// licence header {}\n", path, n)});
      }
      mark = next++;
      write_commit(out, "refs/heads/main", mark, author(a, false), tz(a), time,
                   fmt::format("Update licence headers ({})\n", n), changes);
      continue;
    }
    bool old_address = a < 20 && rng.chance(30);
    std::string message = fmt::format("{}: change {}\n", sig_name(sig), n);
    if (rng.chance(3)) {
      int co = pick_author(rng, sig, o.sigs, time);
      message += fmt::format("\nCo-authored-by: Dev {0:04} <dev{0:04}@example.com>\n", co);
    }
    std::vector<Change> changes = pick_changes(rng, o, l, sig, n);
    if (n % 50 == 25 && n + 1 <= o.commits) {
      // A side branch from main's tip, one commit on main, then the merge of both. The merge
      // repeats the side branch's changes: fast-import builds its tree from the first parent.
      long side = next++;
      write_commit(out, "refs/heads/topic", side, author(a, old_address), tz(a), time - 600,
                   message, changes, mark);
      std::int64_t main_time = start + (kLastCommit - start) * (n + 1) / o.commits;
      int b = pick_author(rng, sig, o.sigs, main_time);
      long main_commit = next++;
      write_commit(out, "refs/heads/main", main_commit, author(b, false), tz(b), main_time - 300,
                   fmt::format("{}: change {}\n", sig_name(sig), n + 1),
                   pick_changes(rng, o, l, sig, n + 1));
      mark = next++;
      write_commit(out, "refs/heads/main", mark, author(b, false), tz(b), main_time,
                   "Merge branch 'topic'\n", changes, 0, side);
      ++n;
      continue;
    }
    mark = next++;
    write_commit(out, "refs/heads/main", mark, author(a, old_address), tz(a), time, message,
                 changes);
  }
  return 0;
}
