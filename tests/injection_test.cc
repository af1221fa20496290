// Hostile repository text through every command and every output format, on one real git
// repository: a SIG whose name carries <script>, Markdown links and images, @mentions, `::`
// workflow commands, `%0A`, an ANSI escape, XML specials, `]]>`, backticks and table pipes; leads,
// CODEOWNERS patterns and owners, a MAINTAINERS name, file paths, a commit subject and an author
// name that do the same. Each format is checked against its own invariant (JSON parses and keeps
// the text, GitHub commands cannot be forged, JUnit is well-formed XML, Markdown has no live markup
// or mentions, text has no control characters and no forged lines, the HTML report has no element
// of its own from the text), and each check also finds the payload in its escaped form, so a
// payload that never reached the output cannot pass. docs/output-formats.md has the rules.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "git/repository.h"
#include "support/cli.h"
#include "support/golden.h"
#include "support/repo_builder.h"

namespace sigwarden {
namespace {

using nlohmann::json;
using testing::RepoBuilder;
using testing::run_cli;
using testing::TempDir;

const git::Library kLibgit2;

// ---------------------------------------------------------------------------------------------
// The payloads, as the repository holds them and as sigwarden reads them.

const std::string kAnsi = "\x1b[31m";
const std::string kScript = "<script>alert(1)</script>";
const std::string kLink = "[click](https://evil.example)";
const std::string kImage = "![img](https://evil.example/x.png)";

// The hostile SIG's link text in the index (Markdown escapes keep what the parser would strip)
// and the name the registry reads from it.
const std::string kSigNameSource =
    "\\<script\\>alert(1)\\</script\\> <img src=x onerror=alert(1)> @torvalds @evil-org/admins "
    "\\[click\\]\\(https://evil.example\\) !\\[img\\]\\(https://evil.example/x.png\\) "
    "::error::pwned %0A \x1b\\[31m &\"' \\` a\\|b \\]\\]\\> `c|d`";
const std::string kSigName =
    "<script>alert(1)</script> <img src=x onerror=alert(1)> @torvalds @evil-org/admins "
    "[click](https://evil.example) ![img](https://evil.example/x.png) ::error::pwned %0A "
    "\x1b[31m &\"' ` a|b ]]> c|d";
// A row added by the pull request whose link, percent-decoded, holds a newline and an escape.
const std::string kGhostDir = "sigs/ghost\n::error::x\x1b[31m";
// A folder under sigs/ that no row lists.
const std::string kOrphanDir = "sigs/orphan\x1b[31m<i>";
// Unowned files added by the pull request.
const std::string kHostilePath =
    "hostile/<script>alert(1)</script>\n::warning file=x::injected\r%0A\x1b[31m&\"'`|]]>.md";
const std::string kMentionPath = "hostile/@torvalds [click](javascript:alert(1)) ![img](x.png).md";
// A MAINTAINERS entry that owns sigs/ and src/ (the reviewer review picks first).
const std::string kMaintainer = "Mal|lory `x` ::error::pwned " + kLink + " @torvalds & \"q\" 'a' " +
                                kAnsi + "red <mal@example.org>";
// Leads of the hostile SIG without a profile link, as the registry reads them (the README escapes
// a backtick that the name cleaning drops).
const std::string kEveLead = "Eve\x1b]0;pwned\x07 %0A &\"'>  x";
const std::string kZedLead = "Zed\x1b]2;t\x07 &amp;\"' ]]> %0A";  // added by the pull request
// CODEOWNERS: a valid pattern with XML and Markdown specials, one with an escape, an owner that
// is not valid (an ownership-syntax finding), and a pattern that matches nothing.
const std::string kPattern = "/src/*<b>&\"'|`x.c";
const std::string kEscPattern = "/src/*\x1b*.c";
const std::string kBadOwner = "<script>alert(1)</script>\x1b[31m";
const std::string kUnusedPattern = "/tools/%0A::error::x";
// The pull request's commits: a sweep (it touches two SIGs) whose subject is hostile, by an
// author whose name is hostile, and a commit of the hostile SIG alone by another hostile author.
const std::string kSubject = "add <script>alert(1)</script> SIG ::error::pwned %0A \x1b[31m";
const std::string kAuthor = "Evil " + kLink + " @torvalds ::error::x %0A \x1b[31m &\"'|`";
const std::string kContributor = "Trudy @torvalds ![img](x.png) ::warning::y %0A \x1b[1m &'\"`|";

// Expected escaped forms, written out by hand from docs/output-formats.md.
const std::string kSigNameMarkdown =
    "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; @&#8203;torvalds "
    "@&#8203;evil-org/admins \\[click\\](https:&#8203;//evil.example) "
    "!\\[img\\](https:&#8203;//evil.example/x.png) ::error::pwned %0A \\x1b\\[31m &amp;\"' \\` "
    "a\\|b \\]\\]&gt; c\\|d";
const std::string kSigNameGithub =
    "<script>alert(1)</script> <img src=x onerror=alert(1)> @torvalds @evil-org/admins "
    "[click](https://evil.example) ![img](https://evil.example/x.png) ::error::pwned %250A "
    "\\x1b[31m &\"' ` a|b ]]> c|d";
const std::string kSigNameXml =
    "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; @torvalds "
    "@evil-org/admins [click](https://evil.example) ![img](https://evil.example/x.png) "
    "::error::pwned %0A \\x1b[31m &amp;&quot;&apos; ` a|b ]]&gt; c|d";
const std::string kSigNameHtml = kSigNameXml;

// The repository: an initial commit, the base (refs/heads/base) and a pull request of two commits
// on top (HEAD). The hostile SIG, its leads and the ownership files are there from the start, so
// `review` (which reads the registry at the base) sees them; the pull request adds the findings
// that `check` reports as new (a missing folder, an unlisted folder, unowned files, governance
// changes) and the history `report` shows.
struct HostileRepo {
  TempDir dir;
  std::string repo;

