// Reviewer suggestions for a change: per owning SIG, its leads and lists; and a minimal set of
// reviewers covering every changed file, by greedy set cover over the files' owners (as Prow's
// approve plugin and Chromium's owners tools do), topped up to a requested count. The author and
// co-authors are never suggested. Ties are broken by a hash seeded with the head commit id, so the
// same change always gets the same suggestion and different changes spread the load.
#pragma once

#include <string>
#include <vector>

#include "ownership/index.h"
#include "registry/registry.h"

namespace sigwarden {

struct ReviewInput {
  std::vector<PathOwners> files;  // one per changed path (both paths of a rename)
  const Registry* registry = nullptr;
  std::vector<std::string> author_logins;  // logins (without '@') never to suggest
  std::vector<std::string> author_emails;  // e-mails of the author and co-authors
  std::vector<std::string> author_names;
  std::vector<std::string> fallback;  // reviewers for unowned files
  std::string seed;                   // the head commit id
  std::size_t count = 0;              // minimum number of reviewers
};

struct SigPlan {
  std::string name;
  std::string dir;
  std::vector<std::string> files;
  std::vector<std::string> leads;      // the SIG's leads (authors removed)
  std::vector<std::string> reviewers;  // chosen reviewers who own files of this SIG
  std::vector<std::string> lists;
};

struct ReviewerPick {
  std::string login;  // as written in the ownership source ("@ann", "@org/team", "Name <mail>")
  std::string reason;
  std::vector<std::string> sigs;
  std::vector<std::string> files;
};

struct ReviewPlan {
  std::vector<SigPlan> sigs;
  std::vector<ReviewerPick> reviewers;
  std::vector<std::string> unowned;
  std::vector<std::string> uncovered;  // owned files whose only owners are the authors
};

ReviewPlan plan_review(const ReviewInput& input);

// The identities in "Co-authored-by: Name <email>" trailers of a commit message.
std::vector<std::pair<std::string, std::string>> co_authors(const std::string& message);

}  // namespace sigwarden
