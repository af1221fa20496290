// Renderers for ownership answers (`owners`, `explain`): text, json (the public interface in
// docs/owners-json.md) and tsv.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "ownership/index.h"

namespace sigwarden {

struct OwnersReport {
  std::string revision;  // the commit the ownership was read at
  std::vector<PathOwners> paths;
  std::vector<std::string> statuses;  // per path: "", or the change status ("A", "D", "R", ...)
};

const std::vector<std::string>& owners_formats();

// Writes answers to out one path at a time, as they are computed: `owners --all` on a million
// paths then holds no answer (and none of the output) longer than it takes to print it. The
// explain form adds which rules each deciding rule overrode. Formats: text, json, tsv (owners);
// text, json (explain). Throws UsageError on an unknown format.
class OwnersWriter {
 public:
  OwnersWriter(std::ostream& out, std::string format, bool explain, std::string revision);
  // status: "" or the change status of the path ("A", "D", "R", ...).
  void add(const PathOwners& p, const std::string& status = "");
  // Ends the document: JSON's closing brackets, the text summary line.
  void finish();

 private:
  std::ostream& out_;
  std::string format_;
  bool explain_;
  std::string revision_;
  std::size_t paths_ = 0;
  std::size_t unowned_ = 0;
};

// The whole document at once (the same bytes as OwnersWriter).
std::string render_owners(const OwnersReport& report, const std::string& format);

// `explain`: which rule of which file decided, and which rules it shadowed.
std::string render_explain(const OwnersReport& report, const std::string& format);

}  // namespace sigwarden
