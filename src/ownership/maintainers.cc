#include "ownership/maintainers.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <unordered_map>

#include "core/error.h"
#include "core/text.h"
#include "ownership/regex_group.h"

namespace sigwarden {

namespace {

constexpr std::string_view kKnownTags = "MRLSFXNKTWQBCP";
// What makes an F:/X: value more than a literal path once get_maintainer.pl has turned it into a
// regex ('.' is escaped by that rewrite and stays literal).
constexpr std::string_view kRegexChars = "*?\\^$|+()[]{}";

bool is_perl_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string rtrim(std::string_view s) {
  while (!s.empty() && is_perl_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// Perl reads bytes; Latin-1 keeps RE2's '.' to one byte as well.
RE2::Options regex_options() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  return o;
}

// get_maintainer.pl's rewrite of an F:/X: value: '.' -> "\.", '*' -> ".*", '?' -> ".".
std::string value_regex(std::string_view value) {
  std::string out = "^";
  for (char c : value)
    out += c == '.' ? "\\." : c == '*' ? ".*" : c == '?' ? "." : std::string(1, c);
  return out;
}

// N: values are matched with Perl's /x flag: whitespace outside a character class is ignored and
// an unescaped '#' starts a comment. RE2 has no such flag, so the value is rewritten.
std::string strip_extended(std::string_view re) {
  std::string out;
  std::size_t class_body = 0;  // inside [...]: index of its first character (0: outside)
  for (std::size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      out += re.substr(i++, 2);
      continue;
    }
    if (class_body > 0) {
      if (c == ']' && i > class_body) class_body = 0;
    } else if (c == '[') {
      class_body = i + 1 + (i + 1 < re.size() && re[i + 1] == '^');
    } else if (c == '#') {
      break;
    } else if (is_perl_space(c)) {
      continue;
    }
    out += c;
  }
  return out;
}

using Report = std::function<void(const Location&, const std::string&, const std::string&)>;

// The regex of an N: value, or of an F:/X: value with regex characters as get_maintainer.pl
// rewrites it; nothing for other records.
std::optional<std::string> regex_of(char tag, const std::string& value) {
  if (tag == 'N') return strip_extended(value);
  bool path_pattern = tag == 'F' || tag == 'X';
  if (path_pattern && value.find_first_of(kRegexChars) != std::string::npos) {
    return value_regex(value);
  }
  return std::nullopt;
}

// The regexes of a file so far (kMaxMaintainersRegexes, kMaxMaintainersRegexText).
struct RegexTally {
  std::size_t count = 0;
  std::size_t bytes = 0;
  bool over() const { return count > kMaxMaintainersRegexes || bytes > kMaxMaintainersRegexText; }
};

// Adds one record to its section. Empty values and patterns RE2 cannot compile are reported and
// dropped; unknown letters and absolute paths are reported and kept. Once the file holds more
// regexes than MaintainersMatcher accepts, they are no longer compiled here (the run stops).
void add_record(MaintainersSection& s, char tag, std::string value, const Location& where,
                const Report& report, RegexTally& tally) {
  std::string subject = fmt::format("{}:{}:{}", s.title, tag, value);
  auto bad = [&](int column, const std::string& message) {
    report({where.path, where.line, column}, message, subject);
  };
  if (kKnownTags.find(tag) == std::string_view::npos) {
    bad(1, fmt::format("'{}:' is not a MAINTAINERS record type (one of {}); get_maintainer.pl "
                       "ignores it",
                       tag, kKnownTags));
  }
  if (value.empty()) {
    return bad(where.column, fmt::format("empty '{}:' record in section '{}'", tag, s.title));
  }
  bool path_pattern = tag == 'F' || tag == 'X';
  if (path_pattern && value.front() == '/') {
    bad(where.column, fmt::format("{}: '{}' starts with '/' but paths are relative to the root, "
                                  "so it matches nothing",
                                  tag, value));
  }
  if (auto text = regex_of(tag, value)) {
    if (text->size() > kMaxMaintainersRegexBytes) {
      return bad(where.column,
                 fmt::format("{}: value is a regex of {} bytes, over sigwarden's limit of {} "
                             "bytes; it is skipped",
                             tag, text->size(), kMaxMaintainersRegexBytes));
    }
    if (!tally.over()) {
      RE2 re(*text, regex_options());
      if (!re.ok()) {
        return bad(
            where.column,
            fmt::format("{}: '{}' is not a regex RE2 can compile{} ({}); it is skipped", tag, value,
                        tag == 'N' ? "" : " once get_maintainer.pl rewrites it", re.error()));
      }
    }
    ++tally.count;
    tally.bytes += text->size();
  }
  MaintainersEntry e{tag, value, where};
  if (tag == 'F') s.files.push_back(e);
  if (tag == 'X') s.excludes.push_back(e);
  if (tag == 'N') s.regexes.push_back(e);
  if (tag == 'M') s.maintainers.push_back(value);
  if (tag == 'R') s.reviewers.push_back(value);
  if (tag == 'L') s.lists.push_back(value.substr(0, value.find_first_of(" \t")));
  if (tag == 'S') s.status = value;
  s.entries.push_back(std::move(e));
}

}  // namespace

MaintainersFile parse_maintainers(const std::string& path, std::string_view text) {
  MaintainersFile file;
  file.path = path;
  RegexTally regexes;
  Report report = [&](const Location& at, const std::string& message, const std::string& subject) {
    file.findings.push_back(
        {.rule = "ownership-syntax", .message = message, .location = at, .subject = subject});
  };
  std::vector<Line> lines = split_lines(text);
  std::size_t i = 0;  // the first line after the preamble marker, if there is one
  for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
    std::string_view dashes = trim(lines[k + 1].text);
    if (trim(lines[k].text) == "Maintainers List" && dashes.size() >= 3 &&
        dashes.find_first_not_of('-') == std::string_view::npos) {
      i = k + 2;
      break;
    }
  }
  // A section is created when its first record arrives: until then its title is only a
  // candidate, and preamble text is dropped silently.
  std::optional<Line> title;  // the latest title line
  bool has_section = false;   // title already has a section
  bool blank_since = false;   // a blank line came after title or its last record
  bool prev_record = false;   // the previous non-blank line was a record
  auto close_title = [&] {
    if (!title || has_section || file.sections.empty()) return;
    report({path, title->number, 1}, fmt::format("section '{}' has no records", rtrim(title->text)),
           "empty:" + rtrim(title->text));
  };
  for (; i < lines.size(); ++i) {
    const Line& line = lines[i];
    std::string_view s = line.text;
    if (trim(s).empty()) {
      blank_since = title.has_value();
    } else if (trim(s).front() == '#') {
      continue;
    } else if (s.size() < 2 || s[0] < 'A' || s[0] > 'Z' || s[1] != ':') {  // not `^([A-Z]):`
      if (prev_record && !blank_since) {
        report({path, line.number, 1},
               fmt::format("'{}' is not a record ('X:' and a value) but follows section '{}' "
                           "without a blank line; get_maintainer.pl reads it as the title of a "
                           "new section",
                           rtrim(s), file.sections.back().title),
               "not-a-record:" + rtrim(s));
      } else {
        close_title();
      }
      title = line;
      has_section = blank_since = prev_record = false;
    } else if (!title) {
      report({path, line.number, 1}, "record before any section title; it is skipped", rtrim(s));
    } else {
      std::string name = rtrim(title->text);
      if (blank_since) {
        report({path, line.number, 1},
               fmt::format("record follows a blank line inside section '{}'; get_maintainer.pl "
                           "still counts it in that section, but blank lines separate sections",
                           name),
               "blank-in-section:" + name);
      }
      if (!has_section) file.sections.push_back({.title = name, .where = {path, title->number, 1}});
      has_section = prev_record = true;
      blank_since = false;
      std::size_t start = 2;
      while (start < s.size() && is_perl_space(s[start])) ++start;
      add_record(file.sections.back(), s[0], rtrim(s.substr(start)),
                 {path, line.number, static_cast<int>(start) + 1}, report, regexes);
    }
  }
  close_title();
  return file;
}

