// `sigwarden rules` and `sigwarden explain-rule ID`: the rule catalogue for people and tools.

#include <fmt/format.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "lint/catalogue.h"

namespace sigwarden {

Action setup_rules(CLI::App& sub, CommonOptions& common) {
  sub.add_option("--format,-f", common.format, "output format: text, json")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  return [&common](Streams& io) {
    const Catalogue& c = Catalogue::shipped();
    if (common.format == "json") {
      nlohmann::ordered_json list = nlohmann::ordered_json::array();
      for (const Rule& r : c.rules()) {
        list.push_back({{"id", r.id},
                        {"level", level_name(r.level)},
                        {"message", r.message},
                        {"why", r.why},
                        {"fix", r.fix}});
      }
      io.out << nlohmann::ordered_json{{"schemaVersion", 1}, {"rules", list}}.dump(2) << "\n";
      return 0;
    }
    for (const Rule& r : c.rules()) {
      io.out << fmt::format("{:<28} {:<8} {}\n", r.id, level_name(r.level), r.message);
    }
    return 0;
  };
}

Action setup_explain_rule(CLI::App& sub, CommonOptions& /*common*/) {
  auto id = std::make_shared<std::string>();
  sub.add_option("ID", *id, "rule id, e.g. sig-lead-missing")->required();
  return [id](Streams& io) {
    const Catalogue& c = Catalogue::shipped();
    const Rule* r = c.find(*id);
    if (r == nullptr) {
      std::string near = c.nearest(*id);
      throw UsageError(fmt::format("unknown rule '{}'{}; `sigwarden rules` lists them", *id,
                                   near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
    }
    io.out << fmt::format("{} (default level: {})\n\n{}.\n\nWhy: {}\n\nHow to fix: {}\n", r->id,
                          level_name(r->level), r->message, r->why, r->fix);
    return 0;
  };
}

}  // namespace sigwarden
