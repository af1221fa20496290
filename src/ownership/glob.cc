#include "ownership/glob.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <limits>

namespace sigwarden {

namespace {

bool has_glob(std::string_view s) { return s.find_first_of("*?[\\") != std::string_view::npos; }

// The pieces of a pattern's regex (glob_program.h): the root anchor or any leading directories,
// the body translated piece by piece, and what may follow the last segment.
std::vector<GlobPiece> to_pieces(const GlobPattern& g, std::string_view body) {
  std::vector<GlobPiece> out;
  out.reserve(body.size() + 3);
  auto add = [&out](GlobPiece::Kind kind, char byte = 0) { out.push_back({kind, byte}); };
  if (!g.anchored) add(GlobPiece::kAnyDirs);
  std::size_t i = 0;
  while (i < body.size()) {
    if (body.compare(i, 3, "**/") == 0 && (i == 0 || body[i - 1] == '/')) {
      add(GlobPiece::kAnyDirs);
      i += 3;
    } else if (body.compare(i, 2, "**") == 0 && i + 2 == body.size() &&
               (i == 0 || body[i - 1] == '/')) {
      add(GlobPiece::kDotStar);
      i += 2;
    } else if (body[i] == '\\' && i + 1 < body.size()) {
      add(GlobPiece::kLiteral, body[i + 1]);
      i += 2;
    } else if (body[i] == '*') {
      add(GlobPiece::kSegmentStar);
      ++i;
    } else if (body[i] == '?') {
      add(GlobPiece::kSegmentChar);
      ++i;
    } else if (body[i] == '[' && body.find(']', i + 1) != std::string_view::npos) {
      // A character class (GitLab only; GitHub rejects '[' before getting here).
      std::size_t close = body.find(']', i + 1);
      bool negated = close > i + 1 && (body[i + 1] == '!' || body[i + 1] == '^');
      if (close == i + 1 + (negated ? 1 : 0)) {
        // "[]" is an empty set, as Ruby's fnmatch reads it: it matches no character; "[!]" any
        // character but '/'. (Written as "[]", RE2 would read ']' as a member and run on.)
        add(negated ? GlobPiece::kSegmentChar : GlobPiece::kNothing);
        i = close + 1;
        continue;
      }
      std::string re = "[";
      for (std::size_t k = i + 1; k < close; ++k) {
        char c = body[k];
        if (k == i + 1 && (c == '!' || c == '^')) {
          re += '^';
        } else if (c == '-') {
          re += '-';
        } else {
          re += regex_quote(c);
        }
      }
      out.push_back({GlobPiece::kClass, 0, re + "]"});
      i = close + 1;
    } else {
      add(GlobPiece::kLiteral, body[i]);
      ++i;
    }
  }
  if (g.dir_only) {
    add(GlobPiece::kLiteral, '/');
    add(GlobPiece::kDotStar);
  } else if (!g.children_only) {
    add(GlobPiece::kOptSubtree);
  }
  return out;
}

// The body of a parsed pattern: its text without the anchoring and the directory slash.
std::string_view body_of(const GlobPattern& g) {
  std::string_view body = g.text;
  if (body.starts_with("/")) body.remove_prefix(1);
  if (g.dir_only && body.ends_with("/")) body.remove_suffix(1);
  return body;
}

}  // namespace

std::optional<GlobPattern> parse_glob(std::string_view pattern, std::string* error,
                                      GlobFlavor flavor) {
  bool gitlab = flavor == GlobFlavor::kGitlab;
  GlobPattern g;
  std::string text;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\' && i + 1 < pattern.size()) {
      char next = pattern[i + 1];
      if (next == '#' && !gitlab) {
        *error = "'\\#' escapes are not supported by GitHub";
        return std::nullopt;
      }
      if (next == '*' || next == '?' || next == '[' || next == '\\') {
        text.push_back('\\');  // kept escaped: a literal star, question mark or bracket
      }
      text.push_back(next);  // "\ " is a literal space
      ++i;
      continue;
    }
    text.push_back(pattern[i]);
  }
  g.text = text;
  if (text.empty()) {
    *error = "empty pattern";
    return std::nullopt;
  }
  if (text[0] == '!') {
    *error = "'!' negation is not supported by GitHub";
    return std::nullopt;
  }
  if (!gitlab && (text.find('[') != std::string::npos || text.find(']') != std::string::npos)) {
    *error = "'[ ]' character ranges are not supported by GitHub";
    return std::nullopt;
  }
  std::string_view body = text;
  if (body.starts_with("/")) {
    g.anchored = true;
    body.remove_prefix(1);
  }
  if (body.ends_with("/")) {
    g.dir_only = true;
    body.remove_suffix(1);
  }
  if (!gitlab) {
    if (body.find('/') != std::string_view::npos && !body.starts_with("**/")) g.anchored = true;
    if (body.starts_with("**/") && body.find('/', 3) != std::string_view::npos) g.anchored = true;
  }
  g.children_only = body == "*" ? false : body.ends_with("/*");
  // An empty segment ("docs//x", "docs//") never matches a path; such a pattern is not a literal
  // prefix (its literal segments would stop at the gap and match everything below "docs/").
  g.literal = !has_glob(body) && !body.empty() && body.find("//") == std::string_view::npos &&
              !body.ends_with('/');
  // Literal leading segments.
  std::string_view rest = body;
  bool floating_name = !g.anchored;
  bool any_depth = false;
  if (rest.starts_with("**/") && !has_glob(rest.substr(3))) {
    rest.remove_prefix(3);  // "**/logs" is the floating name "logs"
    floating_name = !g.anchored && rest.find('/') == std::string_view::npos;
    // What follows "**/" is not at the root: "**/a/b" and "/**/a" have no leading segments.
    any_depth = true;
  }
  if ((g.anchored && !any_depth) || floating_name) {
    while (!rest.empty()) {
      auto slash = rest.find('/');
      std::string_view seg = rest.substr(0, slash);
      if (has_glob(seg) || seg.empty()) break;
      g.literal_prefix.emplace_back(seg);
      if (slash == std::string_view::npos) break;
      rest.remove_prefix(slash + 1);
    }
  }
  g.regex = body.empty() ? "" : render_regex(to_pieces(g, body));
  return g;
}