  HostileRepo() {
    const std::string index_head =
        "# SIGs\n\n| SIG name | Scope | SIG Leads |\n|:---|:---|:---|\n"
        "| [Docs](docs/README.md) | docs | [@bob](https://gitee.com/bob) |\n"
        "| [" +
        kSigNameSource + "](evil/README.md) | " + kLink +
        " | [@torvalds](https://github.com/torvalds) |\n";
    const std::string docs_readme =
        "# Docs SIG\n\n## SIG Leads\n\n- Bob Roe [@bob](https://gitee.com/bob)\n\n## Contact\n\n"
        "- Mailing list: docs@lists.example.org\n";
    const std::string evil_readme = "# Evil\n\n" + kLink + " " + kImage +
                                    "\n\n## SIG Leads\n\n"
                                    "- Evil \\<script\\>alert(1)\\</script\\> "
                                    "[@torvalds](https://github.com/torvalds)\n"
                                    "- Eve\x1b]0;pwned\x07 %0A &\"'> \\` x\n";
    RepoBuilder b(dir.path());
    b.put(".sigwarden.yaml", "report:\n  sweep_sigs: 1\nreview:\n  fallback: ['@org/triage']\n");
    b.put(".github/CODEOWNERS", "/sigs/ @alice @evil-org/admins\n" + kPattern + " @bob\n" +
                                    "/src/*]]>* @bob\n" + kEscPattern + " @bob\n" + "/payload/ " +
                                    kBadOwner + "\n" + kUnusedPattern + " @carol\n");
    b.put("MAINTAINERS", "SIGS\nM:\t" + kMaintainer + "\nS:\tMaintained\nF:\tsigs/\nF:\tsrc/\n");
    b.put("sigs/README.md", index_head);
    b.put("sigs/docs/README.md", docs_readme);
    b.put("sigs/evil/README.md", evil_readme);
    b.put("src/a.c", "a\n");
    b.commit("initial", 1700000000 - 120 * 86400);
    b.put("src/b.c", "b\n");
    b.commit("base", 1700000000 - 10 * 86400);
    b.ref("base");

    b.put("sigs/evil/notes.md", "notes\n");
    b.commit("notes " + kScript, 1700000000 - 3600, kContributor, "trudy@example.org");
    b.put("sigs/README.md", index_head +
                                "| [Ghost ::warning::x](ghost%0A::error::x%1B[31m/README.md) | x | "
                                "[@evil-org/admins](https://github.com/evil-org) |\n");
    b.put("sigs/docs/README.md", docs_readme + "\nMore docs.\n");
    b.put("sigs/evil/README.md", evil_readme + "- Zed\x1b]2;t\x07 &amp;\"' ]]> %0A\n");
    b.put(kOrphanDir + "/README.md", "# Orphan\n");
    b.put(kHostilePath, "x\n");
    b.put(kMentionPath, "x\n");
    b.put("src/q<b>&\"'|`x.c", "x\n");
    b.put("src/s\x1b[31m.c", "x\n");
    b.commit(kSubject + "\n\n::warning file=x::injected\r\n%0A::error::y\n", 1700000000, kAuthor,
             "evil@example.org");
    repo = dir.path().string();
  }
};

// ---------------------------------------------------------------------------------------------
// Helpers shared by the formats.

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool contains(const std::string& s, const std::string& what) {
  return s.find(what) != std::string::npos;
}

std::size_t count_of(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7f; }

// The control characters of s other than those in allowed, as "\xNN" (empty when there are none).
std::string raw_controls(std::string_view s, std::string_view allowed) {
  std::string found;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (is_control(u) && allowed.find(c) == std::string_view::npos) {
      found += fmt::format("\\x{:02x}", u);
    }
  }
  return found;
}

// How the text formats show repository text: each control character (except those in keep) as
// the four characters `\xNN`. Written here from the documentation, independently of src/output.
std::string visible(std::string_view s, std::string_view keep = "") {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (is_control(u) && keep.find(c) == std::string_view::npos) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
  }
  return out;
}

// Decodes %XX escapes (a URI path back to the repository path).
std::string percent_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// Every string value in a JSON document (object keys excluded).
void collect_strings(const json& j, std::vector<std::string>& out) {
  if (j.is_string()) {
    out.push_back(j.get<std::string>());
  } else if (j.is_structured()) {
    for (const auto& v : j) {
      collect_strings(v, out);
    }
  }
}

bool has_string(const json& doc, const std::string& value) {
  std::vector<std::string> all;
  collect_strings(doc, all);
  return std::find(all.begin(), all.end(), value) != all.end();
}

bool has_substring(const json& doc, const std::string& part) {
  std::vector<std::string> all;
  collect_strings(doc, all);
  return std::any_of(all.begin(), all.end(),
                     [&](const std::string& s) { return contains(s, part); });
}

// Parses a JSON output: the document must parse, hold no raw control character (JSON strings
// escape them; only the layout's newlines remain) and no invalid UTF-8 (the parser rejects it).
json parse_json_output(const std::string& out) {
  EXPECT_EQ(raw_controls(out, "\n"), "") << out;
  json doc;
  try {
    doc = json::parse(out);
  } catch (const json::exception& e) {
    ADD_FAILURE() << "not JSON: " << e.what() << "\n" << out;
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------
// GitHub workflow commands.

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t at = s.find(sep);; at = s.find(sep, start)) {
    parts.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) break;
    start = at + 1;
  }
  return parts;
}

struct GithubCommand {
  std::string command;
  std::map<std::string, std::string> properties;  // unescaped
  std::string data;                               // unescaped
};

// Undoes GitHub's escaping (what the runner does); fails on a '%' that starts no known escape.
std::string github_unescape(const std::string& s, bool property) {
  std::map<std::string, char> escapes = {{"%25", '%'}, {"%0D", '\r'}, {"%0A", '\n'}};
  if (property) {
    escapes["%3A"] = ':';
    escapes["%2C"] = ',';
  }
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    auto it = escapes.find(s.substr(i, 3));
    if (it == escapes.end()) {
      ADD_FAILURE() << "'%' that GitHub would not unescape at " << i << " in: " << s;
      out += s[i];
      continue;
    }
    out += it->second;
    i += 2;
  }
  return out;
}

// Reads the `github` output: one command per line, each `::error|warning|notice PROPS::DATA`
// with known properties whose values hold no ':' or ',' (so no property can end the property
// list or start another), and a last plain line that starts with a digit. Nothing in it is raw
// CR, LF inside a line or another control character.
std::vector<GithubCommand> parse_github(const std::string& out) {
  EXPECT_EQ(raw_controls(out, "\n"), "") << out;
  EXPECT_TRUE(out.ends_with("\n"));
  std::vector<std::string> lines = lines_of(out);
  std::vector<GithubCommand> commands;
  if (lines.empty()) {
    ADD_FAILURE() << "no output";
    return commands;
  }
  const std::set<std::string> kCommands = {"error", "warning", "notice"};
  const std::set<std::string> kProperties = {"file", "line", "col", "title"};
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    const std::string& line = lines[i];
    SCOPED_TRACE(line);
    if (!line.starts_with("::")) {
      ADD_FAILURE() << "not a workflow command";
      continue;
    }
    std::size_t space = line.find(' ', 2);
    std::size_t end = line.find("::", 2);
    if (space == std::string::npos || end == std::string::npos || space > end) {
      ADD_FAILURE() << "no properties";
      continue;
    }
    GithubCommand c;
    c.command = line.substr(2, space - 2);
    EXPECT_TRUE(kCommands.count(c.command)) << c.command;
    std::string props = line.substr(space + 1, end - space - 1);
    for (const std::string& prop : split(props, ',')) {
      std::size_t eq = prop.find('=');
      if (eq == std::string::npos) {
        ADD_FAILURE() << "property without a value: " << prop;
        continue;
      }
      std::string key = prop.substr(0, eq);
      EXPECT_TRUE(kProperties.count(key)) << key;
      EXPECT_EQ(prop.find(':'), std::string::npos) << prop;
      c.properties[key] = github_unescape(prop.substr(eq + 1), true);
    }
    c.data = github_unescape(line.substr(end + 2), false);
    commands.push_back(std::move(c));
  }
  const std::string& summary = lines.back();
  EXPECT_TRUE(!summary.empty() && summary[0] >= '0' && summary[0] <= '9') << summary;
  github_unescape(summary, false);  // escaped as data: only known escapes
  return commands;
}

// ---------------------------------------------------------------------------------------------
// XML (JUnit).

// Decodes the five entities and numeric character references; fails on any other '&'.
std::string xml_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    std::size_t semi = s.find(';', i);
    std::string entity = semi == std::string::npos ? "" : s.substr(i + 1, semi - i - 1);
    static const std::map<std::string, char> kNamed = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    if (auto it = kNamed.find(entity); it != kNamed.end()) {
      out += it->second;
    } else if (entity.size() > 1 && entity[0] == '#' &&
               entity.find_first_not_of("0123456789", 1) == std::string::npos) {
      int code = std::stoi(entity.substr(1));
      EXPECT_TRUE(code == 9 || code == 10 || code == 13 || code >= 0x20) << "&" << entity << ";";
      EXPECT_LT(code, 0x80) << "only ASCII references are expected";
      out += static_cast<char>(code);
    } else {
      ADD_FAILURE() << "raw '&' at " << i << " in: " << s;
      out += '&';
      continue;
    }
    i = semi;
  }
  return out;
}

