#include "registry/yaml_schema.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.h"

namespace sigwarden {

const char* yaml_type_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
      return "empty";
    case YAML::NodeType::Scalar:
      return "a string";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a mapping";
    default:
      return "undefined";
  }
}

std::string key_string(const YAML::Node& key) {
  return key.IsScalar() ? key.Scalar() : std::string("<complex key>");
}

std::optional<YAML::Node> SchemaChecker::load(std::string_view text) {
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    Finding f;
    f.rule = "registry-schema";
    f.message = fmt::format("{} is not valid YAML: {}", path_, e.msg);
    f.location = {path_, e.mark.line >= 0 ? e.mark.line + 1 : 1,
                  e.mark.column >= 0 ? e.mark.column + 1 : 1};
    f.subject = "parse";
    findings_.push_back(std::move(f));
    return std::nullopt;
  }
}

Location SchemaChecker::where(const YAML::Node& node) const {
  YAML::Mark m = node.Mark();
  if (m.line < 0) return {path_, 1, 1};
  return {path_, m.line + 1, m.column + 1};
}

void SchemaChecker::report(const YAML::Node& at, const std::string& message,
                           const std::string& subject, const std::string& rule) {
  Finding f;
  f.rule = rule;
  f.message = message;
  f.location = at.IsDefined() ? where(at) : Location{path_, 1, 1};
  f.subject = subject;
  findings_.push_back(std::move(f));
}

void SchemaChecker::check_keys(const YAML::Node& map, const std::vector<std::string_view>& allowed,
                               const std::string& context) {
  if (!map.IsMap()) return;
  for (const auto& kv : map) {
    std::string key = key_string(kv.first);
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string_view best;
    std::size_t best_distance = 3;
    for (std::string_view a : allowed) {
      std::size_t d = edit_distance(to_lower_ascii(key), a);
      if (d < best_distance) {
        best_distance = d;
        best = a;
      }
    }
    std::string hint = best.empty() ? "" : fmt::format(" (did you mean '{}'?)", best);
    std::string list;
    for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    report(kv.first,
           fmt::format("unknown key '{}' in {}{}; allowed keys: {}", key, context, hint, list),
           fmt::format("{}:{}", context, key), "registry-unknown-key");
  }
}

bool SchemaChecker::require(const YAML::Node& map, const std::string& key,
                            const std::string& context, const std::string& rule) {
  if (map.IsMap() && map[key] && !map[key].IsNull()) return true;
  report(map, fmt::format("{} has no '{}' (required)", context, key), context + ":" + key, rule);
  return false;
}

std::optional<std::string> SchemaChecker::scalar(const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) return node.Scalar();
  report(node, fmt::format("{} must be a string, found {}", what, yaml_type_name(node)), what);
  return std::nullopt;
}

bool SchemaChecker::sequence(const YAML::Node& node, const std::string& what) {
  if (node.IsSequence()) return true;
  report(node, fmt::format("{} must be a list, found {}", what, yaml_type_name(node)), what);
  return false;
}

bool SchemaChecker::map(const YAML::Node& node, const std::string& what) {
  if (node.IsMap()) return true;
  report(node, fmt::format("{} must be a mapping, found {}", what, yaml_type_name(node)), what);
  return false;
}

}  // namespace sigwarden
