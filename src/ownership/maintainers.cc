#include "ownership/maintainers.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "core/text.h"

namespace sigwarden {

namespace {

constexpr std::string_view kKnownTags = "MRLSFXNKTWQBCP";
// Characters that make an F:/X: value more than a literal path once get_maintainer.pl has turned
// it into a regex ('.' is escaped by that rewrite and stays literal).
constexpr std::string_view kRegexChars = "*?\\^$|+()[]{}";

bool is_perl_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

std::string_view rtrim(std::string_view s) {
  while (!s.empty() && is_perl_space(s.back())) s.remove_suffix(1);
  return s;
}

// get_maintainer.pl reads a line as a record when it matches `^([A-Z]):`.
bool is_record(std::string_view s) {
  return s.size() >= 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] == ':';
}

bool is_dashes(std::string_view s) {
  s = trim(s);
  return s.size() >= 3 && s.find_first_not_of('-') == std::string_view::npos;
}

// Perl and RE2 both read the bytes of a path; Latin-1 keeps '.' to one byte, as in Perl.
RE2::Options regex_options() {
  RE2::Options o;
  o.set_encoding(RE2::Options::EncodingLatin1);
  o.set_log_errors(false);
  return o;
}

// get_maintainer.pl's rewrite of an F:/X: value: '.' -> "\.", '*' -> ".*", '?' -> ".".
std::string value_regex(std::string_view value) {
  std::string out = "^";
  for (char c : value) {
    if (c == '.') {
      out += "\\.";
    } else if (c == '*') {
      out += ".*";
    } else if (c == '?') {
      out += '.';
    } else {
      out += c;
    }
  }
  return out;
}

// N: values are matched with Perl's /x flag: whitespace outside a character class is ignored and
// an unescaped '#' starts a comment. RE2 has no such flag, so the value is rewritten.
std::string strip_extended(std::string_view re) {
  std::string out;
  bool in_class = false;
  std::size_t class_body = 0;  // index of the first character inside '[' or '[^'
  for (std::size_t i = 0; i < re.size(); ++i) {
    char c = re[i];
    if (c == '\\' && i + 1 < re.size()) {
      out += c;
      out += re[++i];
    } else if (in_class) {
      if (c == ']' && i > class_body) in_class = false;
      out += c;
    } else if (c == '[') {
      in_class = true;
      class_body = i + 1 < re.size() && re[i + 1] == '^' ? i + 2 : i + 1;
      out += c;
    } else if (c == '#') {
      break;
    } else if (!is_perl_space(c)) {
      out += c;
    }
  }
  return out;
}

Finding syntax(const std::string& path, int line, int column, std::string message,
               std::string subject) {
  Finding f;
  f.rule = "ownership-syntax";
  f.location = {path, line, column};
  f.message = fmt::format("{}:{}: {}", path, line, message);
  f.subject = std::move(subject);
  return f;
}

// Reads lines after the preamble. Sections are created when their first record arrives, so that
// a title is only a section when get_maintainer.pl could ever match it.
class Parser {
 public:
  explicit Parser(MaintainersFile& file) : file_(file) {}

  void blank() { blank_since_ = title_.has_value(); }

  void text(const Line& line) {
    if (prev_record_ && !blank_since_) {
      report(line, 1,
             fmt::format("'{}' is not a record ('X:' and a value) but follows section '{}' "
                         "without a blank line; get_maintainer.pl reads it as the title of a new "
                         "section",
                         rtrim(line.text), current().title),
             "not-a-record:" + std::string(trim(line.text)));
    } else {
      check_empty_title();
    }
    title_ = line;
    has_section_ = false;
    blank_since_ = false;
    prev_record_ = false;
  }