struct XmlElement {
  std::string name;
  std::map<std::string, std::string> attributes;  // decoded
  std::string text;                               // decoded text directly inside
};

// A small well-formedness check for the JUnit document: the XML declaration, then elements only
// (no comments, CDATA or processing instructions: sigwarden writes none), every tag balanced,
// attribute values double-quoted without a raw '<', '&' only in references, no character XML 1.0
// forbids (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF), and no raw CR. Returns the
// elements in document order.
std::vector<XmlElement> parse_xml(const std::string& doc) {
  EXPECT_EQ(raw_controls(doc, "\t\n"), "");
  EXPECT_FALSE(contains(doc, "\xEF\xBF\xBE") || contains(doc, "\xEF\xBF\xBF"));
  std::vector<XmlElement> elements;
  const std::string kDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (!doc.starts_with(kDecl)) {
    ADD_FAILURE() << "no XML declaration";
    return elements;
  }
  std::vector<std::size_t> open;  // indexes into elements
  std::size_t i = kDecl.size();
  while (i < doc.size()) {
    std::size_t lt = doc.find('<', i);
    std::string text = doc.substr(i, (lt == std::string::npos ? doc.size() : lt) - i);
    EXPECT_EQ(text.find('>'), std::string::npos) << "raw '>' in text: " << text;
    std::string decoded = xml_decode(text);
    if (!open.empty()) {
      elements[open.back()].text += decoded;
    } else {
      EXPECT_EQ(decoded.find_first_not_of(" \n"), std::string::npos) << "text outside the root";
    }
    if (lt == std::string::npos) break;
    std::size_t gt = doc.find('>', lt);
    if (gt == std::string::npos) {
      ADD_FAILURE() << "unterminated tag";
      break;
    }
    std::string tag = doc.substr(lt + 1, gt - lt - 1);
    i = gt + 1;
    if (tag.starts_with("/")) {
      std::string name = tag.substr(1);
      if (open.empty() || elements[open.back()].name != name) {
        ADD_FAILURE() << "</" << name << "> closes nothing open";
      } else {
        open.pop_back();
      }
      continue;
    }
    bool empty = tag.ends_with("/");
    if (empty) tag.pop_back();
    XmlElement e;
    std::size_t p = tag.find_first_of(" \n\t");
    e.name = tag.substr(0, p);
    EXPECT_FALSE(e.name.empty()) << tag;
    EXPECT_EQ(e.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-"), std::string::npos)
        << "element name: " << e.name;
    while (p != std::string::npos && p < tag.size()) {
      p = tag.find_first_not_of(" ", p);
      if (p == std::string::npos) break;
      std::size_t eq = tag.find('=', p);
      if (eq == std::string::npos || eq + 1 >= tag.size() || tag[eq + 1] != '"') {
        ADD_FAILURE() << "attribute without a quoted value in <" << tag << ">";
        break;
      }
      std::string key = tag.substr(p, eq - p);
      std::size_t close = tag.find('"', eq + 2);
      if (close == std::string::npos) {
        ADD_FAILURE() << "unterminated attribute " << key;
        break;
      }
      std::string value = tag.substr(eq + 2, close - eq - 2);
      EXPECT_EQ(value.find_first_of("<\n\t"), std::string::npos)
          << key << "=\"" << value
          << "\" (raw '<', or a line break a parser would turn into a space)";
      EXPECT_FALSE(e.attributes.count(key)) << "duplicate attribute " << key;
      e.attributes[key] = xml_decode(value);
      p = close + 1;
      EXPECT_TRUE(p >= tag.size() || tag[p] == ' ') << "no space after " << key;
    }
    elements.push_back(std::move(e));
    if (!empty) open.push_back(elements.size() - 1);
  }
  EXPECT_TRUE(open.empty()) << "unclosed <" << elements[open.back()].name << ">";
  return elements;
}

// ---------------------------------------------------------------------------------------------
// Markdown (GitHub Flavored Markdown as GitHub renders comments, summaries and files).

// One line of Markdown as a reader sees it, and what in it is live syntax. Backslash escapes and
// code spans are followed as CommonMark does (a backslash before ASCII punctuation makes it
// literal; a run of n backticks opens a span that the next run of exactly n closes; backslashes
// are literal inside spans).
struct MarkdownLine {
  std::string live;   // characters outside code spans that are not escaped ('\0' in place of
                      // escaped characters and code spans)
  std::string shown;  // the text a reader sees (escapes removed, code span content verbatim,
                      // entities of the text decoded, zero-width spaces removed)
};

bool is_ascii_punct(char c) {
  return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
         (c >= '{' && c <= '~');
}

// Decodes the entities sigwarden writes in Markdown text (&lt; &gt; &amp; &quot; &#8203;).
std::string markdown_entities(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool matched = false;
    for (const auto& [entity, text] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""}, {"&#8203;", ""}}) {
      if (s.compare(i, entity.size(), entity) == 0) {
        out += text;
        i += entity.size() - 1;
        matched = true;
        break;
      }
    }
    if (!matched) out += s[i];
  }
  return out;
}

MarkdownLine read_markdown_line(const std::string& line) {
  MarkdownLine r;
  std::string pending;  // live text not yet entity-decoded
  auto flush = [&] {
    r.shown += markdown_entities(pending);
    pending.clear();
  };
  for (std::size_t i = 0; i < line.size();) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size() && is_ascii_punct(line[i + 1])) {
      flush();
      r.live += '\0';
      r.shown += line[i + 1];
      i += 2;
      continue;
    }
    if (c == '`') {
      std::size_t run = line.find_first_not_of('`', i);
      if (run == std::string::npos) run = line.size();
      std::size_t n = run - i;
      std::size_t close = run;
      bool found = false;
      while ((close = line.find('`', close)) != std::string::npos) {
        std::size_t close_end = line.find_first_not_of('`', close);
        if (close_end == std::string::npos) close_end = line.size();
        if (close_end - close == n) {
          found = true;
          break;
        }
        close = close_end;
      }
      flush();
      if (found) {
        r.live += std::string(close + n - i, '\0');
        r.shown += line.substr(run, close - run);
        i = close + n;
      } else {
        r.live += std::string(n, '\0');  // a literal run of backticks
        r.shown += std::string(n, '`');
        i = run;
      }
      continue;
    }
    r.live += c;
    pending += c;
    ++i;
  }
  flush();
  return r;
}

// The cells of a table row, split as GFM does: at every pipe not escaped by a backslash, code
// spans included. The outer pipes give no cell.
std::vector<std::string> table_cells(const std::string& row) {
  std::vector<std::string> cells;
  std::string cell;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size()) {
      cell += row.substr(i, 2);
      ++i;
    } else if (row[i] == '|') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  cells.push_back(cell);
  if (!cells.empty() && cells.front().find_first_not_of(' ') == std::string::npos) {
    cells.erase(cells.begin());
  }
  if (!cells.empty() && cells.back().find_first_not_of(' ') == std::string::npos) cells.pop_back();
  for (std::string& c : cells) {
    c.erase(0, c.find_first_not_of(' '));
    c.erase(c.find_last_not_of(' ') + 1);
  }
  return cells;
}

