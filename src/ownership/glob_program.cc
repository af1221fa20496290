#include "ownership/glob_program.h"

#include <algorithm>
#include <utility>

namespace sigwarden {

std::string regex_quote(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/' ||
      c == '-' || c == '_' || static_cast<unsigned char>(c) >= 0x80) {
    return std::string(1, c);
  }
  return std::string("\\") + c;
}

namespace {

// The length of the valid UTF-8 character that starts with lead and continues with the literal
// pieces after it (RE2 reads the pattern as UTF-8 and rejects other forms), or 0.
std::size_t literal_char_length(const std::vector<GlobPiece>& pieces, std::size_t at) {
  auto b = [&](std::size_t k) -> int {
    if (at + k >= pieces.size() || pieces[at + k].kind != GlobPiece::kLiteral) return -1;
    return static_cast<unsigned char>(pieces[at + k].byte);
  };
  int lead = b(0);
  std::size_t length = lead < 0x80 ? 1 : lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (lead > 0xF4) length = 0;
  if (length <= 1) return length;
  // The second byte's range excludes overlong forms, surrogates and code points over 10FFFF.
  int lo = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
  int hi = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (b(k) < 0x80 || b(k) > 0xBF) return 0;
  }
  return length;
}

// The length of the character RE2's '[^/]' and '.' consume at the start of s, or 0 when none
// does (see the header).
std::size_t path_char_length(std::string_view s) {
  auto lead = static_cast<unsigned char>(s[0]);
  std::size_t length = lead < 0x80                    ? 1
                       : lead >= 0xC2 && lead <= 0xDF ? 2
                       : lead >= 0xE0 && lead <= 0xEF ? 3
                       : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                      : 0;
  if (length > s.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((static_cast<unsigned char>(s[k]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

std::string render_regex(const std::vector<GlobPiece>& pieces) {
  std::string re = "^";
  for (const GlobPiece& p : pieces) {
    switch (p.kind) {
      case GlobPiece::kLiteral:
        re += regex_quote(p.byte);
        break;
      case GlobPiece::kSegmentChar:
        re += "[^/]";
        break;
      case GlobPiece::kSegmentStar:
        re += "[^/]*";
        break;
      case GlobPiece::kAnyDirs:
        re += "(?:.*/)?";
        break;
      case GlobPiece::kDotStar:
        re += ".*";
        break;
      case GlobPiece::kOptSubtree:
        re += "(?:/.*)?";
        break;
      case GlobPiece::kClass:
        re += p.text;
        break;
      case GlobPiece::kNothing:
        re += "[^\\x00-\\x{10FFFF}]";
        break;
    }
  }
  return re + "$";
}

namespace {

// A state while the automaton is built.
struct State {
  enum Kind : std::uint8_t { kUnit, kNotSlash, kNotNewline, kSplit, kMatch, kNothing };
  Kind kind = kSplit;
  bool loop = false;       // the consuming transition stays here (else it goes to the next state)
  std::string bytes = {};  // kUnit: the character
  int eps[2] = {-1, -1};   // states reached without consuming: the next one, or three on
};

}  // namespace

bool GlobProgram::supports(const std::vector<GlobPiece>& pieces) {
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].kind == GlobPiece::kClass) return false;
    if (pieces[i].kind != GlobPiece::kLiteral) continue;
    std::size_t length = literal_char_length(pieces, i);
    if (length == 0) return false;
    i += length - 1;
  }
  return true;
}

std::optional<GlobProgram> GlobProgram::build(const std::vector<GlobPiece>& pieces) {
  std::vector<State> s;
  auto next = [&s] { return static_cast<int>(s.size()) + 1; };
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    int at = static_cast<int>(s.size());
    switch (pieces[i].kind) {
      case GlobPiece::kLiteral: {
        std::size_t length = literal_char_length(pieces, i);
        if (length == 0) return std::nullopt;
        State st{.kind = State::kUnit};
        for (std::size_t k = 0; k < length; ++k) st.bytes += pieces[i + k].byte;
        s.push_back(st);
        i += length - 1;
        break;
      }
      case GlobPiece::kSegmentChar:
        s.push_back({.kind = State::kNotSlash});
        break;
      case GlobPiece::kSegmentStar:
        s.push_back({.kind = State::kNotSlash, .loop = true, .eps = {next(), -1}});
        break;
      case GlobPiece::kDotStar:
        s.push_back({.kind = State::kNotNewline, .loop = true, .eps = {next(), -1}});
        break;
      case GlobPiece::kAnyDirs:  // skip, or anything then '/'
        s.push_back({.kind = State::kSplit, .eps = {at + 1, at + 3}});
        s.push_back({.kind = State::kNotNewline, .loop = true, .eps = {at + 2, -1}});
        s.push_back({.kind = State::kUnit, .bytes = "/"});
        break;
      case GlobPiece::kOptSubtree:  // skip, or '/' then anything
        s.push_back({.kind = State::kSplit, .eps = {at + 1, at + 3}});
        s.push_back({.kind = State::kUnit, .bytes = "/"});
        s.push_back({.kind = State::kNotNewline, .loop = true, .eps = {at + 3, -1}});
        break;
      case GlobPiece::kClass:
        return std::nullopt;
      case GlobPiece::kNothing:
        s.push_back({.kind = State::kNothing});
        break;
    }
  }
  s.push_back({.kind = State::kMatch});

  GlobProgram g;
  const std::size_t n = (s.size() + 63) / 64;
  g.words_ = n;
  g.match_state_ = s.size() - 1;
  g.masks_.assign(kMasks * n, 0);
  auto set = [&g, n](std::size_t block, std::size_t i) {
    g.masks_[block * n + i / 64] |= std::uint64_t{1} << (i % 64);
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const State& st = s[i];
    if (st.kind == State::kNotSlash) set(kNotSlash, i);
    if (st.kind == State::kNotNewline) set(kNotNewline, i);
    bool consumes =
        st.kind == State::kUnit || st.kind == State::kNotSlash || st.kind == State::kNotNewline;
    if (consumes) set(st.loop ? kLoop : kAdvance, i);
    if (st.kind == State::kUnit && st.bytes.size() > 1) g.wide_.push_back({i, st.bytes});
    if (st.kind == State::kUnit && st.bytes.size() == 1) {
      std::size_t k = g.literal_bytes_.find(st.bytes[0]);
      if (k == std::string::npos) {
        k = g.literal_bytes_.size();
        g.literal_bytes_ += st.bytes[0];
        g.masks_.resize(g.masks_.size() + n, 0);
        auto b = static_cast<unsigned char>(st.bytes[0]);  // ASCII: one byte characters
        g.literal_set_[b / 64] |= std::uint64_t{1} << (b % 64);
      }
      set(kMasks + k, i);
    }
    for (int t : st.eps) {
      if (t == static_cast<int>(i) + 1) set(kEpsNext, i);
      if (t == static_cast<int>(i) + 3) set(kEpsThree, i);
    }
  }
  return g;
}

void GlobProgram::close(std::uint64_t* set, std::uint64_t& work) const {
  const std::uint64_t* next = mask(kEpsNext);
  const std::uint64_t* three = mask(kEpsThree);
  for (bool changed = true; changed;) {
    changed = false;
    work += words_;
    // A state with an epsilon transition to the next one, in a run of such states, reaches the
    // rest of the run and the state after it: adding the run's bits carries it there.
    std::uint64_t carry = 0;
    for (std::size_t w = 0; w < words_; ++w) {
      std::uint64_t from = set[w] & next[w];
      std::uint64_t sum = from + next[w];
      std::uint64_t carry_out = sum < from ? 1 : 0;
      std::uint64_t total = sum + carry;
      carry_out |= total < sum ? 1 : 0;
      carry = carry_out;
      set[w] |= total ^ next[w];
    }
    // Skips over an optional group, three states on.
    std::uint64_t spill = 0;
    for (std::size_t w = 0; w < words_; ++w) {
      std::uint64_t from = set[w] & three[w];
      std::uint64_t to = (from << 3) | spill;
      spill = from >> 61;
      if ((to & ~set[w]) != 0) {
        set[w] |= to;
        changed = true;
      }
    }
  }
}

bool GlobProgram::matches(std::string_view path, std::uint64_t& work, std::uint64_t limit) const {
  // Two state sets; on the stack for patterns of up to 256 states.
  const std::size_t n = words_;
  std::uint64_t small[8];
  std::vector<std::uint64_t> large;
  std::uint64_t* current = small;
  if (n > 4) {
    large.resize(2 * n);
    current = large.data();
  }
  std::uint64_t* following = current + n;
  std::fill_n(current, n, 0);
  current[0] = 1;
  close(current, work);
  const std::uint64_t* not_slash = mask(kNotSlash);
  const std::uint64_t* not_newline = mask(kNotNewline);
  const std::uint64_t* loop = mask(kLoop);
  const std::uint64_t* advance = mask(kAdvance);
  for (std::size_t pos = 0; pos < path.size();) {
    auto lead = static_cast<unsigned char>(path[pos]);
    std::size_t length = lead < 0x80 ? 1 : path_char_length(path.substr(pos));
    if (length == 0) return false;  // no piece consumes this byte
    std::string_view c = path.substr(pos, length);
    pos += length;
    work += n;
    if (work > limit) return false;
    const std::uint64_t* literal_mask = nullptr;
    if (lead < 0x80 && (literal_set_[lead / 64] >> (lead % 64) & 1) != 0) {
      literal_mask = mask(kMasks + literal_bytes_.find(c[0]));
    }
    std::uint64_t carry = 0;
    std::uint64_t any = 0;
    for (std::size_t w = 0; w < n; ++w) {
      std::uint64_t takes = (c != "/" ? not_slash[w] : 0) | (c != "\n" ? not_newline[w] : 0);
      if (literal_mask != nullptr) takes |= literal_mask[w];
      std::uint64_t moved = current[w] & takes;
      std::uint64_t ahead = moved & advance[w];
      following[w] = (moved & loop[w]) | (ahead << 1) | carry;
      carry = ahead >> 63;
      any |= following[w];
    }
    for (const Wide& x : wide_) {
      if (length > 1 && c == x.bytes && (current[x.state / 64] >> (x.state % 64) & 1) != 0) {
        std::size_t t = x.state + 1;
        following[t / 64] |= std::uint64_t{1} << (t % 64);
        any = 1;
      }
    }
    if (any == 0) return false;
    close(following, work);
    std::swap(current, following);
  }
  return (current[match_state_ / 64] >> (match_state_ % 64) & 1) != 0;
}

}  // namespace sigwarden
