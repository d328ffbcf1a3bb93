// ksim's command line: `ksim run`, `ksim list`.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <iostream>

#include "run_command.h"

int main(int argc, char** argv) {
  CLI::App app{"ksim: a deterministic simulator of the Windows NT dispatcher that runs real driver source"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all");

  ksim::cli::RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run a scenario or a driver's .c file and show the final state");
  run_cmd->add_option("target", run.target, "A scenario name (ksim list) or a path to a driver's .c file")->required();
  run_cmd->add_option("--module", run.module, "Module name for a .c driver (default: the file's stem)");
  run_cmd->add_option("--crash-at", run.crash_at, "Crash the machine this long after the driver starts (bugcheck D1)");
  run_cmd->add_option("--cpus", run.cpus, "Simulated processors (1-64)");
  run_cmd->add_option("--seed", run.seed, "Take scheduling choices at random from this seed");
  run_cmd->add_option("--schedule", run.schedule, "Replay the schedule this token names (from ksim explore or --seed)");
  run_cmd->add_option("--set", run.sets, "Scenario parameter KEY=VALUE (repeatable)");
  run_cmd->add_option("--cmd", run.commands, "Debugger command to run on the final state (repeatable)");
  run_cmd->add_option("--json", run.json_path, "Write the final state as JSON to this file");

  CLI::App* list_cmd = app.add_subcommand("list", "List the scenarios");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string first = argc > 1 ? argv[1] : "";
    const bool unknown_command = !first.empty() && first[0] != '-' && first != "run" && first != "list";
    if (unknown_command) std::fprintf(stderr, "ksim: unknown command '%s' (commands: run, list)\n", argv[1]);
    else std::fprintf(stderr, "ksim: %s\n", e.what());
    return 2;
  }
  if (list_cmd->parsed()) return ksim::cli::list_scenarios(std::cout);
  return ksim::cli::run(run, std::cout, std::cerr);
}