// The pieces of a line that GFM parses as inline content: the cells of a table row (split first,
// then "\|" read as a pipe), else the whole line.
std::vector<std::string> inline_runs(const std::string& line) {
  if (!line.starts_with("|")) return {line};
  std::vector<std::string> runs;
  for (const std::string& cell : table_cells(line)) {
    std::string unpiped;
    for (std::size_t i = 0; i < cell.size(); ++i) {
      if (cell[i] == '\\' && i + 1 < cell.size() && cell[i + 1] == '|') continue;
      unpiped += cell[i];
    }
    runs.push_back(unpiped);
  }
  return runs;
}

// The live @mentions (a login or org/team after '@' outside code spans and escapes) of a run.
std::vector<std::string> mentions_in(const std::string& live) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < live.size(); ++i) {
    if (live[i] != '@' || i + 1 >= live.size() ||
        !std::isalnum(static_cast<unsigned char>(live[i + 1]))) {
      continue;
    }
    std::size_t end = live.find_first_not_of(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./", i + 1);
    std::string who = live.substr(i, end == std::string::npos ? std::string::npos : end - i);
    while (!who.empty() && (who.back() == '.' || who.back() == '/')) who.pop_back();
    out.push_back(who);
  }
  return out;
}

// The problems of a Markdown document written from hostile text: raw control characters; live
// '<' other than sigwarden's own tags (HTML, autolinks); live '[' or ']' (links, images:
// sigwarden's own Markdown has none); a live @mention of anyone not in `mentions`; a live URL or
// www. autolink; a table row with another number of cells than its header.
std::vector<std::string> markdown_problems(const std::string& md,
                                           const std::set<std::string>& mentions,
                                           const std::vector<std::string>& own_tags) {
  std::vector<std::string> problems;
  if (std::string c = raw_controls(md, "\n"); !c.empty()) problems.push_back("raw controls " + c);
  std::size_t header_cells = 0;
  for (const std::string& line : lines_of(md)) {
    if (line.starts_with("|")) {
      std::size_t n = table_cells(line).size();
      if (header_cells == 0) {
        header_cells = n;
      } else if (n != header_cells) {
        problems.push_back(fmt::format("{} cells instead of {}: {}", n, header_cells, line));
      }
    } else {
      header_cells = 0;
    }
    for (const std::string& run : inline_runs(line)) {
      std::string live = read_markdown_line(run).live;
      for (std::size_t i = 0; i < live.size(); ++i) {
        char c = live[i];
        if (c == '<') {
          bool own = std::any_of(own_tags.begin(), own_tags.end(), [&](const std::string& tag) {
            return run.compare(i, tag.size(), tag) == 0;
          });
          if (!own) problems.push_back("live '<' in: " + line);
        } else if (c == '[' || c == ']') {
          problems.push_back(std::string("live '") + c + "' in: " + line);
        } else if (live.compare(i, 3, "://") == 0) {
          problems.push_back("live URL in: " + line);
        } else if ((c == 'w' || c == 'W') &&
                   (i == 0 || !std::isalnum(static_cast<unsigned char>(live[i - 1]))) &&
                   i + 3 < live.size() &&
                   std::tolower(static_cast<unsigned char>(live[i + 1])) == 'w' &&
                   std::tolower(static_cast<unsigned char>(live[i + 2])) == 'w' &&
                   live[i + 3] == '.') {
          problems.push_back("live www. in: " + line);
        }
      }
      for (const std::string& who : mentions_in(live)) {
        if (!mentions.count(who)) problems.push_back("live mention " + who + " in: " + line);
      }
    }
  }
  return problems;
}

// The live @mentions of a Markdown document, in order.
std::vector<std::string> live_mentions(const std::string& md) {
  std::vector<std::string> out;
  for (const std::string& line : lines_of(md)) {
    for (const std::string& run : inline_runs(line)) {
      for (std::string& who : mentions_in(read_markdown_line(run).live)) out.push_back(who);
    }
  }
  return out;
}

