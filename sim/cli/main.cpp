// ksim's command line: `ksim run`, `ksim explore`, `ksim debug`, `ksim list`.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <string>
#include <iostream>

#include "debug_command.h"
#include "explore_command.h"
#include "run_command.h"

int main(int argc, char** argv) {
  CLI::App app{"ksim: a deterministic simulator of the Windows NT dispatcher that runs real driver source"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all");

  ksim::cli::RunOptions run;
  CLI::App* run_cmd = app.add_subcommand("run", "Run a scenario or a driver's .c file and show the final state");
  ksim::cli::add_target_options(*run_cmd, run.where, true);
  run_cmd->add_option("--seed", run.seed, "Take scheduling choices at random from this seed");
  run_cmd->add_option("--schedule", run.schedule, "Replay the schedule this token names (from ksim explore or --seed)");
  run_cmd->add_option("--cmd", run.commands, "Debugger command to run on the final state (repeatable)");
  run_cmd->add_option("--json", run.json_path, "Write the final state as JSON to this file");

  ksim::cli::ExploreOptions explore;
  CLI::App* explore_cmd = app.add_subcommand("explore", "Run many schedules of a scenario or driver and check each");
  ksim::cli::add_target_options(*explore_cmd, explore.where, false);
  explore_cmd->add_option("--schedules", explore.schedules, "Schedules to run at most (default 1000)");
  explore_cmd->add_option("--strategy", explore.strategy, "random (default), pct or dfs");
  explore_cmd->add_option("--depth", explore.depth, "pct: bug depth (default 3); dfs: branch only at the first D decisions");
  explore_cmd->add_option("--preemption-bound", explore.preemption_bound, "dfs: most non-default decisions per schedule (default 2)");
  explore_cmd->add_option("--seed", explore.seed, "Seed of the random and pct schedules (default 0)");
  explore_cmd->add_option("--jobs", explore.jobs, "Host threads to run schedules on; results are those of one (default 1)");
  explore_cmd->add_option("--property", explore.properties, "Check only this declared property (repeatable)");

  ksim::cli::DebugOptions debug;
  CLI::App* debug_cmd = app.add_subcommand("debug", "Step through a scenario or driver at a kd> prompt, forwards and back");
  ksim::cli::add_target_options(*debug_cmd, debug.where, true);
  debug_cmd->add_option("--seed", debug.seed, "Take scheduling choices at random from this seed");
  debug_cmd->add_option("--schedule", debug.schedule, "Replay the schedule this token names (from ksim explore or --seed)");
  debug_cmd->add_option("-c", debug.commands, "Debugger command to run first (repeatable); a last q ends the session");

  CLI::App* list_cmd = app.add_subcommand("list", "List the scenarios");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const std::string first = argc > 1 ? argv[1] : "";
    const bool unknown_command = !first.empty() && first[0] != '-' && first != "run" && first != "list" && first != "explore" &&
                                first != "debug";
    if (unknown_command) std::fprintf(stderr, "ksim: unknown command '%s' (commands: run, explore, debug, list)\n", argv[1]);
    else std::fprintf(stderr, "ksim: %s\n", e.what());
    return 2;
  }
  if (list_cmd->parsed()) return ksim::cli::list_scenarios(std::cout);
  if (explore_cmd->parsed()) return ksim::cli::explore(explore, std::cout, std::cerr);
  if (debug_cmd->parsed()) return ksim::cli::debug(debug, std::cout, std::cerr);
  return ksim::cli::run(run, std::cout, std::cerr);
}
