#include "lint/config.h"

#include <fmt/format.h>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <chrono>

#include "core/error.h"
#include "core/text.h"
#include "registry/patterns.h"

namespace sigwarden {

namespace {

const std::vector<std::string_view> kKeys = {"layout",   "registry",        "fail_level", "rules",
                                             "patterns", "extend_patterns", "suppress",   "owns",
                                             "teams",    "codeowners",      "review",     "report"};
constexpr std::size_t kMaxConfigPattern = 4096;
const std::vector<std::string_view> kSuppressKeys = {"rule", "sig", "reason", "expires"};

class ConfigReader {
 public:
  ConfigReader(const std::string& path, const Catalogue& catalogue)
      : path_(path), catalogue_(catalogue) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const {
    int line = at.IsDefined() && at.Mark().line >= 0 ? at.Mark().line + 1 : 1;
    throw Error(fmt::format("read configuration {}:{}: {}", path_, line, message));
  }

  std::string scalar(const YAML::Node& n, const std::string& what) const {
    if (!n.IsScalar()) fail(n, fmt::format("{} must be a string", what));
    return n.Scalar();
  }

  std::string key_of(const YAML::Node& k) const {
    if (!k.IsScalar()) fail(k, "keys must be plain strings");
    return k.Scalar();
  }

  void check_keys(const YAML::Node& map, const std::vector<std::string_view>& allowed,
                  const std::string& context) const {
    for (const auto& kv : map) {
      std::string k = key_of(kv.first);
      if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
      std::string hint;
      std::size_t best = 3;
      for (std::string_view a : allowed) {
        std::size_t d = edit_distance(k, a);
        if (d < best) {
          best = d;
          hint = fmt::format(" (did you mean '{}'?)", a);
        }
      }
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      fail(kv.first, fmt::format("unknown key '{}' in {}{}; allowed: {}", k, context, hint, list));
    }
  }

  Config read(const std::string& text) {
    Config config = default_config();
    config.path = path_;
    YAML::Node root;
    try {
      std::string_view t = text;
      if (starts_with(t, "\xEF\xBB\xBF")) t.remove_prefix(3);
      root = YAML::Load(std::string(t));
    } catch (const YAML::Exception& e) {
      throw Error(fmt::format("read configuration {}:{}: not valid YAML: {}", path_,
                              e.mark.line + 1, e.msg));
    }
    if (root.IsNull()) return config;
    if (!root.IsMap()) fail(root, "the configuration must be a mapping of keys");
    check_keys(root, kKeys, "the configuration");
    if (root["layout"]) {
      std::string layout = scalar(root["layout"], "layout");
      if (!parse_layout(layout, &config.layout)) {
        fail(root["layout"], fmt::format("layout '{}' is not one of auto, markdown, openeuler, "
                                         "kubernetes, folders",
                                         layout));
      }
    }
    if (const YAML::Node& r = root["registry"]) read_registry(r, config);
    if (root["fail_level"]) {
      Level l{};
      std::string v = scalar(root["fail_level"], "fail_level");
      if (!parse_level(v, &l) || l == Level::kOff) {
        fail(root["fail_level"],
             fmt::format("fail_level '{}' is not one of error, warning, note", v));
      }
      config.fail_level = l;
    }
    if (const YAML::Node& rules = root["rules"]) read_rules(rules, config);
    if (const YAML::Node& p = root["patterns"]) read_patterns(p, config, /*extend=*/false);
    if (const YAML::Node& p = root["extend_patterns"]) read_patterns(p, config, /*extend=*/true);
    if (const YAML::Node& s = root["suppress"]) read_suppressions(s, config);
    if (const YAML::Node& o = root["owns"]) read_owns(o, config);
    if (const YAML::Node& t = root["teams"]) read_teams(t, config);
    if (const YAML::Node& r = root["review"]) {
      if (!r.IsMap()) fail(r, "review must be a mapping, e.g. {fallback: ['@org/triage']}");
      check_keys(r, std::vector<std::string_view>{"fallback"}, "review");
      if (const YAML::Node& f = r["fallback"]) {
        if (f.IsScalar()) {
          config.fallback_reviewers.push_back(f.Scalar());
        } else if (f.IsSequence()) {
          for (const auto& x : f) {
            config.fallback_reviewers.push_back(scalar(x, "a fallback reviewer"));
          }
        } else {
          fail(f, "review.fallback must be a reviewer or a list of reviewers");
        }
      }
    }
    if (const YAML::Node& r = root["report"]) read_report(r, config);
    if (const YAML::Node& c = root["codeowners"]) {
      std::string flavor = scalar(c, "codeowners");
      if (flavor != "github" && flavor != "gitlab") {
        fail(c, fmt::format("codeowners '{}' is not one of github, gitlab", flavor));
      }
      config.codeowners_flavor = flavor;
    }
    return config;
  }