namespace {

int count_slashes(std::string_view s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '/'));
}

// One F: or X: value. A literal value is compared as text: with a trailing '/' (tree) as a
// prefix, otherwise as a prefix at equal slash count; anything else is a regex.
struct Pattern {
  std::string literal;     // tree: "dir/"; other literals: the value; regexes: empty
  std::string regex;       // get_maintainer.pl's regex, for values that are not literal
  bool tree = false;       // prefix match without the slash-count condition
  bool infer_dir = false;  // a literal also matching below literal + '/' (see the header)
  int slashes = 0;
  int depth = 0;
  int section = 0;
  const MaintainersEntry* entry = nullptr;
  std::unique_ptr<RE2> re;

  bool matches(std::string_view path, int path_slashes) const {
    if (re)
      return (tree || path_slashes == slashes) &&
             RE2::PartialMatch(re2::StringPiece(path.data(), path.size()), *re);
    if (!path.starts_with(literal)) return false;
    return tree || path_slashes == slashes ||
           (infer_dir && path.size() > literal.size() && path[literal.size()] == '/');
  }
};

std::optional<Pattern> compile(const MaintainersEntry& e, int section,
                               const MaintainersMatcher::DirectoryTest& is_directory) {
  const std::string& v = e.value;
  Pattern p{.slashes = count_slashes(v), .section = section, .entry = &e};
  bool slash_end = v.ends_with('/');
  p.depth = v.starts_with('*') ? -1 : p.slashes + (slash_end ? 0 : 1);
  // get_maintainer.pl appends '/' when `-d` holds for the rewritten value, which can only be
  // true when the rewrite changed nothing.
  bool dir_candidate = !slash_end && v.find_first_of(".*?") == std::string::npos;
  bool known_dir = dir_candidate && is_directory && is_directory(v);
  p.tree = slash_end || known_dir;
  if (v.find_first_of(kRegexChars) == std::string::npos) {
    p.literal = known_dir ? v + "/" : v;
    p.infer_dir = dir_candidate && !is_directory;
    return p;
  }
  p.regex = value_regex(v) + (known_dir ? "/" : "");
  p.re = std::make_unique<RE2>(p.regex, regex_options());
  if (!p.re->ok()) return std::nullopt;
  return p;
}

