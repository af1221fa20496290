// The HTML report: one self-contained page that opens from a file or a CI artifact without any
// network access. Styles are inline, the two charts are inline SVG drawn here (so they need no
// script and print well), and one small inline script only makes the overview table sortable.
// A Content-Security-Policy meta tag forbids every fetch and every script but that one (by its
// hash), so even a mistake in escaping could not load or run anything.
//
// Every piece of repository text goes through esc(), which escapes & < > " ' and is safe both in
// element content and in quoted attributes; ids are derived from names but reduced to [a-z0-9-].
// The page is a pure function of the Report (no clock, no locale), so the same report gives the
// same bytes.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "output/ci_escape.h"
#include "report/render.h"

namespace sigwarden::report {

namespace {

std::string esc(std::string_view s) { return ci::escape_xml(s, true); }

// At most n code points of s, with an ellipsis when cut (SVG text does not wrap or clip).
std::string clip(std::string_view s, std::size_t n) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (points++ == n) return std::string(s.substr(0, i)) + "…";
  }
  return std::string(s);
}

std::string plural(long long n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string short_id(const std::string& id) { return id.substr(0, 12); }

std::string commit_text(const CommitRef& c) {
  std::string out = fmt::format("<code>{}</code>", esc(short_id(c.id)));
  if (!c.repo.empty()) out += fmt::format(" in {}", esc(c.repo));
  return out;
}

// "today", "1 day ago", "5 days ago".
std::string ago(int days) { return days == 0 ? "today" : plural(days, "day ago", "days ago"); }

// "2026-06-25 (5 days ago)" as plain text.
std::string date_ago_text(std::int64_t t, std::int64_t as_of) {
  return fmt::format("{} ({})", iso_date(t), ago(days_between(t, as_of)));
}

// The same as HTML, the date kept from breaking at its hyphens.
std::string date_ago(std::int64_t t, std::int64_t as_of) {
  return fmt::format("<span class=\"nowrap\">{}</span> ({})", iso_date(t),
                     ago(days_between(t, as_of)));
}

// The last day a report or a window covers (their ends are exclusive), as the other formats show.
std::string last_day(std::int64_t end) { return iso_date(end - 1); }

std::string person(const std::string& name, int index) {
  return name.empty() ? fmt::format("lead {}", index + 1) : name;
}

// Section ids from SIG names: lowercase ASCII letters and digits, runs of anything else as one
// '-', "sig-" in front; a repeated id gets "-2", "-3", ...
std::map<std::string, std::string> section_ids(const Report& report) {
  std::map<std::string, std::string> ids;
  std::unordered_set<std::string> taken;
  // Per base id, the suffix to try next: every smaller one was taken when it was last tried, and
  // taken ids stay taken, so many names with the same slug do not each count up from 2.
  std::unordered_map<std::string, int> next_suffix;
  for (const SigReport& sig : report.sigs) {
    if (ids.count(sig.name) != 0) continue;
    std::string slug;
    for (char c : sig.name) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        slug += c;
      } else if (!slug.empty() && slug.back() != '-') {
        slug += '-';
      }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    const std::string base = slug.empty() ? "sig" : "sig-" + slug;
    std::string id = base;
    if (taken.count(id) != 0) {
      int& n = next_suffix.try_emplace(base, 2).first->second;
      for (id = fmt::format("{}-{}", base, n); taken.count(id) != 0;) {
        id = fmt::format("{}-{}", base, ++n);
      }
      ++n;
    }
    taken.insert(id);
    ids[sig.name] = id;
  }
  return ids;
}

int commits_in(const SigReport& sig, std::size_t window) {
  return window < sig.windows.size() ? sig.windows[window].commits : 0;
}

std::size_t window_count(const Report& report) {
  std::size_t n = report.windows.size();
  for (const SigReport& sig : report.sigs) n = std::max(n, sig.windows.size());
  return n;
}

std::string window_text(const Report& report, std::size_t k) {
  if (k >= report.windows.size()) return fmt::format("window {}", k);
  return fmt::format("{} – {}", iso_date(report.windows[k].start), last_day(report.windows[k].end));
}