 private:
  // registry: {index: [...], yaml: [...], folders: [...], sig_info: [...]}: where the registry
  // is. Each value a repository path (or a list of them); folders may end in a glob segment
  // ("sig-*", "groups/*"); sig_info is "DIR/*/FILE".
  void read_registry(const YAML::Node& r, Config& config) const {
    if (!r.IsMap()) {
      fail(r, "registry must be a mapping, e.g. {index: [README.md], folders: ['sig-*']}");
    }
    check_keys(r, std::vector<std::string_view>{"index", "yaml", "folders", "sig_info"},
               "registry");
    RegistrySources& s = config.sources;
    for (auto [key, into] :
         {std::pair{"index", &s.index}, std::pair{"yaml", &s.yaml},
          std::pair{"folders", &s.folders}, std::pair{"sig_info", &s.sig_info}}) {
      const YAML::Node& v = r[key];
      if (!v) continue;
      std::vector<YAML::Node> items;
      if (v.IsSequence()) {
        for (const auto& x : v) items.push_back(x);
      } else {
        items.push_back(v);
      }
      for (const YAML::Node& x : items) {
        std::string path = scalar(x, fmt::format("registry.{}", key));
        std::string_view k = key;
        if (!valid_source(path, k)) {
          fail(x, fmt::format(
                      "registry.{} '{}' is not {}", key, path,
                      k == "sig_info" ? "a repository path of the form DIR/*/FILE (e.g. "
                                        "sig/*/sig-info.yaml)"
                      : k == "folders"
                          ? "a repository path whose last segment may hold * ? [ (e.g. sig-* or "
                            "groups/*; relative, no '..')"
                          : "a repository path (relative to the root, no '..', no wildcards)"));
        }
        into->push_back(path);
      }
    }
  }

  // Whether path is a relative repository path with wildcards only where key allows them: in the
  // last segment of folders, as the whole next-to-last segment of sig_info.
  static bool valid_source(const std::string& path, std::string_view key) {
    std::vector<std::string_view> segments;
    std::string_view rest = path;
    while (true) {
      std::size_t slash = rest.find('/');
      segments.push_back(rest.substr(0, slash));
      if (slash == std::string_view::npos) break;
      rest.remove_prefix(slash + 1);
    }
    for (std::size_t i = 0; i < segments.size(); ++i) {
      std::string_view seg = segments[i];
      if (seg.empty() || seg == "." || seg == "..") return false;
      bool wild = seg.find_first_of("*?[") != std::string_view::npos;
      bool last = i + 1 == segments.size();
      bool allowed = (key == "folders" && last) ||
                     (key == "sig_info" && i + 2 == segments.size() && seg == "*");
      if (wild && !allowed) return false;
    }
    return key != "sig_info" || (segments.size() >= 2 && segments[segments.size() - 2] == "*");
  }

  void read_rules(const YAML::Node& rules, Config& config) const {
    if (!rules.IsMap())
      fail(rules, "rules must map rule ids to levels (e.g. sig-unlisted-folder: note)");
    for (const auto& kv : rules) {
      std::string id = key_of(kv.first);
      known_rule(kv.first, id);
      YAML::Node value = kv.second;
      if (value.IsMap()) {
        check_keys(value, std::vector<std::string_view>{"level"}, "rule " + id);
        if (!value["level"]) fail(kv.first, fmt::format("rule {} needs a 'level'", id));
        value = value["level"];
      }
      std::string text = scalar(value, "the level of " + id);
      Level level{};
      if (!parse_level(text, &level)) {
        fail(kv.second, fmt::format("level '{}' of rule {} is not one of error, warning, note, off",
                                    text, id));
      }
      config.levels[id] = level;
    }
  }