  void record(const Line& line) {
    if (!title_) {
      report(line, 1, "record before any section title; it is skipped",
             "no-title:" + std::string(rtrim(line.text)));
      return;
    }
    std::string title(rtrim(title_->text));
    if (blank_since_) {
      report(line, 1,
             fmt::format("record follows a blank line inside section '{}'; get_maintainer.pl "
                         "still counts it in that section, but a blank line should only "
                         "separate sections",
                         title),
             "blank-in-section:" + title);
    }
    if (!has_section_) {
      MaintainersSection s;
      s.title = title;
      s.where = {file_.path, title_->number, 1};
      file_.sections.push_back(std::move(s));
      has_section_ = true;
    }
    std::size_t start = 2;
    while (start < line.text.size() && is_perl_space(line.text[start])) ++start;
    add(line.text[0], rtrim(line.text.substr(start)), line, static_cast<int>(start) + 1);
    blank_since_ = false;
    prev_record_ = true;
  }

  void finish() { check_empty_title(); }

 private:
  MaintainersSection& current() { return file_.sections.back(); }

  void report(const Line& line, int column, std::string message, std::string subject) {
    file_.findings.push_back(
        syntax(file_.path, line.number, column, std::move(message), std::move(subject)));
  }

  void check_empty_title() {
    if (!title_ || has_section_ || file_.sections.empty()) return;  // preamble text
    std::string title(rtrim(title_->text));
    report(*title_, 1, fmt::format("section '{}' has no records", title), "empty:" + title);
  }

  void add(char tag, std::string_view value, const Line& line, int column) {
    MaintainersSection& s = current();
    std::string subject = fmt::format("{}:{}:{}", s.title, tag, value);
    if (kKnownTags.find(tag) == std::string_view::npos) {
      report(line, 1,
             fmt::format("'{}:' is not a MAINTAINERS record type (one of {}); "
                         "get_maintainer.pl ignores it",
                         tag, kKnownTags),
             subject);
    }
    if (value.empty()) {
      report(line, column, fmt::format("empty '{}:' record in section '{}'", tag, s.title),
             subject);
      return;
    }
    MaintainersEntry e{tag, std::string(value), {file_.path, line.number, column}};
    if (tag == 'F' || tag == 'X') {
      if (value.front() == '/') {
        report(line, column,
               fmt::format("{}: pattern '{}' starts with '/' but paths are relative to the "
                           "repository root, so it matches nothing",
                           tag, value),
               subject);
      }
      if (value.find_first_of(kRegexChars) != std::string_view::npos) {
        RE2 re(value_regex(value), regex_options());
        if (!re.ok()) {
          report(line, column,
                 fmt::format("{}: pattern '{}' is not a valid regex once get_maintainer.pl "
                             "rewrites it ({}); it is skipped",
                             tag, value, re.error()),
                 subject);
          return;
        }
      }
      (tag == 'F' ? s.files : s.excludes).push_back(e);
    } else if (tag == 'N') {
      RE2 re(strip_extended(value), regex_options());
      if (!re.ok()) {
        report(line, column,
               fmt::format("N: regex '{}' cannot be compiled by RE2 ({}); it is skipped", value,
                           re.error()),
               subject);
        return;
      }
      s.regexes.push_back(e);
    } else if (tag == 'M') {
      s.maintainers.push_back(e.value);
    } else if (tag == 'R') {
      s.reviewers.push_back(e.value);
    } else if (tag == 'L') {
      s.lists.emplace_back(value.substr(0, std::min(value.find(' '), value.find('\t'))));
    } else if (tag == 'S') {
      s.status = e.value;
    }
    s.entries.push_back(std::move(e));
  }

  MaintainersFile& file_;
  std::optional<Line> title_;  // the latest title line
  bool has_section_ = false;   // title_ already has a section (it had a record)
  bool blank_since_ = false;   // a blank line came after title_ or its last record
  bool prev_record_ = false;   // the previous non-blank line was a record
};

}  // namespace

MaintainersFile parse_maintainers(const std::string& path, std::string_view text) {
  MaintainersFile file;
  file.path = path;
  std::vector<Line> lines = split_lines(text);
  std::size_t first = 0;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    if (trim(lines[i].text) == "Maintainers List" && is_dashes(lines[i + 1].text)) {
      first = i + 2;
      break;
    }
  }
  Parser parser(file);
  for (std::size_t i = first; i < lines.size(); ++i) {
    std::string_view t = trim(lines[i].text);
    if (t.empty()) {
      parser.blank();
    } else if (t.front() == '#') {
      continue;
    } else if (is_record(lines[i].text)) {
      parser.record(lines[i]);
    } else {
      parser.text(lines[i]);
    }
  }
  parser.finish();
  return file;
}

