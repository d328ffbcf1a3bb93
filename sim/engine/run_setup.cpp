#include "run_setup.h"

#include "ddi/driver_object.h"

namespace ksim {

namespace {
bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
}  // namespace

std::optional<PreparedRun> prepare_run(const RunRequest& request, std::string& error) {
  if (request.cpus == 0 || request.cpus > 64) {
    error = "--cpus must be between 1 and 64, not " + std::to_string(request.cpus);
    return std::nullopt;
  }
  PreparedRun run;
  if (ends_with(request.target, ".c")) {
    run.scenario = scenario_for_source(request.target, request.module);
  } else if (auto scenario = load_scenario(request.target, error)) {
    run.scenario = std::move(*scenario);
    if (!request.module.empty()) run.scenario.module = request.module;
  } else {
    return std::nullopt;
  }
  const auto defines = parameter_defines(run.scenario, request.sets, error);
  if (!defines) return std::nullopt;
  DriverSource source{run.scenario.source_path, run.scenario.module, run.scenario.display_path, *defines};
  run.image = DriverImage::load(source, error);
  if (!run.image) return std::nullopt;
  run.config.processors = request.cpus;
  run.config.load_time = run.scenario.uptime_at_load;
  run.config.crash_after = request.crash_at;
  run.config.crash_cpu = std::min(run.scenario.crash_cpu, request.cpus - 1);
  return run;
}

std::unique_ptr<Machine> make_machine(PreparedRun& run, km::ChoicePoint& choices) {
  run.image->reset_data();
  auto machine = std::make_unique<Machine>(run.profile, run.config, choices);
  machine->load_driver(*run.image, ddi::driver_entry_call(*run.image));
  return machine;
}

}  // namespace ksim
