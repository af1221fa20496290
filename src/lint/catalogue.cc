#include "lint/catalogue.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/error.h"
#include "core/text.h"

namespace sigwarden {

std::vector<std::pair<std::string_view, std::string_view>> embedded_rule_files();

const Catalogue& Catalogue::shipped() {
  static const Catalogue catalogue = [] {
    Catalogue c;
    for (const auto& [file, content] : embedded_rule_files()) {
      std::string text(content);
      if (YAML::Load(text)["rules"]) c.add_rule_set(std::string(file), text);
    }
    return c;
  }();
  return catalogue;
}

void Catalogue::add_rule_set(const std::string& file, const std::string& text) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw Error(fmt::format("load rule set {}: line {}: {}", file, e.mark.line + 1, e.msg));
  }
  // yaml-cpp throws its own exceptions when a scalar is indexed or a mapping is iterated as a
  // list: reject those shapes first.
  if (root.IsScalar()) {
    throw Error(fmt::format("load rule set {}: not a mapping with a 'rules' list", file));
  }
  const YAML::Node rules = root["rules"];
  if (rules.IsMap()) {
    throw Error(fmt::format("load rule set {}: line {}: 'rules' must be a list", file,
                            rules.Mark().line + 1));
  }
  for (const auto& node : rules) {
    if (!node.IsMap()) {
      throw Error(fmt::format("load rule set {}: line {}: a rule must be a mapping", file,
                              node.Mark().line + 1));
    }
    Rule r;
    r.file = file;
    auto get = [&](const char* key) -> std::string {
      if (!node[key] || !node[key].IsScalar()) {
        throw Error(fmt::format("load rule set {}: line {}: rule has no '{}'", file,
                                node.Mark().line + 1, key));
      }
      return node[key].Scalar();
    };
    r.id = get("id");
    if (!parse_level(get("level"), &r.level)) {
      throw Error(fmt::format(
          "load rule set {}: rule {}: level must be error, warning, note or off", file, r.id));
    }
    r.message = get("message");
    r.why = get("why");
    r.fix = get("fix");
    if (find(r.id) != nullptr) {
      throw Error(fmt::format("load rule set {}: rule {} is defined twice", file, r.id));
    }
    rules_.push_back(std::move(r));
  }
}

const Rule* Catalogue::find(const std::string& id) const {
  for (const Rule& r : rules_) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

std::string Catalogue::nearest(const std::string& id) const {
  std::string best;
  std::size_t best_distance = 4;
  for (const Rule& r : rules_) {
    std::size_t d = edit_distance(id, r.id);
    if (d < best_distance) {
      best_distance = d;
      best = r.id;
    }
  }
  return best;
}

}  // namespace sigwarden
