// Small helpers for checking YAML registries (sig-info.yaml, sigs.yaml, OWNERS) against the
// schemas their communities use: locations of nodes, key checks with "did you mean", type checks.
// Every problem becomes a registry-schema finding pointing at the offending line.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace sigwarden {

// Collects schema findings for one file.
class SchemaChecker {
 public:
  explicit SchemaChecker(std::string path) : path_(std::move(path)) {}

  // Parses text; on a syntax error records a finding at the error's line and returns nothing.
  std::optional<YAML::Node> load(std::string_view text);

  Location where(const YAML::Node& node) const;
  void report(const YAML::Node& at, const std::string& message, const std::string& subject,
              const std::string& rule = "registry-schema");

  // Reports every key of map that is not in allowed, suggesting the nearest allowed key
  // (registry-unknown-key: a warning by default, since a key sigwarden does not know may be one a
  // community's own tooling accepts).
  void check_keys(const YAML::Node& map, const std::vector<std::string_view>& allowed,
                  const std::string& context);

  // Reports a key that must be present. Returns false when it is missing.
  bool require(const YAML::Node& map, const std::string& key, const std::string& context,
               const std::string& rule = "registry-schema");

  // Returns the scalar value of node, or reports "must be a string" and returns nothing.
  std::optional<std::string> scalar(const YAML::Node& node, const std::string& what);

  // True when node is a sequence; otherwise reports "must be a list".
  bool sequence(const YAML::Node& node, const std::string& what);
  bool map(const YAML::Node& node, const std::string& what);

  const std::string& path() const { return path_; }
  std::vector<Finding>& findings() { return findings_; }

 private:
  std::string path_;
  std::vector<Finding> findings_;
};

const char* yaml_type_name(const YAML::Node& node);

// The text of a mapping key, or "<complex key>" for a key that is not a scalar.
std::string key_string(const YAML::Node& key);

}  // namespace sigwarden