// The rows (as shown) of every table in a Markdown document.
std::vector<std::vector<std::string>> shown_table_rows(const std::string& md) {
  std::vector<std::vector<std::string>> rows;
  for (const std::string& line : lines_of(md)) {
    if (!line.starts_with("|")) continue;
    std::vector<std::string> row;
    for (const std::string& run : inline_runs(line)) row.push_back(read_markdown_line(run).shown);
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// The shared repository and the reference JSON documents.

class Injection : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { repo_ = std::make_unique<HostileRepo>(); }
  static void TearDownTestSuite() { repo_.reset(); }

  static const std::string& repo() { return repo_->repo; }

  // The arguments of lint, audit or check with a format.
  static std::vector<std::string> findings_args(const std::string& command,
                                                const std::string& format) {
    std::vector<std::string> args = {command, "--repo", repo(), "--format", format};
    if (command == "check") {
      args.insert(args.end(), {"--base", "base"});
    }
    return args;
  }

  // Runs lint, audit or check; lint and check find errors (status 1), audit only warnings.
  static std::string findings(const std::string& command, const std::string& format,
                              const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = findings_args(command, format);
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_cli(args);
    EXPECT_EQ(r.status, command == "audit" ? 0 : 1) << command << " " << format << ": " << r.err;
    EXPECT_EQ(r.err, "") << command << " " << format;
    return r.out;
  }

  // The findings of the JSON document of lint, audit or check: the reference the other formats
  // are compared with.
  static json reference(const std::string& command) {
    return json::parse(findings(command, "json"))["findings"];
  }

  static std::unique_ptr<HostileRepo> repo_;
};

std::unique_ptr<HostileRepo> Injection::repo_;

const std::vector<std::string> kFindingCommands = {"lint", "audit", "check"};

// The payloads each of lint, audit and check must report, as raw text in some finding's message
// (the JSON reference); each format test then finds them in its own escaped form.
std::vector<std::string> payloads_of(const std::string& command) {
  if (command == "lint") return {kSigName, kGhostDir, kOrphanDir};
  if (command == "audit") return {kBadOwner, kUnusedPattern};
  return {kGhostDir, kOrphanDir, kHostilePath, kMentionPath, kMaintainer, kEveLead};
}

std::string location_text(const json& f) {
  std::string path = f["location"]["path"];
  int line = f["location"]["line"];
  int column = f["location"]["column"];
  if (line <= 0) return path;
  return fmt::format("{}:{}:{}", path, line, column > 0 ? column : 1);
}

// ---------------------------------------------------------------------------------------------
// lint, audit and check.

TEST_F(Injection, RepositoryCarriesEveryPayloadIntoTheFindings) {
  for (const std::string& command : kFindingCommands) {
    SCOPED_TRACE(command);
    json list = reference(command);
    ASSERT_FALSE(list.empty());
    for (const std::string& payload : payloads_of(command)) {
      bool found = false;
      for (const auto& f : list) {
        found = found || contains(f["message"].get<std::string>(), payload);
      }
      EXPECT_TRUE(found) << visible(payload);
    }
  }
  // The hostile SIG is the SIG of findings of lint and check (a group title in every format).
  for (const char* command : {"lint", "check"}) {
    std::set<std::string> sigs;
    for (const auto& f : reference(command)) sigs.insert(f["sig"].get<std::string>());
    EXPECT_TRUE(sigs.count(kSigName)) << command;
  }
  json check = reference("check");
  std::set<std::string> rules;
  for (const auto& f : check) rules.insert(f["rule"].get<std::string>());
  EXPECT_EQ(rules, (std::set<std::string>{"governance-change", "sig-folder-missing",
                                          "sig-unlisted-folder", "unowned-change"}));
}

TEST_F(Injection, JsonSarifGitlabAndRdjsonKeepTheTextExactly) {
  for (const std::string& command : kFindingCommands) {
    SCOPED_TRACE(command);
    json doc = parse_json_output(findings(command, "json"));
    std::multiset<std::string> messages;
    for (const auto& f : doc["findings"]) messages.insert(f["message"].get<std::string>());
    for (const std::string& payload : payloads_of(command)) {
      EXPECT_TRUE(has_substring(doc, payload)) << visible(payload);
    }
    // The raw escape reaches the document only as a JSON escape.
    EXPECT_TRUE(contains(findings(command, "json"), "\\u001b[31m"));

    json sarif = parse_json_output(findings(command, "sarif"));
    std::multiset<std::string> sarif_messages;
    std::set<std::string> sarif_paths;
    for (const auto& r : sarif["runs"][0]["results"]) {
      sarif_messages.insert(r["message"]["text"].get<std::string>());
      // URIs are percent-encoded: nothing but unreserved characters, '/' and escapes.
      std::string uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
      EXPECT_EQ(uri.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789-._~/%"),
                std::string::npos)
          << uri;
      sarif_paths.insert(percent_decode(uri));
    }
    EXPECT_EQ(sarif_messages, messages);

    json gitlab = parse_json_output(findings(command, "gitlab"));
    std::multiset<std::string> gitlab_messages;
    std::set<std::string> gitlab_paths;
    for (const auto& issue : gitlab) {
      gitlab_messages.insert(issue["description"].get<std::string>());
      gitlab_paths.insert(issue["location"]["path"].get<std::string>());
    }
    EXPECT_EQ(gitlab_messages, messages);

    json rdjson = parse_json_output(findings(command, "rdjson"));
    std::multiset<std::string> rdjson_messages;
    std::set<std::string> rdjson_paths;
    for (const auto& d : rdjson["diagnostics"]) {
      rdjson_messages.insert(d["message"].get<std::string>());
      rdjson_paths.insert(d["location"]["path"].get<std::string>());
    }
    EXPECT_EQ(rdjson_messages, messages);

    // Paths round-trip too: the SARIF URI decodes to the path, GitLab and rdjson carry it.
    std::string path = command == "lint"    ? kOrphanDir + "/README.md"
                       : command == "check" ? kHostilePath
                                            : ".github/CODEOWNERS";
    EXPECT_TRUE(sarif_paths.count(path)) << visible(path);
    EXPECT_TRUE(gitlab_paths.count(path)) << visible(path);
    EXPECT_TRUE(rdjson_paths.count(path)) << visible(path);
    if (command == "check") {
      EXPECT_TRUE(
          contains(findings(command, "sarif"),
                   "hostile/%3Cscript%3Ealert%281%29%3C/script%3E%0A%3A%3Awarning%20file%3Dx"
                   "%3A%3Ainjected%0D%250A%1B%5B31m%26%22%27%60%7C%5D%5D%3E.md"));
    }
  }
}

TEST_F(Injection, GithubCommandsCannotBeForged) {
  for (const std::string& command : kFindingCommands) {
    SCOPED_TRACE(command);
    json ref = reference(command);
    std::string out = findings(command, "github");
    std::vector<GithubCommand> commands = parse_github(out);
    ASSERT_EQ(commands.size(), ref.size()) << out;
    // What the runner shows is the message, with its line breaks and other control characters
    // made visible.
    std::multiset<std::string> shown;
    std::multiset<std::string> expected;
    std::set<std::string> files;
    for (const auto& c : commands) {
      shown.insert(c.data);
      files.insert(c.properties.at("file"));
    }
    for (const auto& f : ref) expected.insert(visible(f["message"].get<std::string>(), "\r\n"));
    EXPECT_EQ(shown, expected);
    // The escaped forms themselves.
    if (command == "lint") {
      EXPECT_TRUE(contains(out, kSigNameGithub)) << out;
      EXPECT_TRUE(contains(out, "folder sigs/ghost%0A::error::x\\x1b[31m does not exist")) << out;
      EXPECT_TRUE(files.count(visible(kOrphanDir) + "/README.md"));
      EXPECT_TRUE(contains(out, "::warning file=sigs/orphan\\x1b[31m<i>/README.md,line=1,col=1,"));
    }
    if (command == "audit") {
      EXPECT_TRUE(contains(out, "owner '<script>alert(1)</script>\\x1b[31m' is not")) << out;
      EXPECT_TRUE(contains(out, "pattern '/tools/%250A::error::x' matches no file")) << out;
    }
    if (command == "check") {
      EXPECT_TRUE(files.count(visible(kHostilePath, "\r\n")));
      EXPECT_TRUE(contains(out,
                           "::warning file=hostile/<script>alert(1)</script>%0A%3A%3Awarning "
                           "file=x%3A%3Ainjected%0D%250A\\x1b[31m&\"'`|]]>.md,title=unowned-"
                           "change::hostile/<script>alert(1)</script>%0A::warning file=x::"
                           "injected%0D%250A\\x1b[31m&\"'`|]]>.md is changed"))
          << out;
      EXPECT_TRUE(contains(out, "Eve\\x1b]0;pwned\\x07 %250A &\"'>  x")) << out;
    }
  }
}

TEST_F(Injection, GithubJobSummaryIsInertMarkdown) {
  TempDir out;
  std::string summary = (out.path() / "summary.md").string();
  ::setenv("GITHUB_STEP_SUMMARY", summary.c_str(), 1);
  auto r = run_cli(findings_args("check", "github"));
  ::unsetenv("GITHUB_STEP_SUMMARY");
  EXPECT_EQ(r.status, 1) << r.err;
  std::string md = testing::read_file(summary);
  EXPECT_EQ(markdown_problems(md, {}, {"<details>", "<summary>", "</summary>", "</details>"}),
            std::vector<std::string>());
  EXPECT_TRUE(contains(md, "| " + kSigNameMarkdown + " |  | 0 | 1 | 0 |")) << md;
  EXPECT_TRUE(contains(md, "sigs/ghost\\x0a::error::x\\x1b\\[31m")) << md;
}

TEST_F(Injection, JunitIsWellFormedXmlThatKeepsTheText) {
  for (const std::string& command : kFindingCommands) {
    SCOPED_TRACE(command);
    json ref = reference(command);
    std::string out = findings(command, "junit");
    std::vector<XmlElement> elements = parse_xml(out);
    // One testcase per finding; its failure (or system-out) says the message and the location.
    std::multiset<std::string> messages;
    std::multiset<std::string> expected;
    std::set<std::string> suites;
    std::set<std::string> expected_suites;
    std::size_t bodies = 0;
    for (const XmlElement& e : elements) {
      if (e.name == "failure") messages.insert(e.attributes.at("message"));
      if (e.name == "testsuite") suites.insert(e.attributes.at("name"));
      if (e.name == "failure" || e.name == "system-out") {
        ++bodies;
        bool found = false;
        for (const auto& f : ref) {
          std::string line = visible(location_text(f), "\t\n\r") + ": " +
                             f["level"].get<std::string>() + ": " +
                             visible(f["message"].get<std::string>(), "\t\n\r") + " [" +
                             f["rule"].get<std::string>() + "]";
          found = found || e.text.starts_with(line);
        }
        EXPECT_TRUE(found) << e.text;
      }
    }
    EXPECT_EQ(bodies, ref.size());
    for (const auto& f : ref) {
      if (f["level"] != "note") expected.insert(visible(f["message"].get<std::string>(), "\t\n\r"));
      std::string sig = f["sig"];
      expected_suites.insert(sig.empty() ? "repository" : visible(sig, "\t\n\r"));
    }
    EXPECT_EQ(messages, expected);
    EXPECT_EQ(suites, expected_suites);
    if (command == "lint") {
      EXPECT_TRUE(contains(out, "<testsuite name=\"" + kSigNameXml + "\"")) << out;
      EXPECT_TRUE(contains(out, "folder sigs/ghost&#10;::error::x\\x1b[31m does not exist\""))
          << out;
      EXPECT_TRUE(contains(out, "file=\"sigs/orphan\\x1b[31m&lt;i&gt;/README.md\"")) << out;
    }
    if (command == "check") {
      EXPECT_TRUE(contains(out,
                           "file=\"hostile/&lt;script&gt;alert(1)&lt;/script&gt;&#10;::warning "
                           "file=x::injected&#13;%0A\\x1b[31m&amp;&quot;&apos;`|]]&gt;.md\""))
          << out;
    }
    EXPECT_FALSE(contains(out, "]]>"));  // '>' is always escaped: no CDATA end, no stray markup
  }
}

TEST_F(Injection, MarkdownHasNoLiveMarkupMentionsOrBrokenTables) {
  for (const std::string& command : kFindingCommands) {
    SCOPED_TRACE(command);
    json ref = reference(command);
    std::string out = findings(command, "markdown");
    EXPECT_EQ(markdown_problems(out, {}, {}), std::vector<std::string>()) << out;
    // Every finding's row shows exactly its location, level, rule and message.
    auto rows = shown_table_rows(out);
    for (const auto& f : ref) {
      std::vector<std::string> row = {visible(location_text(f)), f["level"].get<std::string>(),
                                      f["rule"].get<std::string>(),
                                      visible(f["message"].get<std::string>())};
      EXPECT_NE(std::find(rows.begin(), rows.end(), row), rows.end())
          << visible(f["message"].get<std::string>());
    }
    if (command != "audit") {
      EXPECT_TRUE(contains(out, "\n## " + kSigNameMarkdown)) << out;
      EXPECT_TRUE(contains(out, "folder sigs/ghost\\x0a::error::x\\x1b\\[31m does not exist"))
          << out;
    }
    if (command == "audit") {
      EXPECT_TRUE(contains(out, "owner '&lt;script&gt;alert(1)&lt;/script&gt;\\x1b\\[31m'")) << out;
    }
    if (command == "check") {
      EXPECT_TRUE(contains(out,
                           "hostile/@&#8203;torvalds \\[click\\](javascript:alert(1)) "
                           "!\\[img\\](x.png).md is changed"))
          << out;
      EXPECT_TRUE(contains(out,
                           "Mal\\|lory \\`x\\` ::error::pwned \\[click\\](https:&#8203;//"
                           "evil.example) @&#8203;torvalds &amp; \"q\" 'a' \\x1b\\[31mred "
                           "&lt;mal@&#8203;example.org&gt;"))
          << out;
    }
  }
}

TEST_F(Injection, TextHasNoControlCharactersOrForgedLines) {
  for (const std::string& command : kFindingCommands) {
    SCOPED_TRACE(command);
    json ref = reference(command);
    std::string out = findings(command, "text", {"--color", "never"});
    EXPECT_EQ(raw_controls(out, "\n"), "") << out;
    // The lines are exactly: per group a title, its findings and a blank line; the summary; and
    // for audit the unowned-files line. A payload's line break would add a line.
    std::vector<std::string> lines = lines_of(out);
    std::size_t groups = 0;
    std::string last = "\x01";
    for (const auto& f : ref) {
      std::string sig = f["sig"];
      if (sig != last) {
        // A group's title: its SIG and the folder of its first finding.
        ++groups;
        std::string dir = f["dir"];
        std::string title = sig.empty()
                                ? "repository"
                                : visible(sig) + (dir.empty() ? "" : " (" + visible(dir) + ")");
        EXPECT_NE(std::find(lines.begin(), lines.end(), title), lines.end()) << title;
      }
      last = sig;
      std::string line = visible(location_text(f)) + ": " + f["level"].get<std::string>() + ": " +
                         visible(f["message"].get<std::string>()) + " [" +
                         f["rule"].get<std::string>() + "]";
      EXPECT_EQ(std::count(lines.begin(), lines.end(), line), 1) << line;
    }
    EXPECT_EQ(lines.size(), ref.size() + 2 * groups + 1 + (command == "audit" ? 1 : 0)) << out;
    for (const std::string& line : lines) EXPECT_FALSE(line.starts_with("::")) << line;
    if (command != "audit") {
      std::string dir = command == "lint" ? " (sigs/evil)" : "";
      EXPECT_TRUE(contains(out, "\n" + visible(kSigName) + dir + "\n")) << out;
      EXPECT_TRUE(contains(out, "folder sigs/ghost\\x0a::error::x\\x1b[31m does not exist")) << out;
    }
    // With color, the only escape sequences are sigwarden's own.
    std::string colored = findings(command, "text", {"--color", "always"});
    for (const char* own : {"\x1b[1m", "\x1b[0m", "\x1b[1;31m", "\x1b[1;35m", "\x1b[1;36m"}) {
      for (auto p = colored.find(own); p != std::string::npos; p = colored.find(own)) {
        colored.erase(p, std::string(own).size());
      }
    }
    EXPECT_EQ(colored, out);
  }
}

// ---------------------------------------------------------------------------------------------
// owners and explain.

TEST_F(Injection, OwnersTextTsvAndJson) {
  auto run = [](const std::string& format) {
    auto r = run_cli({"owners", "--repo", repo(), "--all", "--format", format});
    EXPECT_EQ(r.status, 0) << r.err;
    return r.out;
  };
  json doc = parse_json_output(run("json"));
  const json& paths = doc["paths"];
  ASSERT_FALSE(paths.empty());
  for (const std::string& payload : {kHostilePath, kMentionPath, kOrphanDir + "/README.md",
                                     kMaintainer, kSigName, kEveLead, kZedLead}) {
    EXPECT_TRUE(has_string(doc, payload)) << visible(payload);
  }

  // tsv: a header and one line per path, each with exactly seven fields.
  std::string tsv = run("tsv");
  EXPECT_EQ(raw_controls(tsv, "\t\n"), "");
  std::vector<std::string> lines = lines_of(tsv);
  ASSERT_EQ(lines.size(), paths.size() + 1) << tsv;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string& line = lines[i + 1];
    EXPECT_EQ(std::count(line.begin(), line.end(), '\t'), 6) << line;
    EXPECT_EQ(line.substr(0, line.find('\t')), visible(paths[i]["path"].get<std::string>()));
  }
  EXPECT_TRUE(contains(tsv, "\n" + visible(kHostilePath) + "\t\t\t\t\t\t\n")) << tsv;

  // text: one unindented line per path and the summary; indented lines are labelled.
  std::string text = run("text");
  EXPECT_EQ(raw_controls(text, "\n"), "");
  std::size_t unindented = 0;
  for (const std::string& line : lines_of(text)) {
    if (!line.starts_with("  ")) {
      ++unindented;
      continue;
    }
    bool labelled = false;
    for (const char* label : {"  owners: ", "  reviewers: ", "  lists: ", "  decided by: "}) {
      labelled = labelled || line.starts_with(label);
    }
    EXPECT_TRUE(labelled) << line;
  }
  EXPECT_EQ(unindented, paths.size() + 1) << text;
  EXPECT_TRUE(contains(text, "\n" + visible(kHostilePath) + ": unowned\n")) << text;
  EXPECT_TRUE(contains(text, "\nsigs/evil/README.md: " + visible(kSigName) + ", SIGS\n")) << text;
  EXPECT_TRUE(contains(text, " " + visible(kEveLead) + " " + visible(kZedLead) + " ")) << text;
}