// The current window's commits against the previous window's: ▲ more, ▼ fewer, = as many.
struct Trend {
  std::string_view mark;
  std::string_view cls;
  int before = 0;
};

std::optional<Trend> trend_of(const SigReport& sig, std::size_t windows) {
  if (windows < 2) return std::nullopt;
  int now = commits_in(sig, 0);
  int before = commits_in(sig, 1);
  if (now > before) return Trend{"▲", "up", before};
  if (now < before) return Trend{"▼", "down", before};
  return Trend{"=", "same", before};
}

// " ▲" (with a tooltip) for HTML, "" without a previous window.
std::string trend_html(const SigReport& sig, std::size_t windows) {
  auto t = trend_of(sig, windows);
  if (!t) return "";
  return fmt::format(R"( <span class="trend {}" title="{} in the previous window">{}</span>)",
                     t->cls, t->before, t->mark);
}

constexpr std::string_view kStyle = R"(
:root{color-scheme:light dark;--fg:#1f2328;--bg:#fff;--muted:#59636e;--line:#d1d9e0;
--head:#f6f8fa;--accent:#0969da;--bar:#4f8fdc;--bar-now:#0b5cad;--in:#2da44e;--out:#d4a72c;
--warn:#bc4c00;--up:#1a7f37;--down:#cf222e}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--bg:#0d1117;--muted:#9198a1;
--line:#3d444d;--head:#151b23;--accent:#4493f8;--bar:#3b76c4;--bar-now:#79b8ff;--in:#3fb950;
--out:#d29922;--warn:#f0883e;--up:#3fb950;--down:#f85149}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:12px 16px 40px;color:var(--fg);background:var(--bg);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
overflow-wrap:break-word}
h1{font-size:1.6em;margin:.4em 0 .2em}h2{font-size:1.3em;margin:1.6em 0 .4em;
border-bottom:1px solid var(--line);padding-bottom:.2em}h3{font-size:1.1em;margin:1.2em 0 .3em}
a{color:var(--accent)}code{font:.9em ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.meta{color:var(--muted);margin:.1em 0}.note{border-left:4px solid var(--warn);
padding:.3em .8em;margin:.6em 0;background:var(--head)}
.attention li{margin:.2em 0}.attention .flag{color:var(--muted);font-size:.85em}
.ok{color:var(--up)}.muted,.none{color:var(--muted)}.none{font-style:italic}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.4em 0}
table{border-collapse:collapse;font-size:.95em}
th,td{border-bottom:1px solid var(--line);padding:.3em .6em;text-align:left;vertical-align:top}
th{background:var(--head);white-space:nowrap}td.num,th.num{text-align:right}
td.num{white-space:nowrap;font-variant-numeric:tabular-nums}
th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;
cursor:pointer}th button::after{content:" ↕";color:var(--muted);font-weight:400}
th[aria-sort=ascending] button::after{content:" ↑"}
th[aria-sort=descending] button::after{content:" ↓"}
.trend.up{color:var(--up)}.trend.down{color:var(--down)}.trend.same{color:var(--muted)}
.flags code{display:inline-block;margin:0 .2em .1em 0}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 32px}
figure{margin:0;min-width:0}svg.chart{display:block;width:100%;max-width:560px;height:auto;margin:.4em 0 1em}
.chart text{fill:var(--fg);font-size:13px;font-family:inherit}
.chart text.small{font-size:11px;fill:var(--muted)}.chart text.group{font-weight:600}
.chart .bar{fill:var(--bar)}.chart .bar.now{fill:var(--bar-now)}
.chart .bar.zero{fill:var(--line)}.chart .base,.chart .grid{stroke:var(--line)}
.chart .grid{stroke-dasharray:4 3}.chart .lead.in{fill:var(--in)}.chart .lead.out{fill:var(--out)}
.chart .lead.none{fill:var(--head);stroke:var(--muted);stroke-dasharray:5 3}
.legend{color:var(--muted);font-size:.85em;margin:-.6em 0 1em}
.key{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 .8em;vertical-align:-.1em}
.key.in{background:var(--in)}.key.out{background:var(--out)}
.key.none{border:1px dashed var(--muted);background:var(--head)}.key:first-child{margin-left:0}
.chart text.none{font-style:italic;fill:var(--muted)}.chart .trend.up{fill:var(--up)}
.chart .trend.down{fill:var(--down)}.chart .trend.same{fill:var(--muted)}
section.sig{margin-top:1.6em}section.sig+section.sig{border-top:1px solid var(--line)}h4{margin:1em 0 .3em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.4em 0}
dt{color:var(--muted)}dd{margin:0}
#overview td:first-child,#overview th:first-child{position:sticky;left:0;background:var(--bg)}
#overview th:first-child{background:var(--head)}#overview td:first-child{min-width:7.5em}
td.flags{min-width:13em}td.flags code{white-space:nowrap}.nowrap{white-space:nowrap}
@media (max-width:600px){body{font-size:14px;padding:8px 10px 32px}th,td{padding:.3em .4em}}
)";