// The directory ("" or ending in '/') under which every path matched by a pattern lies.
std::string bucket_of(const Pattern& p) {
  std::string_view head = p.entry->value;
  if (p.regex.empty() && p.tree) return p.literal;
  if (!p.regex.empty()) {
    if (head.find('|') != std::string_view::npos) return "";  // alternation: no anchored head
    std::size_t meta = head.find_first_of(kRegexChars);
    // A quantifier may make the character before it optional.
    if ((head[meta] == '{' || head[meta] == '+') && meta > 0) --meta;
    head = head.substr(0, meta);
  }
  std::size_t slash = head.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(head.substr(0, slash + 1));
}

// Stops the run when the files hold more regexes, or more regex text, than MaintainersMatcher
// accepts: each regex costs an RE2 (memory, and matching time for every path it applies to).
void check_regex_count(const std::vector<MaintainersFile>& files) {
  RegexTally total;
  RegexTally most;
  const MaintainersFile* largest = nullptr;
  for (const MaintainersFile& f : files) {
    RegexTally n;
    for (const MaintainersSection& s : f.sections) {
      for (const auto* list : {&s.files, &s.excludes, &s.regexes}) {
        for (const MaintainersEntry& e : *list) {
          if (auto text = regex_of(e.tag, e.value)) {
            ++n.count;
            n.bytes += text->size();
          }
        }
      }
    }
    total.count += n.count;
    total.bytes += n.bytes;
    if (largest == nullptr || n.bytes > most.bytes) {
      most = n;
      largest = &f;
    }
  }
  if (!total.over()) return;
  throw Error(fmt::format(
      "read {}: the MAINTAINERS files read hold {} regexes of {} bytes together (N: values, and "
      "F:/X: values with regex characters; {} of {} bytes in this file), over sigwarden's "
      "documented limit of {} regexes and {} bytes (docs/security.md)",
      largest->path, total.count, total.bytes, most.count, most.bytes, kMaxMaintainersRegexes,
      kMaxMaintainersRegexText));
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Hit {
  int section, line, depth;
  const MaintainersEntry* entry;
};

}  // namespace

struct MaintainersMatcher::Impl {
  struct Bucket {
    std::vector<int> tree;                // literal values matching every path below this directory
    std::vector<int> leaf;                // literal values whose parent is this directory
    std::vector<int> regex;               // regex values whose literal head lies in this directory
    RegexGroup regexes{regex_options()};  // their regexes, in the same order
  };
  std::vector<MaintainersFile> files;
  std::vector<const MaintainersSection*> sections;  // in file order across files
  std::vector<Pattern> patterns;                    // F: and X: values
  std::vector<std::vector<int>> excludes;           // per section: its X: values
  std::unordered_map<std::string, Bucket, StringHash, std::equal_to<>> buckets;
  std::vector<Hit> names;  // N: regexes, without depth
  RegexGroup name_regexes{regex_options()};
};