namespace {

// One compiled F: or X: value.
struct Pattern {
  enum class Kind { kTree, kSameDepth, kRegex };
  Kind kind = Kind::kTree;
  std::string literal;      // kTree: "dir/"; kSameDepth: the value
  bool infer_dir = false;   // kSameDepth: also a tree when the path lies below literal + '/'
  bool tree = false;        // kRegex: prefix match without the slash-count condition
  std::unique_ptr<RE2> re;  // kRegex
  int slashes = 0;
  int depth = 0;
  int section = 0;
  const MaintainersEntry* entry = nullptr;

  bool matches(std::string_view path, int path_slashes) const {
    switch (kind) {
      case Kind::kTree:
        return path.starts_with(literal);
      case Kind::kSameDepth:
        return path.starts_with(literal) &&
               (path_slashes == slashes ||
                (infer_dir && path.size() > literal.size() && path[literal.size()] == '/'));
      case Kind::kRegex:
        return (tree || path_slashes == slashes) &&
               RE2::PartialMatch(re2::StringPiece(path.data(), path.size()), *re);
    }
    return false;
  }
};

int count_slashes(std::string_view s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '/'));
}

std::optional<Pattern> compile(const MaintainersEntry& e, int section,
                               const MaintainersMatcher::DirectoryTest& is_directory) {
  const std::string& v = e.value;
  Pattern p;
  p.section = section;
  p.entry = &e;
  p.slashes = count_slashes(v);
  bool slash_end = v.ends_with('/');
  p.depth = v.starts_with('*') ? -1 : p.slashes + (slash_end ? 0 : 1);
  // get_maintainer.pl appends '/' when `-d` holds for the rewritten value, which can only be
  // true when the rewrite changed nothing ('.', '*' and '?' turn into regex syntax).
  bool dir_candidate = !slash_end && v.find_first_of(".*?") == std::string::npos;
  bool known_dir = dir_candidate && is_directory && is_directory(v);
  if (v.find_first_of(kRegexChars) == std::string::npos) {
    p.kind = slash_end || known_dir ? Pattern::Kind::kTree : Pattern::Kind::kSameDepth;
    p.literal = known_dir ? v + "/" : v;
    p.infer_dir = dir_candidate && !is_directory;
    return p;
  }
  p.kind = Pattern::Kind::kRegex;
  p.tree = slash_end || known_dir;
  p.re = std::make_unique<RE2>(value_regex(v) + (known_dir ? "/" : ""), regex_options());
  if (!p.re->ok()) return std::nullopt;
  return p;
}

// The directory ("" or ending in '/') under which every path a pattern matches lies.
std::string bucket_of(const Pattern& p) {
  std::string_view head = p.entry->value;
  if (p.kind == Pattern::Kind::kTree) return p.literal;
  if (p.kind == Pattern::Kind::kRegex) {
    if (head.find('|') != std::string_view::npos) return "";  // alternation: no anchored head
    std::size_t meta = head.find_first_of(kRegexChars);
    // A quantifier may make the character before it optional.
    if (head[meta] == '{' || head[meta] == '+') meta = meta == 0 ? 0 : meta - 1;
    head = head.substr(0, meta);
  }
  std::size_t slash = head.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(head.substr(0, slash + 1));
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Hit {
  int section;
  int line;
  int depth;
  const MaintainersEntry* entry;
};

}  // namespace

struct MaintainersMatcher::Impl {
  struct Bucket {
    std::vector<int> tree;   // match every path below this directory
    std::vector<int> leaf;   // kSameDepth values whose parent is this directory
    std::vector<int> regex;  // globs whose literal head lies in this directory
  };
  struct Regex {
    int section;
    const MaintainersEntry* entry;
    std::unique_ptr<RE2> re;
  };