// Sorts the overview by the clicked column: numbers by their data-sort value, text by
// localeCompare; a second click reverses. Marks the table once the handlers are attached.
constexpr std::string_view kScript = R"(
(function () {
  var table = document.getElementById('overview');
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  function key(row, i) {
    var cell = row.cells[i];
    var v = cell.getAttribute('data-sort');
    return v === null ? cell.textContent : v;
  }
  function sort(i) {
    var th = heads[i];
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    for (var j = 0; j < heads.length; j++) heads[j].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    var numeric = th.getAttribute('data-type') === 'number';
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i), y = key(b, i);
      return dir * (numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y));
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    var button = th.querySelector('button');
    if (button) button.addEventListener('click', function () { sort(i); });
  });
  table.dataset.sortable = 'ready';
})();
)";

// The Content-Security-Policy allows this one script and no other, so that even text that escaped
// its escaping could not run. It is the base64 SHA-256 of kScript; tests/report_html_test.cc
// recomputes it and says the new value when kScript changes.
constexpr std::string_view kScriptHash = "sha256-xJY3xng9cnALsroA2swP6uA4BHca0ngbgMvyBeRX/us=";

void header(std::string& out, const Report& report) {
  out += "<header>\n<h1>SIG health report</h1>\n";
  out += fmt::format("<p class=\"meta\">As of <strong>{}</strong>", last_day(report.as_of));
  if (!report.as_of_commit.empty()) {
    out += fmt::format(" (commit <code>{}</code>)", esc(short_id(report.as_of_commit)));
  }
  out += "</p>\n";
  std::size_t n = report.windows.size();
  if (n > 0) {
    out += fmt::format("<p class=\"meta\">Window {}: current {}", esc(report.window_spec),
                       window_text(report, 0));
    if (n > 1) {
      out += fmt::format("; {} earlier back to {}", n - 1, iso_date(report.windows.back().start));
    }
    out += "</p>\n";
  }
  out += "<p class=\"meta\">Repositories scanned: ";
  for (std::size_t i = 0; i < report.repositories.size(); ++i) {
    out += fmt::format("{}<code>{}</code>", i > 0 ? ", " : "", esc(report.repositories[i]));
  }
  if (report.repositories.empty()) out += "none";
  out += fmt::format(" · {} scanned</p>\n", plural(report.scanned_commits, "commit", "commits"));
  if (!report.people) {
    out +=
        "<p class=\"note\">People are hidden (--no-people): names of contributors and leads "
        "are not shown; the counts are.</p>\n";
  } else if (report.anonymized) {
    out += "<p class=\"note\">People are anonymized (--anonymize): names are pseudonyms.</p>\n";
  }
  if (!report.history_complete && n > 0 && report.history_start > report.windows.back().start) {
    out += fmt::format(
        "<p class=\"note\">History before {} was not available; counts for earlier windows may "
        "be incomplete.</p>\n",
        iso_date(report.history_start));
  } else if (report.history_complete && n > 0 &&
             report.history_start > report.windows.back().start) {
    out += fmt::format(
        "<p class=\"meta\">History starts on {}: earlier windows have no commits.</p>\n",
        iso_date(report.history_start));
  } else if (!report.history_complete && report.history_start == 0 && n > 0) {
    out += "<p class=\"meta\">No commit in the windows.</p>\n";
  }
  out += "</header>\n";
}

