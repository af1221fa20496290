#include "registry/people.h"

#include <re2/re2.h>

#include "core/text.h"
#include "registry/markdown.h"

namespace sigwarden {

namespace {

const RE2& email_re() {
  static const RE2 re("([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");
  return re;
}

const RE2& handle_re() {
  static const RE2 re("(?:^|[^A-Za-z0-9._%+-])@([A-Za-z0-9][A-Za-z0-9_.-]*)");
  return re;
}

std::string handle_from_url(std::string_view url) {
  std::string_view u = url;
  auto scheme = u.find("://");
  if (scheme != std::string_view::npos) u.remove_prefix(scheme + 3);
  auto slash = u.find('/');
  if (slash == std::string_view::npos) return "";
  u.remove_prefix(slash + 1);
  auto end = u.find_first_of("/?#");
  return std::string(u.substr(0, end));
}

// Splits a cell of plain names on 、 , ; / and <br>, but not inside parentheses.
std::vector<std::string> split_names(std::string_view text) {
  std::string folded = fold_fullwidth(text);
  std::vector<std::string> out;
  std::string current;
  int depth = 0;
  auto flush = [&] {
    std::string_view t = trim(current);
    if (!t.empty()) out.emplace_back(t);
    current.clear();
  };
  for (std::size_t i = 0; i < folded.size(); ++i) {
    char c = folded[i];
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    bool ideographic_comma = folded.compare(i, 3, "\xE3\x80\x81") == 0;  // 、
    if (depth == 0 && (c == ',' || c == ';' || c == '/' || ideographic_comma)) {
      flush();
      if (ideographic_comma) i += 2;
      continue;
    }
    if (depth == 0 && folded.compare(i, 5, " and ") == 0) {
      flush();
      i += 4;
      continue;
    }
    current.push_back(c);
  }
  flush();
  return out;
}

// The display name in an entry: text before an organisation in parentheses, a comma, a dash or
// an e-mail label, without "@handle" tokens (also when glued to the name: "Name@id").
std::string clean_name(std::string_view text) {
  std::string folded = md::normalize_label(text);
  static const RE2 kHandle("@[A-Za-z0-9_.-]+");
  RE2::GlobalReplace(&folded, kHandle, " ");
  std::string_view t = folded;
  std::size_t cut = t.find_first_of("(<,[|");
  for (std::string_view stop :
       {" - ", ":", "\xE9\x82\xAE\xE7\xAE\xB1" /* 邮箱 */, "Email", "email", "E-mail", "e-mail"}) {
    if (auto pos = t.find(stop); pos != std::string_view::npos && pos < cut) cut = pos;
  }
  if (cut != std::string_view::npos) t = t.substr(0, cut);
  t = trim(t);
  // "陆卫兵 东南大学 教授": a Chinese name of two to four characters, then affiliation and title.
  std::size_t cjk = 0;
  while (cjk + 3 <= t.size() && static_cast<unsigned char>(t[cjk]) >= 0xE4 &&
         static_cast<unsigned char>(t[cjk]) <= 0xE9) {
    cjk += 3;
  }
  if (cjk >= 6 && cjk <= 12 && cjk < t.size() && t[cjk] == ' ') t = t.substr(0, cjk);
  return std::string(trim(t));
}

bool plausible_name(std::string_view name, const Patterns& patterns) {
  if (name.empty() || name.size() > 80) return false;
  int spaces = 0;
  for (char c : name) spaces += c == ' ';
  if (spaces > 4) return false;
  // Sentences, roles and long runs of Chinese text are not names.
  if (name.find("\xE3\x80\x82") != std::string_view::npos || name.ends_with(".")) return false;
  if (patterns.matches("not_person", name)) return false;
  std::size_t cjk_bytes = 0;
  for (unsigned char c : name) cjk_bytes += c >= 0x80;
  return !(cjk_bytes == name.size() - static_cast<std::size_t>(spaces) && cjk_bytes > 18);
}

}  // namespace

std::vector<std::string> find_emails(std::string_view text) {
  std::vector<std::string> out;
  re2::StringPiece input(text.data(), text.size());
  std::string email;
  while (RE2::FindAndConsume(&input, email_re(), &email)) out.push_back(email);
  return out;
}

bool is_profile_url(std::string_view url) {
  std::string u = to_lower_ascii(url);
  for (std::string_view host : {"gitee.com/", "github.com/", "atomgit.com/", "gitcode.com/",
                                "gitcode.net/", "gitlab.com/"}) {
    auto pos = u.find(host);
    if (pos != std::string::npos && pos <= 12) {
      std::string_view rest = std::string_view(u).substr(pos + host.size());
      // A profile has exactly one path segment.
      auto slash = rest.find('/');
      return !rest.empty() && (slash == std::string_view::npos || slash + 1 == rest.size());
    }
  }
  return false;
}

std::string normalize_list(std::string_view address_or_url) {
  std::string s = to_lower_ascii(trim(address_or_url));
  if (s.starts_with("mailto:")) s.erase(0, 7);
  if (auto q = s.find('?'); q != std::string::npos && s.find("://") == std::string::npos) {
    s.erase(q);
  }
  static const RE2 postorius(
      R"(/(?:postorius/lists|hyperkitty/list|archives/list)/([^/@.]+)[.@]([^/]+))");
  static const RE2 mailman(
      R"(^https?://(?:lists\.|mail\.|mailweb\.)?([^/]+)/(?:mailman|cgi-bin/mailman)/listinfo/([^/]+))");
  static const RE2 google_domain(
      R"(groups\.google\.com/a/([^/]+)/(?:g/|forum/#!forum/|d/forum/)([^/#?]+))");
  static const RE2 google(R"(groups\.google\.com/(?:g/|forum/#!forum/|d/forum/)([^/#?]+))");
  std::string a;
  std::string b;
  if (RE2::PartialMatch(s, postorius, &a, &b)) return a + "@" + b;
  if (RE2::PartialMatch(s, mailman, &a, &b)) return b + "@" + a;
  if (RE2::PartialMatch(s, google_domain, &a, &b)) return b + "@" + a;
  if (RE2::PartialMatch(s, google, &a)) return a + "@googlegroups.com";
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

PeopleParse parse_people(std::string_view text, PeopleText mode, const Patterns& patterns,
                         Source source, const Location& where) {
  PeopleParse result;
  std::string label = md::normalize_label(text);
  if (label.empty()) return result;
  if (patterns.matches("placeholder", label)) {
    result.placeholders.push_back(label);
    return result;
  }
  std::vector<md::Link> profile_links;
  std::vector<std::string> emails;
  for (const md::Link& link : md::find_links(text)) {
    if (link.image) continue;
    std::string lower = to_lower_ascii(link.target);
    if (lower.starts_with("mailto:")) {
      emails.push_back(link.target.substr(7));
    } else if (is_profile_url(link.target) || link.text.starts_with("@")) {
      profile_links.push_back(link);
    }
  }
  std::string plain = md::replace_links_with_text(text);
  // E-mail addresses written outside links (link text such as "@Name.Surname" is not one).
  for (std::string& e : find_emails(md::remove_links(text))) emails.push_back(std::move(e));

  auto make = [&](int column) {
    Person p;
    p.source = source;
    p.where = where;
    if (column > 0) p.where.column = where.column + column - 1;
    return p;
  };

  if (!profile_links.empty() && (mode == PeopleText::kCell || profile_links.size() > 1)) {
    for (std::size_t i = 0; i < profile_links.size(); ++i) {
      const md::Link& link = profile_links[i];
      Person p = make(link.column);
      // The login is the URL's id; the link text may show another display handle.
      p.handle = handle_from_url(link.target);
      if (p.handle.empty()) p.handle = link.text.starts_with("@") ? link.text.substr(1) : "";
      if (!link.text.starts_with("@")) p.name = link.text;
      p.url = link.target;
      if (i < emails.size() && emails.size() == profile_links.size()) p.email = emails[i];
      if (patterns.matches("placeholder", p.label())) {
        result.placeholders.push_back(p.label());
      } else {
        result.people.push_back(std::move(p));
      }
    }
    return result;
  }

  if (!profile_links.empty()) {
    Person p = make(profile_links[0].column);
    const md::Link& link = profile_links[0];
    p.handle = handle_from_url(link.target);
    if (p.handle.empty()) p.handle = link.text.starts_with("@") ? link.text.substr(1) : "";
    p.url = link.target;
    std::string outside = md::remove_links(text);
    for (const std::string& e : emails) {
      if (auto pos = outside.find(e); pos != std::string::npos) outside.erase(pos, e.size());
    }
    std::string name = clean_name(outside);
    if (!plausible_name(name, patterns)) name.clear();
    if (name.empty() && !link.text.starts_with("@")) name = link.text;
    if (name == p.handle || name == "@" + p.handle) name.clear();
    p.name = name;
    if (!emails.empty()) p.email = emails[0];
    result.people.push_back(std::move(p));
    return result;
  }

  std::vector<std::string> pieces;
  if (mode == PeopleText::kCell) {
    pieces = split_names(plain);
  } else {
    pieces.emplace_back(plain);
  }
  for (const std::string& piece : pieces) {
    std::string normalized = md::normalize_label(piece);
    if (normalized.empty()) continue;
    if (patterns.matches("placeholder", normalized)) {
      result.placeholders.push_back(normalized);
      continue;
    }
    if (normalized.find("://") != std::string::npos && normalized.find(' ') == std::string::npos) {
      continue;  // a bare URL names nobody
    }
    Person p = make(0);
    std::string handle;
    if (RE2::PartialMatch(normalized, handle_re(), &handle)) p.handle = handle;
    std::vector<std::string> piece_emails = find_emails(normalized);
    if (!piece_emails.empty()) p.email = piece_emails[0];
    std::string without_email = normalized;
    for (const std::string& e : piece_emails) {
      auto pos = without_email.find(e);
      if (pos != std::string::npos) without_email.erase(pos, e.size());
    }
    p.name = clean_name(without_email);
    if (!plausible_name(p.name, patterns)) p.name.clear();
    if (p.name.empty() && p.handle.empty() && p.email.empty()) continue;
    if (patterns.matches("placeholder", p.label())) {
      result.placeholders.push_back(p.label());
      continue;
    }
    result.people.push_back(std::move(p));
  }
  return result;
}

}  // namespace sigwarden
