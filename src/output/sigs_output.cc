#include "output/sigs_output.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "output/ci_escape.h"

namespace sigwarden {

namespace {

using ci::code_span;
using ci::escape_csv;
using ci::escape_markdown;
using ci::printable;

using Json = nlohmann::ordered_json;

// The sig-placeholder findings of each group, by group name: template values that were not taken
// as leads or lists.
std::map<std::string, std::vector<const Finding*>> placeholders_by_group(const Registry& reg) {
  std::map<std::string, std::vector<const Finding*>> out;
  for (const Finding& f : reg.findings) {
    if (f.rule == "sig-placeholder" && !f.sig.empty()) out[f.sig].push_back(&f);
  }
  return out;
}

// A group's lists, one per address: the registry keeps a list once per source (so that rules can
// compare the sources), a reader wants it once, with the first place it was found.
std::vector<const MailingList*> distinct_lists(const Group& g) {
  std::vector<const MailingList*> out;
  for (const MailingList& l : g.lists) {
    bool seen = false;
    for (const MailingList* o : out) seen = seen || o->normalized == l.normalized;
    if (!seen) out.push_back(&l);
  }
  return out;
}

Json source_json(const Location& l) {
  Json j;
  j["path"] = l.path;
  j["line"] = l.line;
  return j;
}

Json null_or(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

std::string where_text(const Location& l) {
  if (l.path.empty()) return "";
  return l.line > 0 ? fmt::format("{}:{}", l.path, l.line) : l.path;
}

std::string render_json(const SigsReport& r,
                        const std::map<std::string, std::vector<const Finding*>>& placeholders) {
  const Registry& reg = *r.registry;
  Json doc;
  doc["schemaVersion"] = kSigsSchemaVersion;
  doc["layout"] = reg.layout;
  doc["revision"] = r.commit;
  Json sources = Json::array();
  for (const std::string& f : reg.index_files) sources.push_back({{"path", f}, {"role", "index"}});
  for (const std::string& root : reg.group_roots) {
    sources.push_back({{"path", root}, {"role", "group-folders"}});
  }
  doc["sources"] = std::move(sources);
  Json groups = Json::array();
  for (const Group& g : reg.groups) {
    Json j;
    j["name"] = g.name;
    j["kind"] = group_kind_name(g.kind);
    j["dir"] = null_or(g.dir);
    j["readme"] = g.readme ? Json(*g.readme) : Json(nullptr);
    Json leads = Json::array();
    for (const Person& p : g.leads) {
      leads.push_back({{"login", null_or(p.handle)},
                       {"name", null_or(p.name)},
                       {"email", null_or(p.email)},
                       {"source", source_json(p.where)}});
    }
    j["leads"] = std::move(leads);
    Json lists = Json::array();
    for (const MailingList* l : distinct_lists(g)) {
      lists.push_back({{"address", l->address}, {"source", source_json(l->where)}});
    }
    j["lists"] = std::move(lists);
    Json chat = Json::array();
    for (const ChatChannel& c : g.chat) {
      chat.push_back(
          {{"service", c.service}, {"channel", c.channel}, {"source", source_json(c.where)}});
    }
    j["chat"] = std::move(chat);
    Json holders = Json::array();
    auto it = placeholders.find(g.name);
    if (it != placeholders.end()) {
      for (const Finding* f : it->second) {
        holders.push_back({{"message", f->message}, {"source", source_json(f->location)}});
      }
    }
    j["placeholders"] = std::move(holders);
    j["source"] = source_json(g.declared);
    groups.push_back(std::move(j));
  }
  doc["groups"] = std::move(groups);
  return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::vector<std::string> leads_of(const Group& g) {
  std::vector<std::string> out;
  for (const Person& p : g.leads) out.push_back(person_text(p));
  return out;
}

std::vector<std::string> lists_of(const Group& g) {
  std::vector<std::string> out;
  for (const MailingList* l : distinct_lists(g)) out.push_back(l->address);
  return out;
}

std::vector<std::string> chat_of(const Group& g) {
  std::vector<std::string> out;
  for (const ChatChannel& c : g.chat) out.push_back(fmt::format("{} #{}", c.service, c.channel));
  return out;
}

std::string header_line(const SigsReport& r) {
  const Registry& reg = *r.registry;
  std::string from = join(reg.index_files, ", ");
  return fmt::format("{} groups in the {} layout at {} ({}){}", reg.groups.size(), reg.layout,
                     r.revision, r.commit.substr(0, 12), from.empty() ? "" : ", read from " + from);
}

std::string render_text(const SigsReport& r,
                        const std::map<std::string, std::vector<const Finding*>>& placeholders) {
  std::string out = printable(header_line(r)) + "\n";
  auto row = [&out](std::string_view label, const std::string& value, const Location& where) {
    std::string at = where_text(where);
    out += fmt::format("  {:<13}{}{}\n", label, printable(value),
                       at.empty() ? "" : "  (" + printable(at) + ")");
  };
  for (const Group& g : r.registry->groups) {
    out += fmt::format("\n{} ({})\n", printable(g.name), group_kind_name(g.kind));
    row("declared", where_text(g.declared), {});
    row("folder", g.dir.empty() ? "-" : g.dir + (g.folder_exists ? "" : " (missing)"), {});
    row("README", g.readme ? *g.readme : "-", {});
    if (g.leads.empty()) row("leads", "-", {});
    for (std::size_t i = 0; i < g.leads.size(); ++i) {
      row(i == 0 ? "leads" : "", person_text(g.leads[i]), g.leads[i].where);
    }
    std::vector<const MailingList*> lists = distinct_lists(g);
    if (lists.empty()) row("lists", "-", {});
    for (std::size_t i = 0; i < lists.size(); ++i) {
      row(i == 0 ? "lists" : "", lists[i]->address, lists[i]->where);
    }
    for (std::size_t i = 0; i < g.chat.size(); ++i) {
      row(i == 0 ? "chat" : "", chat_of(g)[i], g.chat[i].where);
    }
    auto it = placeholders.find(g.name);
    if (it != placeholders.end()) {
      for (std::size_t i = 0; i < it->second.size(); ++i) {
        row(i == 0 ? "placeholders" : "", it->second[i]->message, it->second[i]->location);
      }
    }
  }
  return out;
}

std::string render_csv(const SigsReport& r) {
  std::string out = "name,kind,dir,readme,leads,lists,chat,source\n";
  for (const Group& g : r.registry->groups) {
    std::vector<std::string> cells = {g.name,
                                      group_kind_name(g.kind),
                                      g.dir,
                                      g.readme.value_or(""),
                                      join(leads_of(g), "; "),
                                      join(lists_of(g), "; "),
                                      join(chat_of(g), "; "),
                                      where_text(g.declared)};
    for (std::size_t i = 0; i < cells.size(); ++i) {
      out += (i == 0 ? "" : ",") + escape_csv(cells[i]);
    }
    out += "\n";
  }
  return out;
}

std::string render_markdown(const SigsReport& r) {
  std::string out = "## SIG registry\n\n" + escape_markdown(header_line(r)) + "\n\n";
  out += "| Group | Kind | Folder | Leads | Lists | Chat | Declared |\n";
  out += "|---|---|---|---|---|---|---|\n";
  auto cell = [](const std::vector<std::string>& values) {
    std::vector<std::string> spans;
    for (const std::string& v : values) spans.push_back(escape_markdown(v));
    return spans.empty() ? std::string("—") : join(spans, "<br>");
  };
  for (const Group& g : r.registry->groups) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", escape_markdown(g.name),
                       group_kind_name(g.kind), g.dir.empty() ? "—" : code_span(g.dir, "\\|"),
                       cell(leads_of(g)), cell(lists_of(g)), cell(chat_of(g)),
                       code_span(where_text(g.declared), "\\|"));
  }
  return out;
}

}  // namespace

const std::vector<std::string>& sigs_formats() {
  static const std::vector<std::string> kFormats = {"text", "json", "csv", "markdown"};
  return kFormats;
}

std::string person_text(const Person& p) {
  std::string out;
  if (!p.handle.empty()) out = p.handle;
  if (!p.name.empty()) out += out.empty() ? p.name : " (" + p.name + ")";
  if (!p.email.empty()) out += (out.empty() ? "<" : " <") + p.email + ">";
  return out;
}

std::string render_sigs(const SigsReport& report, const std::string& format) {
  auto placeholders = placeholders_by_group(*report.registry);
  if (format == "json") return render_json(report, placeholders);
  if (format == "text") return render_text(report, placeholders);
  if (format == "csv") return render_csv(report);
  if (format == "markdown") return render_markdown(report);
  throw UsageError(
      fmt::format("unknown format '{}' for sigs (known: text, json, csv, markdown)", format));
}

}  // namespace sigwarden