void attention(std::string& out, const Report& report,
               const std::map<std::string, std::string>& ids) {
  out += "<section id=\"attention\">\n<h2>Needs attention</h2>\n";
  if (report.attention.empty()) {
    out += "<p class=\"ok\">Nothing needs attention.</p>\n</section>\n";
    return;
  }
  out += "<ul class=\"attention\">\n";
  for (const Attention& a : report.attention) {
    auto it = ids.find(a.sig);
    std::string who = a.sig.empty() ? std::string("Repository")
                      : it != ids.end()
                          ? fmt::format("<a href=\"#{}\">{}</a>", it->second, esc(a.sig))
                          : esc(a.sig);
    out += fmt::format("<li><strong>{}</strong>: {} <span class=\"flag\">({})</span></li>\n", who,
                       esc(a.message), esc(a.flag));
  }
  out += "</ul>\n</section>\n";
}

void overview(std::string& out, const Report& report,
              const std::map<std::string, std::string>& ids) {
  std::size_t windows = window_count(report);
  out += "<section id=\"overview-section\">\n<h2>Overview</h2>\n";
  if (report.sigs.empty()) out += "<p class=\"muted\">No SIGs in the registry.</p>\n";
  out += "<div class=\"scroll\">\n<table id=\"overview\">\n<thead><tr>";
  for (std::string_view col : {"SIG", "Commits", "Contributors", "Absence factor", "Last change",
                               "Leads active/listed", "Flags"}) {
    std::string_view attributes = col == "SIG"     ? R"( data-type="text")"
                                  : col == "Flags" ? R"( data-type="number")"
                                                   : R"( class="num" data-type="number")";
    out += fmt::format("<th{}><button type=\"button\">{}</button></th>", attributes, col);
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const SigReport& sig : report.sigs) {
    const WindowStats now = sig.windows.empty() ? WindowStats{} : sig.windows.front();
    out += fmt::format("<tr><td data-sort=\"{0}\"><a href=\"#{1}\">{0}</a></td>", esc(sig.name),
                       ids.at(sig.name));
    out += fmt::format("<td class=\"num\" data-sort=\"{}\">{}{}</td>", now.commits, now.commits,
                       trend_html(sig, windows));
    out += fmt::format("<td class=\"num\" data-sort=\"{0}\">{0}</td>", now.contributors);
    out += fmt::format("<td class=\"num\" data-sort=\"{0}\">{0}</td>", sig.absence_factor);
    if (sig.last_change) {
      int days = days_between(sig.last_change->time, report.as_of);
      out += fmt::format(
          "<td class=\"num\" data-sort=\"{}\">{}<br><span class=\"muted\">{}"
          "</span></td>",
          days, iso_date(sig.last_change->time), ago(days));
    } else {
      out += "<td class=\"num\" data-sort=\"999999\"><span class=\"none\">none</span></td>";
    }
    out +=
        fmt::format("<td class=\"num\" data-sort=\"{}\">{}/{}</td>",
                    sig.leads_active * 1000 + sig.leads_listed, sig.leads_active, sig.leads_listed);
    out += fmt::format("<td class=\"flags\" data-sort=\"{}\">", sig.flags.size());
    for (const Flag& f : sig.flags) {
      out += fmt::format("{}<code title=\"{}\">{}</code>", &f == sig.flags.data() ? "" : " ",
                         esc(f.message), esc(f.id));
    }
    out += "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n</div>\n</section>\n";
}

// Small multiples: one row per SIG, a bar per window (oldest on the left, the current window
// darker), all rows on the same scale so SIGs compare.
void activity_chart(std::string& out, const Report& report) {
  constexpr int kWidth = 420, kLabel = 130, kRight = 46, kRow = 44, kBar = 28, kTop = 26;
  std::size_t n = window_count(report);
  out += "<figure>\n<h3>Commits per window</h3>\n";
  if (report.sigs.empty() || n == 0) {
    out += "<p class=\"muted\">No activity to chart.</p>\n</figure>\n";
    return;
  }
  int max = 1;
  for (const SigReport& sig : report.sigs) {
    for (const WindowStats& w : sig.windows) max = std::max(max, w.commits);
  }
  int height = kTop + static_cast<int>(report.sigs.size()) * kRow + 22;
  double slot = static_cast<double>(kWidth - kLabel - kRight) / static_cast<double>(n);
  out += fmt::format(
      "<svg class=\"chart activity\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"Commits per window for each SIG, oldest window on the left\">\n",
      kWidth, height);
  out += fmt::format(
      "<text class=\"small\" x=\"0\" y=\"14\">commits per window, oldest on the left, current "
      "darkest; scale 0–{}</text>\n",
      max);
  for (std::size_t s = 0; s < report.sigs.size(); ++s) {
    const SigReport& sig = report.sigs[s];
    int y = kTop + static_cast<int>(s) * kRow;
    int base = y + kBar + 6;
    out += fmt::format("<g><title>{}</title>\n", esc(sig.name));
    out += fmt::format("<text x=\"0\" y=\"{}\">{}</text>\n", base - 8, esc(clip(sig.name, 18)));
    out += fmt::format("<line class=\"base\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>\n", kLabel,
                       kWidth - kRight, base, base);
    for (std::size_t k = 0; k < n; ++k) {
      int commits = commits_in(sig, k);
      double x = kLabel + slot * static_cast<double>(n - 1 - k) + slot * 0.15;
      double h = commits == 0 ? 1.5 : std::max(2.0, kBar * static_cast<double>(commits) / max);
      std::string_view cls = commits == 0 ? "bar zero" : k == 0 ? "bar now" : "bar";
      out += fmt::format(
          "<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\">"
          "<title>{}, {}: {}</title></rect>\n",
          cls, x, base - h, slot * 0.7, h, esc(sig.name), window_text(report, k),
          plural(commits, "commit", "commits"));
      if (slot >= 22 && commits > 0) {
        out += fmt::format(
            "<text class=\"small\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
            x + slot * 0.35, base - h - 3, commits);
      }
    }
    auto t = trend_of(sig, n);
    out += fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}{}</text>\n</g>\n", kWidth, base - 8,
        commits_in(sig, 0),
        t ? fmt::format("<tspan class=\"trend {}\"> {}</tspan>", t->cls, t->mark) : std::string());
  }
  int axis = kTop + static_cast<int>(report.sigs.size()) * kRow + 14;
  if (!report.windows.empty()) {
    out += fmt::format("<text class=\"small\" x=\"{}\" y=\"{}\">from {}</text>\n", kLabel, axis,
                       iso_date(report.windows.back().start));
    out += fmt::format("<text class=\"small\" x=\"{}\" y=\"{}\" text-anchor=\"end\">to {}</text>\n",
                       kWidth - kRight, axis, last_day(report.windows.front().end));
  }
  out += "</svg>\n</figure>\n";
}

