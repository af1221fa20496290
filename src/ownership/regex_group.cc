#include "ownership/regex_group.h"

namespace sigwarden {

RegexGroup::RegexGroup(const RE2::Options& options) : options_(options) {}
RegexGroup::~RegexGroup() = default;
RegexGroup::RegexGroup(RegexGroup&&) noexcept = default;
RegexGroup& RegexGroup::operator=(RegexGroup&&) noexcept = default;

bool RegexGroup::add(const std::string& re) {
  auto one = std::make_unique<RE2>(re, options_);
  if (!one->ok()) return false;
  if (chunks_.empty() || chunks_.back().count == static_cast<int>(kSetRegexes) ||
      chunks_.back().bytes + re.size() > kSetBytes) {
    chunks_.push_back({.first = static_cast<int>(all_.size()),
                       .set = std::make_unique<RE2::Set>(options_, RE2::UNANCHORED)});
  }
  Chunk& c = chunks_.back();
  if (c.set && c.set->Add(re, nullptr) < 0) c.set.reset();
  ++c.count;
  c.bytes += re.size();
  all_.push_back(std::move(one));
  return true;
}

void RegexGroup::compile() {
  for (Chunk& c : chunks_) {
    if (c.set && (c.count < 2 || !c.set->Compile())) c.set.reset();
  }
}

std::vector<int> RegexGroup::match(std::string_view text) const {
  std::vector<int> found;
  re2::StringPiece s(text.data(), text.size());
  for (const Chunk& c : chunks_) {
    std::vector<int> in;
    RE2::Set::ErrorInfo error{};
    if (c.set && (c.set->Match(s, &in, &error) || error.kind == RE2::Set::kNoError)) {
      for (int k : in) found.push_back(c.first + k);
      continue;
    }
    for (int i = c.first; i < c.first + c.count; ++i) {
      if (RE2::PartialMatch(s, *all_[i])) found.push_back(i);
    }
  }
  return found;
}

}  // namespace sigwarden
