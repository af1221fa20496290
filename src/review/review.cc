#include "review/review.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "core/text.h"

namespace sigwarden {

namespace {

std::uint64_t tie_hash(const std::string& seed, const std::string& who) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  std::string key = seed;
  key += '\x1f';
  key += who;
  for (unsigned char c : key) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Login, e-mail and name of an owner as written: "@ann", "ann", "Ann Lee <ann@x.org>", "a@x.org".
struct Identity {
  std::string login;
  std::string email;
  std::string name;
};

Identity identify(const std::string& owner) {
  Identity id;
  static const RE2 kNamed("\\s*(.*?)\\s*<([^>]+)>\\s*");
  std::string name;
  std::string email;
  if (RE2::FullMatch(owner, kNamed, &name, &email)) {
    id.name = to_lower_ascii(name);
    id.email = to_lower_ascii(email);
  } else if (owner.starts_with("@")) {
    id.login = to_lower_ascii(owner.substr(1));
  } else if (owner.find('@') != std::string::npos) {
    id.email = to_lower_ascii(owner);
  } else {
    id.login = to_lower_ascii(owner);
  }
  return id;
}

// "<id>+<login>@users.noreply.github.com" -> login.
std::string noreply_login(const std::string& email) {
  static const RE2 kNoreply("(?:\\d+\\+)?([^@+]+)@users\\.noreply\\.github\\.com");
  std::string login;
  if (RE2::FullMatch(to_lower_ascii(email), kNoreply, &login)) return login;
  return "";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> co_authors(const std::string& message) {
  static const RE2 kTrailer("(?im)^co-authored-by:\\s*(.*?)\\s*<([^>]+)>\\s*$");
  std::vector<std::pair<std::string, std::string>> out;
  re2::StringPiece input(message);
  std::string name;
  std::string email;
  while (RE2::FindAndConsume(&input, kTrailer, &name, &email)) out.emplace_back(name, email);
  return out;
}

ReviewPlan plan_review(const ReviewInput& in) {
  // Who must not review: the author's logins, e-mails and names, and registry handles whose
  // e-mail is an author's.
  std::set<std::string> logins;
  std::set<std::string> emails;
  std::set<std::string> names;
  for (const auto& l : in.author_logins)
    logins.insert(to_lower_ascii(trim(l).starts_with("@") ? trim(l).substr(1) : trim(l)));
  for (const auto& e : in.author_emails) {
    emails.insert(to_lower_ascii(e));
    if (std::string l = noreply_login(e); !l.empty()) logins.insert(l);
  }
  for (const auto& n : in.author_names) names.insert(to_lower_ascii(n));
  if (in.registry != nullptr) {
    for (const Group& g : in.registry->groups) {
      for (const Person& p : g.leads) {
        if (!p.email.empty() && emails.count(to_lower_ascii(p.email)) && !p.handle.empty()) {
          logins.insert(to_lower_ascii(p.handle));
        }
      }
    }
  }
  auto is_author = [&](const std::string& owner) {
    Identity id = identify(owner);
    return (!id.login.empty() && logins.count(id.login)) ||
           (!id.email.empty() && emails.count(id.email)) ||
           (!id.name.empty() && names.count(id.name));
  };

  ReviewPlan plan;
  // Candidates and the files each owns.
  std::map<std::string, std::set<std::size_t>> owns;
  std::map<std::string, std::set<std::string>> sigs_of;
  std::set<std::size_t> to_cover;
  for (std::size_t i = 0; i < in.files.size(); ++i) {
    const PathOwners& f = in.files[i];
    if (!f.owned()) {
      plan.unowned.push_back(f.path);
      continue;
    }
    bool any = false;
    for (const std::string& o : f.owners) {
      if (is_author(o)) continue;
      owns[o].insert(i);
      for (const std::string& s : f.sigs) sigs_of[o].insert(s);
      any = true;
    }
    if (any) {
      to_cover.insert(i);
    } else {
      plan.uncovered.push_back(f.path);
    }
  }

  std::set<std::string> chosen;
  auto pick = [&](const std::string& who) {
    chosen.insert(who);
    ReviewerPick p;
    p.login = who;
    std::vector<std::string> roles;
    if (in.registry != nullptr) {
      for (const Group& g : in.registry->groups) {
        for (const Person& lead : g.leads) {
          if (!lead.handle.empty() && to_lower_ascii("@" + lead.handle) == to_lower_ascii(who) &&
              sigs_of[who].count(g.name)) {
            roles.push_back(fmt::format("lead of SIG {}", g.name));
            break;
          }
        }
      }
    }
    if (roles.empty()) roles.push_back("owner");
    std::string role;
    for (const auto& r : roles) role += (role.empty() ? "" : ", ") + r;
    p.reason =
        fmt::format("{}; owns {} of {} changed files", role, owns[who].size(), in.files.size());
    p.sigs.assign(sigs_of[who].begin(), sigs_of[who].end());
    for (std::size_t i : owns[who]) p.files.push_back(in.files[i].path);
    plan.reviewers.push_back(std::move(p));
  };
  auto better = [&](const std::string& a, std::size_t ca, const std::string& b, std::size_t cb) {
    if (ca != cb) return ca > cb;
    return tie_hash(in.seed, a) < tie_hash(in.seed, b);
  };
  // Greedy set cover: the candidate owning most uncovered files, until every file is covered.
  while (!to_cover.empty()) {
    std::string best;
    std::size_t best_count = 0;
    for (const auto& [who, files] : owns) {
      if (chosen.count(who)) continue;
      std::size_t c = 0;
      for (std::size_t i : files) c += to_cover.count(i);
      if (c > 0 && (best.empty() || better(who, c, best, best_count))) {
        best = who;
        best_count = c;
      }
    }
    if (best.empty()) break;
    for (std::size_t i : owns[best]) to_cover.erase(i);
    pick(best);
  }
  // Top up to the requested count with the owners of most files.
  while (plan.reviewers.size() < in.count) {
    std::string best;
    std::size_t best_count = 0;
    for (const auto& [who, files] : owns) {
      if (chosen.count(who)) continue;
      if (best.empty() || better(who, files.size(), best, best_count)) {
        best = who;
        best_count = files.size();
      }
    }
    if (best.empty()) break;
    pick(best);
  }
  // Unowned files go to the fallback reviewers.
  if (!plan.unowned.empty()) {
    for (const std::string& f : in.fallback) {
      if (chosen.count(f) || is_author(f)) continue;
      chosen.insert(f);
      plan.reviewers.push_back(
          {f,
           fmt::format("fallback reviewer for {} unowned file{}", plan.unowned.size(),
                       plan.unowned.size() == 1 ? "" : "s"),
           {},
           plan.unowned});
    }
  }

  // Per SIG: its files, leads, chosen reviewers and lists.
  std::map<std::string, SigPlan> by_sig;
  for (const PathOwners& f : in.files) {
    for (const std::string& s : f.sigs) {
      SigPlan& sp = by_sig[s];
      sp.name = s;
      sp.files.push_back(f.path);
      for (const std::string& l : f.lists) {
        if (std::find(sp.lists.begin(), sp.lists.end(), l) == sp.lists.end()) sp.lists.push_back(l);
      }
    }
  }
  for (auto& [name, sp] : by_sig) {
    if (in.registry != nullptr) {
      for (const Group& g : in.registry->groups) {
        if (g.name != name) continue;
        sp.dir = g.dir;
        for (const Person& p : g.leads) {
          std::string who = p.handle.empty() ? p.label() : "@" + p.handle;
          if (!is_author(who) &&
              std::find(sp.leads.begin(), sp.leads.end(), who) == sp.leads.end()) {
            sp.leads.push_back(who);
          }
        }
      }
    }
    for (const ReviewerPick& r : plan.reviewers) {
      if (std::find(r.sigs.begin(), r.sigs.end(), name) != r.sigs.end())
        sp.reviewers.push_back(r.login);
    }
    plan.sigs.push_back(std::move(sp));
  }
  return plan;
}

}  // namespace sigwarden