// A horizontal bar per lead of the days since their newest evidence, grouped by SIG; a dashed
// line marks the start of the current window. Leads without evidence get a dashed placeholder.
void leads_chart(std::string& out, const Report& report) {
  constexpr int kWidth = 420, kLabel = 140, kRow = 24, kTop = 28;
  constexpr int kBarEnd = kWidth - 70;
  out += "<figure>\n<h3>Lead activity</h3>\n";
  if (report.sigs.empty()) {
    out += "<p class=\"muted\">No leads to chart.</p>\n</figure>\n";
    return;
  }
  int window_days = static_cast<int>(report.window_seconds / 86400);
  int max = std::max(1, window_days);
  int rows = 0;
  for (const SigReport& sig : report.sigs) {
    rows += 1 + std::max<int>(1, static_cast<int>(sig.leads.size()));
    for (const LeadActivity& l : sig.leads) {
      if (l.last_active) max = std::max(max, days_between(*l.last_active, report.as_of));
    }
  }
  int height = kTop + rows * kRow + 8;
  double scale = static_cast<double>(kBarEnd - kLabel) / max;
  out += fmt::format(
      "<svg class=\"chart leads\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"Days since each lead's last activity, grouped by SIG\">\n",
      kWidth, height);
  out += fmt::format("<text class=\"small\" x=\"{}\" y=\"12\">days since last activity</text>\n",
                     kLabel);
  if (window_days > 0) {
    double x = kLabel + window_days * scale;
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\"/>\n"
        "<text class=\"small\" x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">window start"
        "</text>\n",
        x, kTop, height - 4, kTop - 4);
  }
  int y = kTop;
  for (const SigReport& sig : report.sigs) {
    out += fmt::format("<text class=\"group\" x=\"0\" y=\"{}\">{}<title>{}</title></text>\n",
                       y + 17, esc(clip(sig.name, 24)), esc(sig.name));
    y += kRow;
    if (sig.leads.empty()) {
      std::string text = sig.leads_listed == 0
                             ? std::string("no leads listed")
                             : plural(sig.leads_listed, "lead", "leads") + ", names hidden";
      out += fmt::format("<text class=\"none\" x=\"12\" y=\"{}\">{}</text>\n", y + 16, text);
      y += kRow;
      continue;
    }
    for (std::size_t i = 0; i < sig.leads.size(); ++i) {
      const LeadActivity& l = sig.leads[i];
      std::string name = person(l.name, static_cast<int>(i));
      out +=
          fmt::format("<g><title>{}, {}: {}</title>\n", esc(sig.name), esc(name),
                      l.last_active ? "last active " + date_ago_text(*l.last_active, report.as_of)
                                    : std::string("no activity in the sources scanned"));
      out += fmt::format("<text x=\"12\" y=\"{}\">{}</text>\n", y + 16, esc(clip(name, 20)));
      if (l.last_active) {
        int days = days_between(*l.last_active, report.as_of);
        double w = std::max(2.0, days * scale);
        out += fmt::format(
            "<rect class=\"lead {}\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"14\"/>\n"
            "<text class=\"small\" x=\"{:.1f}\" y=\"{}\">{}</text>\n",
            l.active_in_window ? "in" : "out", kLabel, y + 5, w, kLabel + w + 4, y + 16,
            days == 0 ? std::string("today") : plural(days, "day", "days"));
      } else {
        out += fmt::format(
            "<rect class=\"lead none\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\"/>\n"
            "<text class=\"small none\" x=\"{}\" y=\"{}\">no activity in the sources scanned"
            "</text>\n",
            kLabel, y + 4, kWidth - kLabel - 2, kLabel + 6, y + 16);
      }
      out += "</g>\n";
      y += kRow;
    }
  }
  out +=
      "</svg>\n<p class=\"legend\"><span class=\"key in\"></span>evidence in the current window "
      "<span class=\"key out\"></span>older <span class=\"key none\"></span>none found</p>\n"
      "</figure>\n";
}

