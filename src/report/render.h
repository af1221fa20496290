// Renderers of the SIG health report. Each is a pure function of the Report: same report, same
// bytes. All text from the repository (SIG names, people, commit subjects, paths) is escaped for
// the target format.
#pragma once

#include <iosfwd>
#include <string>

#include "report/report.h"

namespace sigwarden::report {

// Markdown: the needs-attention list first, an overview table with trend marks, then a section
// per SIG with Unicode sparklines.
std::string render_markdown(const Report& report);

// JSON (docs/report-json.md): schemaVersion first, deterministic key and array order.
std::string render_json(const Report& report);
// The same text written to out as it is produced, not held in memory whole first.
void write_json(const Report& report, std::ostream& out);

// One self-contained HTML page: inline CSS, inline SVG charts, a small inline script that makes
// the overview table sortable; no network access, no external scripts, fonts or images.
std::string render_html(const Report& report);

// Reads a report written by render_json. origin names the file in errors. Throws Error.
Report parse_json(const std::string& text, const std::string& origin);

// Combines reports of several repositories taken over the same windows (Error otherwise): SIGs
// of the same name are summed, people and leads are joined, repository-wide lists concatenated,
// flags and the attention list recomputed.
Report merge(const std::vector<Report>& reports);

// Recomputes every SIG's flags and the attention list from the numbers (used after a scan and
// after a merge, so both follow the same rules).
void compute_flags(Report& report);

// Unicode sparkline (▁▂▃▄▅▆▇█) of values, oldest first.
std::string sparkline(const std::vector<int>& values);

}  // namespace sigwarden::report