TEST_F(Injection, ExplainTextAndJson) {
  std::vector<std::string> paths = {"src/q<b>&\"'|`x.c", "src/s\x1b[31m.c", "sigs/evil/README.md",
                                    kHostilePath};
  auto run = [&](const std::string& format) {
    std::vector<std::string> args = {"explain", "--repo", repo(), "--format", format};
    args.insert(args.end(), paths.begin(), paths.end());
    auto r = run_cli(args);
    EXPECT_EQ(r.status, 0) << r.err;
    return r.out;
  };
  json doc = parse_json_output(run("json"));
  ASSERT_EQ(doc["paths"].size(), paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) EXPECT_EQ(doc["paths"][i]["path"], paths[i]);
  EXPECT_TRUE(has_string(doc, kPattern));
  EXPECT_TRUE(has_string(doc, kEscPattern));
  EXPECT_TRUE(has_string(doc, kSigName));

  std::string text = run("text");
  EXPECT_EQ(raw_controls(text, "\n"), "");
  std::size_t unindented = 0;
  for (const std::string& line : lines_of(text)) {
    if (!line.starts_with("  ")) {
      if (unindented < paths.size()) {
        EXPECT_EQ(line, visible(paths[unindented])) << text;
      }
      ++unindented;
      continue;
    }
    bool labelled = false;
    for (const char* label : {"  decided by ", "  overrides ", "  SIGs: ", "  owners: ",
                              "  reviewers: ", "  lists: ", "  no rule of any ownership source"}) {
      labelled = labelled || line.starts_with(label);
    }
    EXPECT_TRUE(labelled) << line;
  }
  EXPECT_EQ(unindented, paths.size()) << text;
  EXPECT_TRUE(contains(text, "  decided by .github/CODEOWNERS:2 (CODEOWNERS): " + kPattern + "\n"));
  EXPECT_TRUE(contains(text, "  decided by .github/CODEOWNERS:4 (CODEOWNERS): /src/*\\x1b*.c\n"));
  EXPECT_TRUE(contains(text, "  SIGs: " + visible(kSigName) + ", SIGS\n")) << text;
}