  void known_rule(const YAML::Node& at, const std::string& id) const {
    if (catalogue_.find(id) != nullptr) return;
    std::string near = catalogue_.nearest(id);
    fail(at, fmt::format("unknown rule '{}'{}; `sigwarden rules` lists them", id,
                         near.empty() ? "" : fmt::format(" (did you mean '{}'?)", near)));
  }

  void read_patterns(const YAML::Node& node, Config& config, bool extend) const {
    const char* key = extend ? "extend_patterns" : "patterns";
    if (!node.IsMap()) fail(node, fmt::format("{} must map pattern set names to lists", key));
    for (const auto& kv : node) {
      std::string name = key_of(kv.first);
      const auto& names = Patterns::names();
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        std::string list;
        for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
        fail(kv.first, fmt::format("unknown pattern set '{}' in {}; known: {}", name, key, list));
      }
      std::vector<std::string> list;
      if (kv.second.IsScalar()) {
        list.push_back(kv.second.Scalar());
      } else if (kv.second.IsSequence()) {
        for (const auto& p : kv.second)
          list.push_back(scalar(p, fmt::format("a pattern of {}", name)));
      } else {
        fail(kv.second, fmt::format("{}.{} must be a list of RE2 patterns", key, name));
      }
      for (const std::string& p : list) {
        if (p.size() > kMaxConfigPattern) {
          fail(kv.second, fmt::format("{}.{}: a pattern of {} bytes exceeds the limit of {} bytes",
                                      key, name, p.size(), kMaxConfigPattern));
        }
        RE2::Options options;
        options.set_log_errors(false);
        options.set_max_mem(8 << 20);
        RE2 re(p, options);
        if (!re.ok()) {
          fail(kv.second,
               fmt::format("{}.{}: invalid RE2 pattern '{}': {}", key, name, p, re.error()));
        }
      }
      auto& target = config.patterns[name];
      if (!extend) target.clear();
      target.insert(target.end(), list.begin(), list.end());
    }
  }

  void read_owns(const YAML::Node& node, Config& config) const {
    if (!node.IsMap()) fail(node, "owns must map SIG names to lists of path patterns");
    for (const auto& kv : node) {
      std::string sig = key_of(kv.first);
      std::vector<YAML::Node> patterns;
      if (kv.second.IsScalar()) {
        patterns.push_back(kv.second);
      } else if (kv.second.IsSequence()) {
        for (const auto& p : kv.second) patterns.push_back(p);
      } else {
        fail(kv.second, fmt::format("owns.{} must be a list of path patterns", sig));
      }
      for (const YAML::Node& p : patterns) {
        std::string text = scalar(p, fmt::format("a pattern of owns.{}", sig));
        config.owns.push_back({sig, {text, {path_, p.Mark().line + 1, p.Mark().column + 1}}});
      }
    }
  }

  void read_report(const YAML::Node& r, Config& config) const {
    if (!r.IsMap()) fail(r, "report must be a mapping, e.g. {bots: ['-ci-bot$'], sweep_sigs: 3}");
    check_keys(r, std::vector<std::string_view>{"bots", "sweep_sigs"}, "report");
    if (const YAML::Node& b = r["bots"]) {
      std::vector<YAML::Node> items;
      if (b.IsScalar()) {
        items.push_back(b);
      } else if (b.IsSequence()) {
        for (const auto& x : b) items.push_back(x);
      } else {
        fail(b, "report.bots must be a pattern or a list of patterns");
      }
      for (const auto& x : items) {
        std::string pattern = scalar(x, "a bot pattern");
        RE2::Options options;
        options.set_log_errors(false);
        options.set_case_sensitive(false);
        options.set_max_mem(1 << 20);
        RE2 re(pattern, options);
        if (pattern.size() > kMaxConfigPattern || !re.ok()) {
          fail(x, fmt::format("report.bots pattern '{}' is not a valid regular expression{}",
                              pattern.substr(0, 80), re.ok() ? " (too long)" : ": " + re.error()));
        }
        config.bot_patterns.push_back(pattern);
      }
    }
    if (const YAML::Node& k = r["sweep_sigs"]) {
      std::string text = scalar(k, "report.sweep_sigs");
      int value = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > 1000) {
        fail(k, fmt::format("report.sweep_sigs '{}' must be a whole number from 1 to 1000", text));
      }
      config.sweep_sigs = value;
    }
  }