// "a, b, c"; with no names (--no-people) the count alone, and "none" when that is 0 too.
void names_list(std::string& out, const std::vector<std::string>& names, int count = 0) {
  if (!names.empty()) {
    for (std::size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + esc(names[i]);
    if (count > static_cast<int>(names.size())) out += fmt::format(" ({} in all)", count);
  } else if (count > 0) {
    out += fmt::format("{}", count);
  } else {
    out += "<span class=\"muted\">none</span>";
  }
}

void sig_section(std::string& out, const Report& report, const SigReport& sig,
                 const std::string& id) {
  out += fmt::format("<section class=\"sig\" id=\"{}\">\n<h3>{}</h3>\n<dl>\n", id, esc(sig.name));
  out += fmt::format("<dt>Folder</dt><dd><code>{}</code></dd>\n", esc(sig.dir));
  out += "<dt>Lists</dt><dd>";
  names_list(out, sig.lists);
  out += "</dd>\n<dt>README</dt><dd>";
  if (sig.readme.empty()) {
    out += "<span class=\"none\">none</span>";
  } else {
    out += fmt::format("<code>{}</code>", esc(sig.readme));
    if (sig.readme_change) {
      out += fmt::format(", last changed {} in {}", date_ago(sig.readme_change->time, report.as_of),
                         commit_text(*sig.readme_change));
    } else {
      out += ", no change in the sources scanned";
    }
  }
  out += "</dd>\n<dt>Last change</dt><dd>";
  if (sig.last_change) {
    out += fmt::format("{}, {}", date_ago(sig.last_change->time, report.as_of),
                       commit_text(*sig.last_change));
    if (!sig.last_change->author.empty()) out += " by " + esc(sig.last_change->author);
  } else {
    out += "<span class=\"none\">none in the sources scanned</span>";
  }
  out += "</dd>\n<dt>Lint findings</dt><dd>";
  out += sig.findings_start_known ? fmt::format("{} → {}", sig.findings_start, sig.findings_end)
                                  : fmt::format("{} (start unknown)", sig.findings_end);
  out += "</dd>\n<dt>Contributors</dt><dd>";
  if (!sig.contributors.empty()) {
    out += "<ol class=\"contributors\">";
    for (std::size_t i = 0; i < sig.contributors.size() && i < 10; ++i) {
      const Contributor& c = sig.contributors[i];
      out += fmt::format("<li>{} ({})</li>", esc(c.name), c.commits);
    }
    out += "</ol>";
    if (sig.contributors.size() > 10) {
      out += fmt::format("and {} more", sig.contributors.size() - 10);
    }
  } else {
    int n = sig.windows.empty() ? 0 : sig.windows.front().contributors;
    out += n == 0 ? "<span class=\"muted\">none in the current window</span>"
                  : fmt::format("{} (names hidden)", n);
  }
  out += "</dd>\n<dt>New</dt><dd>";
  names_list(out, sig.new_contributors, sig.new_count);
  out += "</dd>\n<dt>Drifting</dt><dd>";
  names_list(out, sig.drifting, sig.drifting_count);
  out += "</dd>\n</dl>\n";

  out +=
      fmt::format("<h4>Leads ({} active of {} listed)</h4>\n", sig.leads_active, sig.leads_listed);
  if (!sig.leads.empty()) {
    out +=
        "<div class=\"scroll\"><table class=\"leads\"><thead><tr><th>Lead</th>"
        "<th>Last activity</th><th>Evidence</th><th>Commit</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < sig.leads.size(); ++i) {
      const LeadActivity& l = sig.leads[i];
      out += fmt::format("<tr><td>{}</td>", esc(person(l.name, static_cast<int>(i))));
      if (l.last_active) {
        out += fmt::format("<td>{}{}</td><td>{}</td><td><code>{}</code></td></tr>\n",
                           date_ago(*l.last_active, report.as_of),
                           l.active_in_window ? " · in the current window" : "", esc(l.evidence),
                           esc(short_id(l.commit)));
      } else {
        out += "<td colspan=\"3\" class=\"none\">no activity in the sources scanned</td></tr>\n";
      }
    }
    out += "</tbody></table></div>\n";
  }

  out +=
      "<h4>Per window</h4>\n<div class=\"scroll\"><table class=\"windows\"><thead><tr>"
      "<th>Window</th><th class=\"num\">Commits</th><th class=\"num\">Contributors</th>"
      "<th class=\"num\">Sweeps</th><th class=\"num\">Bots</th></tr></thead><tbody>\n";
  for (std::size_t k = 0; k < sig.windows.size(); ++k) {
    const WindowStats& w = sig.windows[k];
    out += fmt::format(
        "<tr><td class=\"nowrap\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        window_text(report, k), w.commits, w.contributors, w.sweep_commits, w.bot_commits);
  }
  out += "</tbody></table></div>\n<h4>Flags</h4>\n";
  if (sig.flags.empty()) {
    out += "<p class=\"muted\">No flags.</p>\n";
  } else {
    out += "<ul class=\"flags\">\n";
    for (const Flag& f : sig.flags) {
      out += fmt::format("<li><code>{}</code>: {}</li>\n", esc(f.id), esc(f.message));
    }
    out += "</ul>\n";
  }
  out += "</section>\n";
}

void path_list(std::string& out, const std::vector<std::string>& paths) {
  out += "<ul>\n";
  for (const std::string& p : paths) out += fmt::format("<li><code>{}</code></li>\n", esc(p));
  out += "</ul>\n";
}

void repository(std::string& out, const Report& report) {
  out += "<section id=\"repository\">\n<h2>Repository</h2>\n";
  out += fmt::format(
      "<h3>Sweep commits</h3>\n<p class=\"meta\">Commits touching more than {} "
      "SIGs in the current window; counted apart from the SIGs' commits.</p>\n",
      report.sweep_threshold);
  if (report.sweeps.empty()) {
    out += "<p class=\"muted\">None.</p>\n";
  } else {
    out +=
        "<div class=\"scroll\"><table class=\"sweeps\"><thead><tr><th>Commit</th><th>Date</th>"
        "<th>Author</th><th>Subject</th><th>SIGs</th></tr></thead><tbody>\n";
    for (const Sweep& s : report.sweeps) {
      out += fmt::format(
          "<tr><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td>{}</td><td>{}</td><td>",
          commit_text(s.commit), iso_date(s.commit.time), esc(s.commit.author), esc(s.subject));
      names_list(out, s.sigs);
      out += "</td></tr>\n";
    }
    out += "</tbody></table></div>\n";
  }
  out += fmt::format("<h3>Bots</h3>\n<p>{} excluded in the current window",
                     plural(report.bot_commits, "bot commit", "bot commits"));
  if (!report.bots.empty()) {
    out += ": ";
    names_list(out, report.bots);
  }
  out += ".</p>\n";
  out += fmt::format("<h3>Unowned files</h3>\n<p>{} not owned by any SIG.</p>\n",
                     plural(report.unowned_files, "file", "files"));
  if (!report.unowned.empty()) path_list(out, report.unowned);
  out += "<h3>Orphan folders</h3>\n";
  if (report.orphans.empty()) {
    out += "<p class=\"muted\">None.</p>\n";
  } else {
    out += "<p>Folders under a SIG root that no SIG declares:</p>\n";
    path_list(out, report.orphans);
  }
  out += "<h3>Governance changes</h3>\n";
  if (!report.governance_known) {
    out += fmt::format("<p class=\"muted\">Unknown: {}.</p>\n", esc(report.governance_note));
  } else if (report.governance.empty()) {
    out += "<p class=\"muted\">None in the current window.</p>\n";
  } else {
    out +=
        "<div class=\"scroll\"><table class=\"governance\"><thead><tr><th>Change</th>"
        "<th>SIG</th><th>Person</th></tr></thead><tbody>\n";
    for (const GovernanceChange& g : report.governance) {
      out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", esc(g.kind), esc(g.sig),
                         esc(g.person));
    }
    out += "</tbody></table></div>\n";
  }
  out += "</section>\n";
}

}  // namespace

std::string render_html(const Report& report) {
  std::map<std::string, std::string> ids = section_ids(report);
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src '{}'\">\n",
      kScriptHash);
  out += fmt::format("<title>SIG health report {}</title>\n<style>{}</style>\n</head>\n<body>\n",
                     last_day(report.as_of), kStyle);
  header(out, report);
  out += "<main>\n";
  attention(out, report, ids);
  overview(out, report, ids);
  out += "<section id=\"charts\">\n<h2>Charts</h2>\n<div class=\"charts\">\n";
  activity_chart(out, report);
  leads_chart(out, report);
  out += "</div>\n";
  out += "</section>\n<section id=\"sigs\">\n<h2>SIGs</h2>\n";
  if (report.sigs.empty()) out += "<p class=\"muted\">No SIGs in the registry.</p>\n";
  for (const SigReport& sig : report.sigs) sig_section(out, report, sig, ids.at(sig.name));
  out += "</section>\n";
  repository(out, report);
  out += fmt::format("</main>\n<script>{}</script>\n</body>\n</html>\n", kScript);
  return out;
}

}  // namespace sigwarden::report
