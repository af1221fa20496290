#include "cli/app.h"

#include <fmt/format.h>

#include <ostream>

#include "cli/command.h"
#include "core/error.h"
#include "output/ci_escape.h"

namespace sigwarden {

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"lint", "check the SIG registry: folders, READMEs, leads, mailing lists, index, YAML",
       setup_lint},
      {"sigs", "print the registry as read: each group's folder, leads, lists and their sources",
       setup_sigs},
      {"init", "print a .sigwarden.yaml naming where the registry is (detected or most plausible)",
       setup_init},
      {"owners", "owning SIGs, owners, reviewers and lists of paths, all files, or changed paths",
       setup_owners},
      {"explain",
       "which line of which ownership file decided a path's owners, and what it overrode",
       setup_explain},
      {"check", "the pull-request gate: lint + ownership of the change, rules read from the base",
       setup_check},
      {"review", "reviewers to request and lists to cc for a change, with a reason for each",
       setup_review},
      {"audit", "unowned files, rules that match nothing or are shadowed, teams without a SIG",
       setup_audit},
      {"report",
       "SIG health report from git history: activity, contributors, lead activity, trends",
       setup_report},
      {"rules", "list the rule catalogue (id, default level, summary)", setup_rules},
      {"explain-rule", "print why a rule exists and how to fix its findings", setup_explain_rule},
  };
  return kCommands;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app("sigwarden keeps an open-source community's governance data honest.", "sigwarden");
  app.set_version_flag("--version", std::string("sigwarden ") + SIGWARDEN_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 clean, 1 findings at or above the failing level, 2 could not run.\n"
      "Run 'sigwarden COMMAND --help' for a command's options. Docs: docs/ in the source tree.");
  CommonOptions common;
  Action action;
  for (const Command& c : commands()) {
    CLI::App* sub = app.add_subcommand(c.name, c.summary);
    sub->footer("");  // each command writes its own footer; the top-level one is about `lint`
    Action a = c.setup(*sub, common);
    sub->final_callback([&action, a] { action = a; });
  }
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  Streams streams{out, err};
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e, out, err);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e, out, err);
  } catch (const CLI::ParseError& e) {
    err << "sigwarden: error: " << e.what() << "\n"
        << "Run 'sigwarden --help' for usage.\n";
    return 2;
  }
  try {
    return action(streams);
  } catch (const UsageError& e) {
    err << "sigwarden: error: " << ci::printable(e.what())
        << "\nRun 'sigwarden --help' for usage.\n";
    return 2;
  } catch (const Error& e) {
    // Messages quote repository text (a pattern, a file name): it must not reach a terminal raw.
    err << "sigwarden: error: " << ci::printable(e.what()) << "\n";
    return 2;
  } catch (const std::exception& e) {
    err << "sigwarden: internal error: " << ci::printable(e.what()) << "\n";
    return 2;
  }
}

}  // namespace sigwarden