  void read_teams(const YAML::Node& node, Config& config) const {
    std::vector<YAML::Node> list;
    if (node.IsScalar()) {
      list.push_back(node);
    } else if (node.IsSequence()) {
      for (const auto& p : node) list.push_back(p);
    } else {
      fail(node, "teams must be an RE2 pattern (or a list of them) with one capture group");
    }
    for (const YAML::Node& p : list) {
      std::string text = scalar(p, "a teams pattern");
      RE2::Options options;
      options.set_log_errors(false);
      options.set_max_mem(8 << 20);
      RE2 re(text, options);
      if (!re.ok()) fail(p, fmt::format("teams: invalid RE2 pattern '{}': {}", text, re.error()));
      if (re.NumberOfCapturingGroups() != 1) {
        fail(p, fmt::format("teams: pattern '{}' must have exactly one capture group (the SIG "
                            "name), it has {}",
                            text, re.NumberOfCapturingGroups()));
      }
      config.team_patterns.push_back(text);
    }
  }

  void read_suppressions(const YAML::Node& node, Config& config) const {
    if (!node.IsSequence()) fail(node, "suppress must be a list of {rule, sig, reason, expires}");
    static const RE2 kDate(R"((\d{4})-(\d{2})-(\d{2}))");
    for (const auto& s : node) {
      if (!s.IsMap()) fail(s, "each suppression must be a mapping {rule, sig, reason, expires}");
      check_keys(s, kSuppressKeys, "a suppression");
      Suppression sup;
      sup.where = {path_, s.Mark().line + 1, s.Mark().column + 1};
      if (!s["rule"]) fail(s, "a suppression needs 'rule'");
      sup.rule = scalar(s["rule"], "rule");
      known_rule(s["rule"], sup.rule);
      if (!s["sig"])
        fail(s, fmt::format("the suppression of {} needs 'sig' (the SIG it applies to)", sup.rule));
      sup.sig = std::string(trim(scalar(s["sig"], "sig")));
      if (sup.sig.empty())
        fail(s["sig"], fmt::format("the suppression of {} has an empty 'sig'", sup.rule));
      if (!s["reason"] || trim(scalar(s["reason"], "reason")).empty()) {
        fail(s,
             fmt::format("the suppression of {} for SIG '{}' needs a 'reason'", sup.rule, sup.sig));
      }
      sup.reason = s["reason"].Scalar();
      if (s["expires"]) {
        std::string e = scalar(s["expires"], "expires");
        int y = 0;
        int m = 0;
        int d = 0;
        if (!RE2::FullMatch(e, kDate, &y, &m, &d) ||
            !std::chrono::year_month_day(std::chrono::year(y),
                                         std::chrono::month(static_cast<unsigned>(m)),
                                         std::chrono::day(static_cast<unsigned>(d)))
                 .ok()) {
          fail(s["expires"], fmt::format("expires '{}' is not a date of the form YYYY-MM-DD", e));
        }
        sup.expires = e;
        sup.where = {path_, s["expires"].Mark().line + 1, s["expires"].Mark().column + 1};
      }
      config.suppressions.push_back(std::move(sup));
    }
  }

  const std::string& path_;
  const Catalogue& catalogue_;
};

}  // namespace

Config default_config() {
  Config c;
  c.patterns = default_pattern_sets();
  return c;
}

Config parse_config(const std::string& path, const std::string& text, const Catalogue& catalogue) {
  return ConfigReader(path, catalogue).read(text);
}

}  // namespace sigwarden