// `owners` and `explain` print the problems of ownership files on stderr: a CODEOWNERS owner
// holding an escape sequence must not reach the terminal raw.
TEST_F(Injection, OwnersWarningsOnStderrHaveNoControlCharacters) {
  for (const char* command : {"owners", "explain"}) {
    auto r = run_cli({command, "--repo", repo(), "src/a.c"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.err, "owner '<script>alert(1)</script>\\x1b[31m' is not")) << r.err;
    EXPECT_EQ(raw_controls(r.err, "\n"), "") << command;
  }
}

// Errors quote repository text too (here a `teams:` pattern RE2 rejects): a terminal title
// escape and a color code in it are shown, not obeyed.
TEST(InjectionErrors, ErrorMessagesHaveNoControlCharacters) {
  testing::TempDir dir;
  {
    RepoBuilder b(dir.path());
    b.put(".sigwarden.yaml", "teams: \"@org/\\e]0;pwned\\a(\\e[31m\"\n");
    b.put("README.md", "x\n");
    b.commit("config");
  }
  auto r = run_cli({"owners", "--repo", dir.path().string(), "README.md"});
  EXPECT_EQ(r.status, 2);
  EXPECT_TRUE(contains(r.err, "'@org/\\x1b]0;pwned\\x07(\\x1b[31m'")) << r.err;
  EXPECT_EQ(raw_controls(r.err, "\n"), "") << r.err;
}

// ---------------------------------------------------------------------------------------------
// review.

struct Review {
  json doc;
  std::string markdown;
  std::string text;
};

Review run_review(const std::string& repo, const std::vector<std::string>& extra) {
  Review r;
  for (const char* format : {"json", "markdown", "text"}) {
    std::vector<std::string> args = {"review", "--repo",   repo,  "--base",
                                     "base",   "--format", format};
    args.insert(args.end(), extra.begin(), extra.end());
    auto out = run_cli(args);
    EXPECT_EQ(out.status, 0) << out.err;
    if (std::string(format) == "json") r.doc = parse_json_output(out.out);
    if (std::string(format) == "markdown") r.markdown = out.out;
    if (std::string(format) == "text") r.text = out.out;
  }
  return r;
}

TEST_F(Injection, ReviewJsonKeepsTheText) {
  Review r = run_review(repo(), {"--count", "3"});
  std::vector<std::string> logins;
  for (const auto& rv : r.doc["reviewers"]) logins.push_back(rv["login"]);
  EXPECT_NE(std::find(logins.begin(), logins.end(), kMaintainer), logins.end());
  EXPECT_EQ(std::find(logins.begin(), logins.end(), "@torvalds"), logins.end());
  for (const std::string& payload : {kHostilePath, kMentionPath, kSigName, kEveLead}) {
    EXPECT_TRUE(has_string(r.doc, payload)) << visible(payload);
  }
}

TEST_F(Injection, ReviewCommentMentionsOnlyTheChosenReviewers) {
  for (const char* count : {"1", "3"}) {
    SCOPED_TRACE(count);
    Review r = run_review(repo(), {"--count", count});
    std::set<std::string> chosen;
    std::multiset<std::string> chosen_logins;
    for (const auto& rv : r.doc["reviewers"]) {
      std::string login = rv["login"];
      if (login.starts_with("@")) chosen_logins.insert(login);
      chosen.insert(login);
    }
    ASSERT_FALSE(chosen_logins.empty()) << r.doc.dump(2);
    EXPECT_FALSE(chosen.count("@torvalds"));
    EXPECT_EQ(markdown_problems(r.markdown, {chosen_logins.begin(), chosen_logins.end()},
                                {"<!-- sigwarden:review -->", "<sub>", "</sub>"}),
              std::vector<std::string>())
        << r.markdown;
    // Each chosen login is mentioned once, nobody else at all.
    std::vector<std::string> mentions = live_mentions(r.markdown);
    EXPECT_EQ(std::multiset<std::string>(mentions.begin(), mentions.end()), chosen_logins)
        << r.markdown;
    // Every reviewer has its row, showing its name (a code span turns backticks into spaces).
    auto rows = shown_table_rows(r.markdown);
    for (const auto& rv : r.doc["reviewers"]) {
      std::string name = visible(rv["login"].get<std::string>());
      std::replace(name.begin(), name.end(), '`', ' ');
      bool found = false;
      for (const auto& row : rows) found = found || (row.size() == 2 && row[0] == name);
      EXPECT_TRUE(found) << name;
    }
    // The payloads are there, inert: the SIG name escaped, leads and paths as code.
    EXPECT_TRUE(contains(r.markdown, "- **" + kSigNameMarkdown + "** (`sigs/evil`)")) << r.markdown;
    EXPECT_TRUE(contains(r.markdown, "leads `@torvalds`, `Eve\\x1b]0;pwned\\x07 %0A &\"'>  x`"))
        << r.markdown;
    EXPECT_TRUE(contains(r.markdown,
                         "- `hostile/<script>alert(1)</script> ::warning file=x::"
                         "injected %0A\\x1b[31m&\"' |]]>.md`\n"))
        << r.markdown;
    EXPECT_TRUE(contains(r.markdown, "- `" + kMentionPath + "`\n")) << r.markdown;
    if (chosen.count(kMaintainer)) {
      EXPECT_TRUE(contains(r.markdown, "| `Mal\\|lory  x  ::error::pwned " + kLink +
                                           " @torvalds & \"q\" 'a' \\x1b[31mred "
                                           "<mal@example.org>` | owner; "))
          << r.markdown;
    }
  }
}