namespace {

// The runs of literal characters (two or more) of a pattern's body, last first. to_regex()
// translates each of them one for one, so a path that lacks one of them cannot match. A run ends
// at every glob or escape character ('*', '?', '\\'), a character class "[...]" is skipped whole,
// and the '/' after a '*' is left out (the one of "**/" belongs to the optional "(?:.*/)?").
std::vector<std::string> required_runs(const GlobPattern& g) {
  std::string_view body = g.text;
  if (body.starts_with("/")) body.remove_prefix(1);
  if (g.dir_only && body.ends_with("/")) body.remove_suffix(1);
  std::vector<std::string> runs;
  std::size_t start = 0;
  auto end_run = [&](std::size_t end) {
    if (end >= start + 2) runs.emplace_back(body.substr(start, end - start));
  };
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '*' && c != '?' && c != '\\' && c != '[') continue;
    end_run(i);
    if (c == '[' && body.find(']', i + 1) != std::string_view::npos) i = body.find(']', i + 1);
    if (c == '*' && i + 1 < body.size() && body[i + 1] == '/') ++i;
    start = i + 1;
  }
  end_run(body.size());
  std::reverse(runs.begin(), runs.end());
  return runs;
}

}  // namespace

GlobMatcher::GlobMatcher(GlobPattern pattern)
    : pattern_(std::move(pattern)), required_(required_runs(pattern_)) {
  for (const std::string& seg : pattern_.literal_prefix) {
    literal_ += (literal_.empty() ? "" : "/") + seg;
  }
  if (pattern_.regex.empty()) return;
  if (pattern_.literal && !pattern_.literal_prefix.empty()) {
    // Compared by segment. Its pieces: its text (no escapes in a literal pattern), then '/'
    // and ".*" when it ends in '/'.
    classes_ = byte_classes(body_of(pattern_)) | (pattern_.dir_only ? byte_classes("/") : 0);
    below_directory_ = pattern_.dir_only;
    return;
  }
  std::vector<GlobPiece> pieces = to_pieces(pattern_, body_of(pattern_));
  // Literal pieces are translated one for one: every match contains their bytes.
  for (const GlobPiece& p : pieces) {
    if (p.kind == GlobPiece::kLiteral) classes_ |= byte_classes(std::string_view(&p.byte, 1));
  }
  // ... '/' then ".*" (and "(?:/.*)?") at the end: anything after some '/' of the directory.
  std::size_t n = pieces.size();
  if (n >= 3 && pieces[n - 1].kind == GlobPiece::kOptSubtree) --n;
  below_directory_ = n >= 2 && pieces[n - 1].kind == GlobPiece::kDotStar &&
                     pieces[n - 2].kind == GlobPiece::kLiteral && pieces[n - 2].byte == '/';
  automaton_ = GlobProgram::supports(pieces);
  re_usable_ = !automaton_ && pattern_.regex.size() <= kMaxRe2GlobBytes;
  usable_ = automaton_ || re_usable_;
}
GlobMatcher::~GlobMatcher() = default;
GlobMatcher::GlobMatcher(GlobMatcher&&) noexcept = default;
GlobMatcher& GlobMatcher::operator=(GlobMatcher&&) noexcept = default;

