// Findings: what a rule found in the governance data. They are values collected in a vector and
// rendered at the end; a finding is never thrown.
#pragma once

#include <string>
#include <vector>

namespace sigwarden {

// A place in a file of the repository. line and column are 1-based; 0 means "the whole file".
struct Location {
  std::string path;
  int line = 0;
  int column = 0;
};

enum class Level { kOff, kNote, kWarning, kError };

const char* level_name(Level level);
// Parses "off", "note", "warning", "error"; returns false for anything else.
bool parse_level(const std::string& text, Level* out);

struct Finding {
  std::string rule;  // stable rule id, e.g. "sig-lead-missing"
  Level level = Level::kError;
  std::string message;  // one sentence, naming the SIG and the fact that is wrong
  std::string sig;      // name of the SIG it concerns, empty for repository-wide findings
  std::string dir;      // that SIG's folder relative to the repository root, may be empty
  Location location;
  // What distinguishes this finding from others of the same rule on the same SIG (a lead's name, a
  // link target, a YAML key). Part of the fingerprint, which deliberately excludes line numbers so
  // that a finding keeps its identity when unrelated lines move.
  std::string subject;
  std::string fingerprint;  // filled in by the linter
};

// A hex fingerprint of rule, sig, path and subject.
std::string fingerprint_of(const Finding& f);

// Orders findings by SIG, path, line, column, rule, message: the order every output uses.
void sort_findings(std::vector<Finding>& findings);

}  // namespace sigwarden