  std::vector<MaintainersFile> files;
  std::vector<const MaintainersSection*> sections;  // file order across files
  std::vector<Pattern> patterns;                    // F: values, then X: values
  std::vector<std::vector<int>> excludes;           // per section: indexes into patterns
  std::unordered_map<std::string, Bucket, StringHash, std::equal_to<>> buckets;
  std::vector<Regex> regexes;  // N:
  std::unique_ptr<RE2::Set> regex_set;

  void add_regex_hits(std::string_view path, std::vector<Hit>& hits) const {
    std::vector<int> found;
    re2::StringPiece text(path.data(), path.size());
    RE2::Set::ErrorInfo error;
    // Without a set (it did not compile) or when its DFA runs out of memory, test one by one.
    if (!regex_set ||
        (!regex_set->Match(text, &found, &error) && error.kind != RE2::Set::kNoError)) {
      found.clear();
      for (int i = 0; i < static_cast<int>(regexes.size()); ++i) {
        if (RE2::PartialMatch(text, *regexes[i].re)) found.push_back(i);
      }
    }
    for (int i : found) {
      hits.push_back({regexes[i].section, regexes[i].entry->where.line, 0, regexes[i].entry});
    }
  }
};

MaintainersMatcher::MaintainersMatcher(std::vector<MaintainersFile> files,
                                       DirectoryTest is_directory)
    : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  m.files = std::move(files);
  for (const MaintainersFile& f : m.files) {
    for (const MaintainersSection& s : f.sections) m.sections.push_back(&s);
  }
  m.excludes.resize(m.sections.size());
  m.regex_set = std::make_unique<RE2::Set>(regex_options(), RE2::UNANCHORED);
  for (int si = 0; si < static_cast<int>(m.sections.size()); ++si) {
    const MaintainersSection& s = *m.sections[si];
    for (const MaintainersEntry& e : s.files) {
      auto p = compile(e, si, is_directory);
      if (!p) continue;
      int index = static_cast<int>(m.patterns.size());
      Impl::Bucket& b = m.buckets[bucket_of(*p)];
      if (p->kind == Pattern::Kind::kTree) b.tree.push_back(index);
      if (p->kind == Pattern::Kind::kRegex) b.regex.push_back(index);
      if (p->kind == Pattern::Kind::kSameDepth) b.leaf.push_back(index);
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
      std::string re = strip_extended(e.value);
      auto compiled = std::make_unique<RE2>(re, regex_options());
      if (!compiled->ok() || m.regex_set->Add(re, nullptr) < 0) continue;
      m.regexes.push_back({si, &e, std::move(compiled)});
    }
  }
  if (m.regexes.empty() || !m.regex_set->Compile()) m.regex_set.reset();
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
  // Visit the buckets of the path's ancestors: "", "a/", "a/b/" for "a/b/c".
  for (std::size_t pos = 0;;) {
    std::size_t slash = path.find('/', pos);
    auto it = m.buckets.find(path.substr(0, pos));
    if (it != m.buckets.end()) {
      for (int i : it->second.tree) hit(i);
      for (int i : it->second.regex) {
        if (m.patterns[i].matches(path, slashes)) hit(i);
      }
      if (slash == std::string_view::npos) {  // the path's own directory
        for (int i : it->second.leaf) {
          if (path.starts_with(m.patterns[i].literal)) hit(i);
        }
      }
    }
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  if (!m.regexes.empty()) m.add_regex_hits(path, hits);

  // A section's depth is that of its last matching F:/N: line, as get_maintainer.pl overwrites
  // it line by line; X: lines veto the section.
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.section != b.section ? a.section < b.section : a.line < b.line;
  });
  std::vector<MaintainersMatch> out;
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (i + 1 < hits.size() && hits[i + 1].section == hits[i].section) continue;
    const Hit& last = hits[i];
    bool excluded = std::any_of(m.excludes[last.section].begin(), m.excludes[last.section].end(),
                                [&](int x) { return m.patterns[x].matches(path, slashes); });
    if (excluded) continue;
    out.push_back({m.sections[last.section], last.depth, last.entry->where});
  }
  std::stable_sort(
      out.begin(), out.end(),
      [](const MaintainersMatch& a, const MaintainersMatch& b) { return a.depth > b.depth; });
  return out;
}

}  // namespace sigwarden
