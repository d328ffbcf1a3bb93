#include "run_command.h"

#include <fstream>

#include "engine/duration.h"
#include "engine/random_choices.h"
#include "engine/run_setup.h"
#include "request_options.h"
#include "engine/schedule.h"
#include "viz/debugger.h"
#include "viz/json.h"

namespace ksim::cli {

namespace {

int exit_code(StopReason reason) {
  switch (reason) {
    case StopReason::Crash:
    case StopReason::Completed: return 0;
    case StopReason::Deadlock: return 1;
    case StopReason::Bugcheck: return 3;
    case StopReason::Budget: return 4;
    case StopReason::Paused: return 0;
  }
  return 0;
}

}  // namespace

int list_scenarios(std::ostream& out) {
  for (const std::string& name : scenario_names()) {
    std::string error;
    const auto scenario = load_scenario(name, error);
    out << name << "  " << (scenario ? scenario->description : error) << '\n';
  }
  return 0;
}

int run(const RunOptions& options, std::ostream& out, std::ostream& err) {
  RunRequest request;
  if (const std::string bad = fill_request(request, options.where);
      !bad.empty()) {
    return usage_error(err, bad);
  }
  std::string error;
  auto prepared = prepare_run(request, error);
  if (!prepared) return usage_error(err, error);

  if (options.seed && !options.schedule.empty()) return usage_error(err, "--seed and --schedule cannot be combined");
  const auto replay = options.schedule.empty() ? std::optional<std::vector<km::ULONG>>(std::vector<km::ULONG>{})
                                               : decode_schedule(options.schedule);
  if (!replay) return usage_error(err, "bad schedule token '" + options.schedule + "'");
  km::DefaultChoices default_choices;
  RandomChoices random_choices(options.seed.value_or(0));
  ReplayChoices replay_choices(*replay);
  km::ChoicePoint& source = options.seed ? static_cast<km::ChoicePoint&>(random_choices)
                            : options.schedule.empty() ? static_cast<km::ChoicePoint&>(default_choices)
                                                       : replay_choices;
  // Only a seeded run's decisions are kept, for the token it prints: they grow with every call.
  RecordingChoices recording(source);
  km::ChoicePoint& choices = options.seed ? static_cast<km::ChoicePoint&>(recording) : source;
  auto machine = make_machine(*prepared, choices);
  const std::string schedule_text = options.seed              ? "seed " + std::to_string(*options.seed)
                                    : options.schedule.empty() ? std::string("default schedule")
                                                               : "schedule " + options.schedule;
  out << "ksim: " << prepared->scenario.name << " (" << prepared->scenario.module << ".sys) on " << request.cpus
      << " processors, " << schedule_text << '\n';
  const StopReason reason = machine->run();
  for (const DebugLine& line : machine->debug_output()) out << line.text << '\n';
  const km::Snapshot snapshot = machine->snapshot();
  out << "ksim: stopped at uptime " << format_uptime(snapshot.Machine.InterruptTime) << ": " << describe(reason);
  if (!machine->stop_detail().empty()) out << " (" << machine->stop_detail() << ")";
  out << '\n';
  // A run that took choices other than the default prints the token that replays it.
  if (options.seed) out << "ksim: replay with --schedule " << encode_schedule(recording.decisions()) << '\n';

  viz::DebuggerContext context{snapshot.Machine.CurrentProcessor, machine->profile().create_time_bias_minutes};
  std::vector<std::string> commands = options.commands;
  if (reason == StopReason::Deadlock && commands.empty()) commands.push_back("!mex.deadlock");
  for (const std::string& command : commands) {
    out << viz::prompt(context) << command << '\n' << viz::execute(snapshot, command, context);
  }
  if (!options.json_path.empty()) {
    std::ofstream json(options.json_path);
    if (!json) return usage_error(err, "cannot write '" + options.json_path + "'");
    json << viz::to_json(snapshot) << '\n';
  }
  return exit_code(reason);
}

}  // namespace ksim::cli
