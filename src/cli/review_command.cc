// `sigwarden review --base B [--head H] [--author LOGIN] [--count N]`: whom to request as
// reviewers for a change and which lists to cc, with a reason per name. Ownership is read from
// the base, like `check`. Markdown output is a pull-request comment with a hidden marker so a bot
// can update it in place; it mentions (@) only the reviewers chosen, never other leads.

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "git/commits.h"
#include "git/diff.h"
#include "git/repository.h"
#include "output/ci_escape.h"
#include "ownership/index.h"
#include "review/review.h"

namespace sigwarden {

namespace {

constexpr const char* kMarker = "<!-- sigwarden:review -->";

struct ReviewOptions {
  std::string base;
  std::string head = "HEAD";
  std::string author;
  std::size_t count = 2;
};

// A name in a code span: readable, never a mention or a link.
std::string code(const std::string& s) { return ci::code_span(s); }

// A chosen reviewer (in the table): mentioned only when it is a login or team, else shown as code.
std::string mention(const std::string& who) {
  static const std::string kOk =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./";
  if (who.size() > 1 && who[0] == '@' && who.find_first_not_of(kOk, 1) == std::string::npos) {
    return who;
  }
  return ci::code_span(who, "\\|");  // in a table cell
}

std::string render(const ReviewPlan& plan, const std::string& format, const std::string& base,
                   const std::string& head, std::size_t files) {
  if (format == "json") {
    nlohmann::ordered_json doc = {{"schemaVersion", 1}, {"base", base}, {"head", head}};
    nlohmann::ordered_json sigs = nlohmann::ordered_json::array();
    for (const SigPlan& s : plan.sigs) {
      sigs.push_back({{"name", s.name},
                      {"dir", s.dir},
                      {"files", s.files},
                      {"leads", s.leads},
                      {"reviewers", s.reviewers},
                      {"lists", s.lists}});
    }
    nlohmann::ordered_json reviewers = nlohmann::ordered_json::array();
    for (const ReviewerPick& r : plan.reviewers) {
      reviewers.push_back(
          {{"login", r.login}, {"reason", r.reason}, {"sigs", r.sigs}, {"files", r.files}});
    }
    doc["sigs"] = std::move(sigs);
    doc["reviewers"] = std::move(reviewers);
    doc["unowned"] = plan.unowned;
    doc["uncovered"] = plan.uncovered;
    return doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
  }
  std::string out;
  if (format == "markdown") {
    out += std::string(kMarker) + "\n### Suggested reviewers\n\n";
    if (plan.reviewers.empty()) out += "No reviewer could be suggested.\n";
    if (!plan.reviewers.empty()) out += "| Reviewer | Why |\n|---|---|\n";
    for (const ReviewerPick& r : plan.reviewers) {
      out += fmt::format("| {} | {} |\n", mention(r.login), ci::escape_markdown(r.reason));
    }
    if (!plan.sigs.empty()) out += "\n### SIGs touched\n\n";
    for (const SigPlan& s : plan.sigs) {
      std::string leads;
      for (const auto& l : s.leads) leads += (leads.empty() ? "" : ", ") + code(l);
      std::string lists;
      for (const auto& l : s.lists) lists += (lists.empty() ? "" : ", ") + code(l);
      out += fmt::format("- **{}**{}: {} file{}{}{}\n", ci::escape_markdown(s.name),
                         s.dir.empty() ? "" : " (" + code(s.dir) + ")", s.files.size(),
                         s.files.size() == 1 ? "" : "s", leads.empty() ? "" : "; leads " + leads,
                         lists.empty() ? "" : "; cc " + lists);
    }
    if (!plan.unowned.empty()) {
      out += "\n### Unowned files\n\n";
      for (const auto& f : plan.unowned) out += "- " + code(f) + "\n";
    }
    out += fmt::format("\n<sub>sigwarden review of {} changed file{}, {}...{}</sub>\n", files,
                       files == 1 ? "" : "s", base.substr(0, 12), head.substr(0, 12));
    return out;
  }
  // Text for a terminal: repository text cannot color the output or forge lines.
  using ci::printable;
  for (const ReviewerPick& r : plan.reviewers) {
    out += fmt::format("{}: {}\n", printable(r.login), printable(r.reason));
  }
  for (const SigPlan& s : plan.sigs) {
    std::string leads;
    for (const auto& l : s.leads) leads += (leads.empty() ? "" : " ") + printable(l);
    std::string lists;
    for (const auto& l : s.lists) lists += (lists.empty() ? "" : " ") + printable(l);
    out += fmt::format("SIG {}: {} file{}{}{}\n", printable(s.name), s.files.size(),
                       s.files.size() == 1 ? "" : "s", leads.empty() ? "" : "; leads " + leads,
                       lists.empty() ? "" : "; cc " + lists);
  }
  for (const auto& f : plan.unowned) out += fmt::format("unowned: {}\n", printable(f));
  for (const auto& f : plan.uncovered) {
    out += fmt::format("owned only by the author: {}\n", printable(f));
  }
  return out;
}

int run_review(Streams& io, const CommonOptions& common, const ReviewOptions& options) {
  const std::vector<std::string> formats = {"text", "markdown", "json"};
  check_format(common.format, formats);
  auto outputs = parse_outputs(common.outputs, formats);
  git::Repository repo = git::Repository::discover(common.repo);
  git::Snapshot base = repo.snapshot(options.base);
  auto [merge_base, head] = repo.range(options.base + "..." + options.head);
  Config config = read_config(common, base);
  Registry registry = registry_or_empty(base, config);

  std::vector<std::string> paths;
  for (const git::Change& c : git::changed_paths(merge_base, head)) {
    if (!c.old_path.empty()) paths.push_back(c.old_path);
    if (!c.new_path.empty() && c.new_path != c.old_path) paths.push_back(c.new_path);
  }
  OwnershipIndex index(base, registry, config, OwnershipIndex::Scope::kPaths, paths);
  ReviewInput input;
  input.registry = &registry;
  input.seed = head.commit_id();
  input.count = options.count;
  input.fallback = config.fallback_reviewers;
  if (!options.author.empty()) input.author_logins.push_back(options.author);
  for (const git::CommitInfo& c : git::commits_between(merge_base, head)) {
    input.author_emails.push_back(c.author_email);
    input.author_names.push_back(c.author_name);
    for (const auto& [name, email] : co_authors(c.message)) {
      input.author_names.push_back(name);
      input.author_emails.push_back(email);
    }
  }
  for (const std::string& p : paths) input.files.push_back(index.owners_of(p));
  ReviewPlan plan = plan_review(input);
  for (const auto& [format, file] : outputs) {
    write_output_file(file,
                      render(plan, format, merge_base.commit_id(), head.commit_id(), paths.size()));
  }
  if (!common.quiet) {
    io.out << render(plan, common.format, merge_base.commit_id(), head.commit_id(), paths.size());
  }
  return 0;
}

}  // namespace

Action setup_review(CLI::App& sub, CommonOptions& common) {
  auto options = std::make_shared<ReviewOptions>();
  add_common_options(sub, common, "text, markdown, json");
  sub.add_option("--base", options->base, "the pull request's base")->required();
  sub.add_option("--head", options->head, "the pull request's head (default HEAD)")
      ->default_str("HEAD");
  sub.add_option("--author", options->author, "the pull request's author (never suggested)");
  sub.add_option("--count", options->count, "suggest at least this many reviewers (default 2)")
      ->default_str("2");
  sub.footer(
      "Reviewers: a minimal set covering every changed file (greedy set cover over the files' "
      "owners),\ntopped up to --count; authors and Co-authored-by trailers excluded; ties broken "
      "by the head commit id.\nOwnership is read from --base. Exit status: 0, or 2 when it could "
      "not run.");
  return [&common, options](Streams& io) { return run_review(io, common, *options); };
}

}  // namespace sigwarden