TEST_F(Injection, ReviewTextHasNoControlCharactersOrForgedLines) {
  Review r = run_review(repo(), {"--count", "3"});
  EXPECT_EQ(raw_controls(r.text, "\n"), "") << r.text;
  std::vector<std::string> lines = lines_of(r.text);
  const json& d = r.doc;
  EXPECT_EQ(lines.size(),
            d["reviewers"].size() + d["sigs"].size() + d["unowned"].size() + d["uncovered"].size())
      << r.text;
  for (const auto& rv : d["reviewers"]) {
    std::string line =
        visible(rv["login"].get<std::string>()) + ": " + visible(rv["reason"].get<std::string>());
    EXPECT_NE(std::find(lines.begin(), lines.end(), line), lines.end()) << line;
  }
  for (const auto& path : d["unowned"]) {
    std::string line = "unowned: " + visible(path.get<std::string>());
    EXPECT_NE(std::find(lines.begin(), lines.end(), line), lines.end()) << line;
  }
  EXPECT_TRUE(contains(r.text, "SIG " + visible(kSigName) + ": ")) << r.text;
  EXPECT_TRUE(contains(r.text, "; leads @torvalds " + visible(kEveLead) + "\n")) << r.text;
  EXPECT_TRUE(contains(r.text, "unowned: " + visible(kHostilePath) + "\n")) << r.text;
}

// ---------------------------------------------------------------------------------------------
// report.

std::string run_report(const std::string& repo, const std::string& format) {
  auto r = run_cli({"report", "--repo", repo, "--as-of", "2023-11-15", "--format", format});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(raw_controls(r.err, "\n"), "");
  return r.out;
}

TEST_F(Injection, ReportJsonKeepsTheText) {
  json doc = parse_json_output(run_report(repo(), "json"));
  std::set<std::string> names;
  for (const auto& s : doc["sigs"]) names.insert(s["name"].get<std::string>());
  EXPECT_TRUE(names.count(kSigName));
  ASSERT_EQ(doc["sweeps"].size(), 1u) << doc.dump(2);
  EXPECT_EQ(doc["sweeps"][0]["subject"], kSubject);
  EXPECT_EQ(doc["sweeps"][0]["author"], kAuthor);
  EXPECT_EQ(doc["orphans"], json::array({kOrphanDir}));
  EXPECT_TRUE(has_string(doc, kContributor));
  EXPECT_TRUE(has_string(doc, kEveLead));
  EXPECT_TRUE(has_string(doc, kZedLead));
  EXPECT_TRUE(has_string(doc, kGhostDir));
}

TEST_F(Injection, ReportMarkdownIsInert) {
  std::string md = run_report(repo(), "markdown");
  EXPECT_EQ(run_report(repo(), "text"), md);  // the text format is the Markdown report
  EXPECT_EQ(markdown_problems(md, {}, {}), std::vector<std::string>()) << md;
  EXPECT_TRUE(contains(md, "\n## " + kSigNameMarkdown + "\n")) << md;
  EXPECT_TRUE(contains(md, "\n| " + kSigNameMarkdown + " | ")) << md;  // the overview row
  // Names and subjects are escaped text; folders, leads and paths are code spans.
  EXPECT_TRUE(contains(md,
                       " by Evil \\[click\\](https:&#8203;//evil.example) @&#8203;torvalds "
                       "::error::x %0A \\x1b\\[31m &amp;\"'\\|\\`: add &lt;script&gt;alert(1)"
                       "&lt;/script&gt; SIG ::error::pwned %0A \\x1b\\[31m — "))
      << md;
  EXPECT_TRUE(contains(md,
                       "Trudy @&#8203;torvalds !\\[img\\](x.png) ::warning::y %0A \\x1b\\[1m "
                       "&amp;'\"\\`\\| (1)"))
      << md;
  EXPECT_TRUE(contains(md, "  - `Eve\\x1b]0;pwned\\x07 %0A &\"'>  x`: ")) << md;
  EXPECT_TRUE(contains(
      md, "- lead-added: " + kSigNameMarkdown + " — `Zed\\x1b]2;t\\x07 &amp;\"' ]]> %0A`\n"))
      << md;
  EXPECT_TRUE(contains(md, "- Folder: `sigs/ghost ::error::x\\x1b[31m`\n")) << md;
  EXPECT_TRUE(contains(md, "\n- `sigs/orphan\\x1b[31m<i>`\n")) << md;
}

// The elements the HTML report is made of; a '<' from repository text would start another.
const std::set<std::string> kHtmlElements = {
    "html", "head",  "meta",  "title", "style", "body",   "header", "main",   "section",
    "h1",   "h2",    "h3",    "h4",    "p",     "strong", "code",   "a",      "span",
    "div",  "table", "thead", "tbody", "tr",    "th",     "td",     "button", "ul",
    "ol",   "li",    "dl",    "dt",    "dd",    "br",     "figure", "svg",    "g",
    "rect", "line",  "text",  "tspan", "script"};

TEST_F(Injection, ReportHtmlHasOnlyItsOwnMarkup) {
  std::string html = run_report(repo(), "html");
  EXPECT_EQ(raw_controls(html, "\n"), "");
  EXPECT_EQ(count_of(html, "<script"), 1u);  // the page's own sorting script
  // Every tag is one of the page's own elements, its attribute values hold no raw '<' and links
  // stay on the page; the raw text of <style> and <script> is skipped.
  std::size_t i = html.find("<html");
  ASSERT_NE(i, std::string::npos);
  while ((i = html.find('<', i)) != std::string::npos) {
    std::size_t end = html.find('>', i);
    ASSERT_NE(end, std::string::npos);
    std::string tag = html.substr(i + 1, end - i - 1);
    i = end + 1;
    std::string name = tag.substr(tag.starts_with("/") ? 1 : 0);
    name = name.substr(0, name.find_first_of(" \n/"));
    EXPECT_TRUE(kHtmlElements.count(name)) << "<" << tag << ">";
    EXPECT_EQ(tag.find('<'), std::string::npos) << tag;
    std::string attributes = tag.substr(std::min(tag.size(), tag.find_first_of(" \n")));
    static const std::regex kAttribute(R"re(\s+([^\s=/>]+)(?:="([^"]*)")?)re");
    for (std::sregex_iterator it(attributes.begin(), attributes.end(), kAttribute), e; it != e;
         ++it) {
      std::string key = (*it)[1];
      std::string value = (*it)[2];
      EXPECT_FALSE(key.starts_with("on") || key == "src" || key == "style") << tag;
      if (key == "href") {
        EXPECT_TRUE(value.starts_with("#")) << tag;
      }
    }
    if (name == "script" || name == "style") {
      if (!tag.starts_with("/")) i = html.find("</" + name + ">", i);
    }
  }
  // The payloads are there as text.
  EXPECT_GT(count_of(html, kSigNameHtml), 5u);
  EXPECT_TRUE(contains(html, "sigs/orphan\\x1b[31m&lt;i&gt;")) << html;
  EXPECT_TRUE(contains(html, "Zed\\x1b]2;t\\x07 &amp;amp;&quot;&apos; ]]&gt; %0A")) << html;
  EXPECT_TRUE(contains(html,
                       "Evil [click](https://evil.example) @torvalds ::error::x %0A "
                       "\\x1b[31m &amp;&quot;&apos;|`"))
      << html;
  EXPECT_TRUE(contains(html,
                       "add &lt;script&gt;alert(1)&lt;/script&gt; SIG ::error::pwned %0A "
                       "\\x1b[31m"))
      << html;
  EXPECT_TRUE(contains(html, "sigs/ghost&#10;::error::x\\x1b[31m")) << html;
}

}  // namespace
}  // namespace sigwarden