std::uint64_t GlobMatcher::byte_classes(std::string_view text) {
  static const auto kClass = [] {
    std::array<std::uint8_t, 256> c{};
    for (int b = 0; b < 256; ++b) {
      c[b] = b >= 'a' && b <= 'z'   ? b - 'a'
             : b >= 'A' && b <= 'Z' ? 26 + b - 'A'
             : b >= '0' && b <= '9' ? 52 + b - '0'
             : b == '.'             ? 62
                                    : 63;
    }
    return c;
  }();
  std::uint64_t bits = 0;
  for (char c : text) bits |= std::uint64_t{1} << kClass[static_cast<unsigned char>(c)];
  return bits;
}

bool GlobMatcher::matches(std::string_view path) const {
  std::uint64_t work = 0;
  return matches(path, work, std::numeric_limits<std::uint64_t>::max());
}

bool GlobMatcher::matches(std::string_view path, std::uint64_t& work, std::uint64_t limit) const {
  if (pattern_.regex.empty()) return false;  // "/" alone matches nothing
  work += 1 + path.size() / 16;
  if (pattern_.literal && !pattern_.literal_prefix.empty()) {
    // Literal patterns are compared segment by segment: no regex needed.
    const std::string& lit = literal_;
    auto matches_at = [&](std::size_t pos) {
      if (path.compare(pos, lit.size(), lit) != 0) return false;
      std::size_t end = pos + lit.size();
      if (end == path.size()) return !pattern_.dir_only;
      return path[end] == '/';
    };
    if (pattern_.anchored) return matches_at(0);
    for (std::size_t pos = 0; pos < path.size();) {
      if (matches_at(pos)) return true;
      std::size_t slash = path.find('/', pos);
      if (slash == std::string_view::npos) break;
      pos = slash + 1;
    }
    return false;
  }
  for (const std::string& run : required_) {
    work += 1 + path.size() / 16;
    if (path.find(run) == std::string_view::npos) return false;
  }
  if (automaton_) {
    // Built on first use, so that a 50,000-line file costs little for the rules a run never
    // tests.
    if (!program_) {
      program_ = std::make_unique<GlobProgram>(
          *GlobProgram::build(to_pieces(pattern_, body_of(pattern_))));
    }
    return program_->matches(path, work, limit);
  }
  if (!re_usable_) return false;   // not usable()
  work += (path.size() + 1) * 16;  // RE2: a few dozen times dearer per byte
  if (!re_) {
    RE2::Options options;
    options.set_log_errors(false);
    re_ = std::make_unique<re2::RE2>(pattern_.regex, options);
  }
  return re_->ok() && RE2::FullMatch(re2::StringPiece(path.data(), path.size()), *re_);
}

void LiteralRunIndex::add(int id, const GlobMatcher& glob) {
  constexpr std::size_t kMaxKey = 12;  // a prefix of a required run is required too
  const std::vector<std::string>& runs = glob.required();
  if (runs.empty()) {
    unkeyed_.push_back(id);
    return;
  }
  auto longest = std::max_element(runs.begin(), runs.end(),
                                  [](const auto& a, const auto& b) { return a.size() < b.size(); });
  std::string key = longest->substr(0, kMaxKey);
  auto at = std::lower_bound(lengths_.begin(), lengths_.end(), key.size());
  if (at == lengths_.end() || *at != key.size()) lengths_.insert(at, key.size());
  keyed_[key].push_back(id);
}

void LiteralRunIndex::ranges(std::string_view path, std::vector<Range>& out) const {
  if (!unkeyed_.empty()) out.emplace_back(unkeyed_.data(), unkeyed_.data() + unkeyed_.size());
  if (keyed_.empty()) return;
  std::size_t first = out.size();
  for (std::size_t len : lengths_) {
    for (std::size_t at = 0; at + len <= path.size(); ++at) {
      auto it = keyed_.find(path.substr(at, len));
      if (it == keyed_.end()) continue;
      Range r(it->second.data(), it->second.data() + it->second.size());
      // A key found twice in the path is one range.
      if (std::find(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(), r) != out.end()) {
        continue;
      }
      out.push_back(r);
    }
  }
}

std::vector<int> LiteralRunIndex::candidates(std::string_view path) const {
  std::vector<Range> found;
  ranges(path, found);
  return merge(found);
}

std::vector<int> LiteralRunIndex::merge(const std::vector<Range>& ranges) {
  std::vector<int> ids;
  for (const Range& r : ranges) ids.insert(ids.end(), r.first, r.second);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace sigwarden