MaintainersMatcher::MaintainersMatcher(std::vector<MaintainersFile> files,
                                       const DirectoryTest& is_directory)
    : impl_(std::make_unique<Impl>()) {
  check_regex_count(files);
  Impl& m = *impl_;
  m.files = std::move(files);
  for (const MaintainersFile& f : m.files) {
    for (const MaintainersSection& s : f.sections) m.sections.push_back(&s);
  }
  m.excludes.resize(m.sections.size());
  for (int si = 0; si < static_cast<int>(m.sections.size()); ++si) {
    const MaintainersSection& s = *m.sections[si];
    for (const MaintainersEntry& e : s.files) {
      auto p = compile(e, si, is_directory);
      if (!p) continue;
      int index = static_cast<int>(m.patterns.size());
      Impl::Bucket& b = m.buckets[bucket_of(*p)];
      if (!p->regex.empty()) {
        b.regex.push_back(index);
        b.regexes.add(p->regex);
      } else {
        (p->tree ? b.tree : b.leaf).push_back(index);
      }
      if (p->infer_dir) m.buckets[p->literal + "/"].tree.push_back(index);
      m.patterns.push_back(std::move(*p));
    }
    for (const MaintainersEntry& e : s.excludes) {
      if (auto p = compile(e, si, is_directory)) {
        m.excludes[si].push_back(static_cast<int>(m.patterns.size()));
        m.patterns.push_back(std::move(*p));
      }
    }
    for (const MaintainersEntry& e : s.regexes) {
      if (m.name_regexes.add(strip_extended(e.value))) m.names.push_back({si, e.where.line, 0, &e});
    }
  }
  for (auto& [dir, bucket] : m.buckets) bucket.regexes.compile();
  m.name_regexes.compile();
}

MaintainersMatcher::~MaintainersMatcher() = default;
MaintainersMatcher::MaintainersMatcher(MaintainersMatcher&&) noexcept = default;
MaintainersMatcher& MaintainersMatcher::operator=(MaintainersMatcher&&) noexcept = default;

const std::vector<MaintainersFile>& MaintainersMatcher::files() const { return impl_->files; }

std::vector<MaintainersMatch> MaintainersMatcher::match(std::string_view path) const {
  const Impl& m = *impl_;
  const int slashes = count_slashes(path);
  std::vector<Hit> hits;
  auto hit = [&](int i) {
    const Pattern& p = m.patterns[i];
    hits.push_back({p.section, p.entry->where.line, p.depth, p.entry});
  };
  // The buckets of the path's ancestors: "", "a/", "a/b/" for "a/b/c".
  for (std::size_t pos = 0;;) {
    std::size_t slash = path.find('/', pos);
    if (auto it = m.buckets.find(path.substr(0, pos)); it != m.buckets.end()) {
      const Impl::Bucket& b = it->second;
      for (int i : b.tree) hit(i);
      for (int k : b.regexes.match(path)) {
        const Pattern& p = m.patterns[b.regex[k]];
        if (p.tree || p.slashes == slashes) hit(b.regex[k]);
      }
      if (slash == std::string_view::npos) {  // the parent: the slash counts are equal
        for (int i : b.leaf) {
          if (path.starts_with(m.patterns[i].literal)) hit(i);
        }
      }
    }
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  for (int k : m.name_regexes.match(path)) hits.push_back(m.names[k]);

  // get_maintainer.pl overwrites a section's depth line by line, so the last matching F:/N:
  // line decides it; any matching X: line vetoes the section.
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.section != b.section ? a.section < b.section : a.line < b.line;
  });
  std::vector<MaintainersMatch> out;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const Hit& last = hits[i];
    if (i + 1 < hits.size() && hits[i + 1].section == last.section) continue;
    const std::vector<int>& x = m.excludes[last.section];
    if (std::any_of(x.begin(), x.end(),
                    [&](int k) { return m.patterns[k].matches(path, slashes); })) {
      continue;
    }
    out.push_back({m.sections[last.section], last.depth, last.entry->where});
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const MaintainersMatch& a, const MaintainersMatch& b) { return a.depth > b.depth; });
  return out;
}

}  // namespace sigwarden
