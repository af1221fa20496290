#include "git/raw_commit.h"

#include <charconv>

namespace sigwarden::git {

namespace {

std::string_view trim_space(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool parse_hex_id(std::string_view hex, RawId& out) {
  if (hex.size() != 2 * out.size()) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    int hi = hex_digit(hex[2 * i]);
    int lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<unsigned char>(hi * 16 + lo);
  }
  return true;
}

// "Name <email> 1700000000 +0000", split as libgit2 does (the last '<' and '>', both parts
// trimmed). A time that is not a number reads as 0, as git's parse_timestamp reads it.
bool parse_signature(std::string_view line, std::string& name, std::string& email,
                     std::int64_t& time) {
  auto lt = line.rfind('<');
  auto gt = line.rfind('>');
  if (lt == std::string_view::npos || gt == std::string_view::npos || gt <= lt) return false;
  name.assign(trim_space(line.substr(0, lt)));
  email.assign(trim_space(line.substr(lt + 1, gt - lt - 1)));
  std::string_view rest = line.substr(gt + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  time = 0;
  std::from_chars(rest.data(), rest.data() + rest.size(), time);
  return true;
}

}  // namespace

std::string parse_raw_commit(std::string_view data, RawCommit& out, bool complete) {
  out = RawCommit{};
  std::size_t pos = 0;
  // The next header line without its newline; false at the end of the data or of the headers.
  std::string_view line;
  bool ended = false;  // the blank line that ends the headers was read
  auto next_line = [&]() {
    std::size_t nl = data.find('\n', pos);
    if (nl == std::string_view::npos) {
      line = data.substr(pos);
      pos = data.size();
      return !line.empty();
    }
    line = data.substr(pos, nl - pos);
    pos = nl + 1;
    if (line.empty()) ended = true;
    return !line.empty();
  };
  if (!next_line() || !line.starts_with("tree ") || !parse_hex_id(line.substr(5), out.tree)) {
    return "its first line is not 'tree <id>' (git: bogus commit object)";
  }
  bool more = next_line();
  while (more && line.starts_with("parent ")) {
    RawId parent;
    if (!parse_hex_id(line.substr(7), parent))
      return "a parent line is malformed (git: bad parents)";
    out.parents.push_back(parent);
    more = next_line();
  }
  if (!more || !line.starts_with("author ")) {
    return "no author line after the tree and parents (git fsck: missingAuthor)";
  }
  if (!parse_signature(line.substr(7), out.author_name, out.author_email, out.author_time)) {
    return "its author line is malformed (git fsck: badEmail)";
  }
  more = next_line();
  while (more && line.starts_with("author ")) more = next_line();  // extra ones are ignored
  if (!more || !line.starts_with("committer ")) {
    return "no committer line after its author (git fsck: missingCommitter)";
  }
  if (!parse_signature(line.substr(10), out.committer_name, out.committer_email, out.time)) {
    return "its committer line is malformed (git fsck: badEmail)";
  }
  // Other headers (encoding, gpgsig and its continuation lines, mergetag, and anything a tool
  // added) do not change what the commit is.
  while (next_line()) {
  }
  if (!ended) {
    if (!complete) return "its headers run past the part sigwarden reads";
    return "";  // no blank line: a commit without a message
  }
  std::string_view message = data.substr(pos);
  while (!message.empty() && message.front() == '\n') message.remove_prefix(1);
  out.message.assign(message);
  return "";
}

}  // namespace sigwarden::git
