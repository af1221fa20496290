#include "registry/patterns.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "core/error.h"

namespace sigwarden {

std::vector<std::pair<std::string_view, std::string_view>> embedded_rule_files();

namespace {
// Enough for any sensible alternation of a few dozen patterns; a pattern that needs more is
// rejected instead of slowing every run.
constexpr int64_t kMaxPatternMemory = 8 << 20;
constexpr std::size_t kMaxPatternLength = 4096;
}  // namespace

const std::vector<std::string>& Patterns::names() {
  static const std::vector<std::string> kNames = {
      "lead_heading",      "not_lead_heading",  "lead_label",     "placeholder",
      "list_label",        "not_list_label",    "list_heading",   "list_url",
      "index_name_column", "index_lead_column", "not_sig_folder", "not_person",
      "committee_heading", "role_heading"};
  return kNames;
}

Patterns::Patterns(const std::map<std::string, std::vector<std::string>>& sets) {
  for (const std::string& name : names()) {
    auto it = sets.find(name);
    std::string alternation;
    if (it != sets.end()) {
      for (const std::string& p : it->second) {
        if (p.size() > kMaxPatternLength) {
          throw Error(
              fmt::format("compile pattern set '{}': a pattern of {} bytes exceeds the "
                          "limit of {} bytes",
                          name, p.size(), kMaxPatternLength));
        }
        RE2::Options options;
        options.set_log_errors(false);
        options.set_max_mem(kMaxPatternMemory);
        RE2 single(p, options);
        if (!single.ok()) {
          throw Error(fmt::format("compile pattern set '{}': invalid pattern '{}': {}", name, p,
                                  single.error()));
        }
        if (!alternation.empty()) alternation += '|';
        alternation += "(?:" + p + ")";
      }
    }
    // A set with no patterns matches nothing.
    if (alternation.empty()) alternation = "[^\\x00-\\x{10FFFF}]";
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(kMaxPatternMemory);
    auto re = std::make_unique<RE2>(alternation, options);
    if (!re->ok()) {
      throw Error(fmt::format("compile pattern set '{}': {}", name, re->error()));
    }
    compiled_.emplace(name, std::move(re));
  }
}

Patterns::~Patterns() = default;
Patterns::Patterns(Patterns&&) noexcept = default;
Patterns& Patterns::operator=(Patterns&&) noexcept = default;

const RE2& Patterns::get(std::string_view set) const {
  auto it = compiled_.find(set);
  if (it == compiled_.end()) throw Error(fmt::format("unknown pattern set '{}'", set));
  return *it->second;
}

bool Patterns::matches(std::string_view set, std::string_view text) const {
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), get(set));
}

std::vector<std::string_view> Patterns::find_all(std::string_view set,
                                                 std::string_view text) const {
  const RE2& re = get(set);
  std::vector<std::string_view> out;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece match;
  std::size_t pos = 0;
  while (pos <= text.size() && re.Match(input, pos, text.size(), RE2::UNANCHORED, &match, 1)) {
    out.emplace_back(match.data(), match.size());
    std::size_t end = static_cast<std::size_t>(match.data() - text.data()) + match.size();
    pos = match.empty() ? end + 1 : end;
  }
  return out;
}

std::map<std::string, std::vector<std::string>> default_pattern_sets() {
  std::map<std::string, std::vector<std::string>> sets;
  for (const auto& [file, content] : embedded_rule_files()) {
    if (file != "patterns.yaml") continue;
    YAML::Node root = YAML::Load(std::string(content));
    for (const auto& kv : root["patterns"]) {
      auto& list = sets[kv.first.as<std::string>()];
      for (const auto& p : kv.second) list.push_back(p.as<std::string>());
    }
  }
  return sets;
}

}  // namespace sigwarden
