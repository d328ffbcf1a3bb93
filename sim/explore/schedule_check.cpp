#include "schedule_check.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "viz/bugcheck_catalog.h"
#include "viz/debugger.h"

namespace ksim::explore {

namespace {

// The wait-for cycles of a !mex.deadlock report, without its list of the other waits (the
// machine's parked threads).
std::vector<std::string> cycles_of(const std::string& report) {
  std::vector<std::string> lines;
  std::istringstream in(report);
  for (std::string line; std::getline(in, line) && !line.starts_with("Other waits");) lines.push_back(line);
  while (!lines.empty() && lines.back().find_first_not_of(' ') == std::string::npos) lines.pop_back();
  return lines;
}

class Checker final : public MachineObserver, public km::TraceSink {
 public:
  Checker(Machine& machine, const CheckSpec& spec, RunTap* tap) : machine_(machine), tap_(tap) {
    for (const std::string& name : spec.properties) {
      std::string error;
      properties_.push_back(make_property(name, spec.context, error));  // names were validated
    }
  }

  void record(const km::TraceEvent& event) override {
    changed_ = true;
    if (tap_) tap_->record(event);
    for (auto& property : properties_) property->on_trace(event);
  }

  bool before_call(const Machine& machine, std::string_view routine) override {
    return tap_ && tap_->before_call(machine, routine);
  }

  void after_file_operation(const Machine& machine, const FileOperation& operation) override {
    if (tap_) tap_->after_file_operation(machine, operation);
    for (auto& property : properties_) {
      if (violation_) return;
      violation_ = property->after_file_operation(machine_, operation);
    }
  }

  // The invariants are checked after every step in which the dispatcher reported a change (a
  // step that reported none left them as they were), and at the end if it changed anything since.
  bool after_step(const Machine& machine) override {
    if (changed_ && !violation_ && (!tap_ || tap_->checks_due())) check_invariants();
    changed_ = false;
    const bool tap_pauses = tap_ && tap_->after_step(machine);
    return violation_.has_value() || tap_pauses;
  }

  std::optional<Violation> finish(StopReason reason) {
    switch (reason) {
      case StopReason::Paused: break;  // a violation paused it, or the tap abandoned the run
      case StopReason::Completed:
        if (changed_) check_invariants();
        for (auto& property : properties_) {
          if (!violation_) violation_ = property->at_end(machine_);
        }
        break;
      case StopReason::Bugcheck: violation_ = bugcheck(); break;
      case StopReason::Deadlock: {
        viz::DebuggerContext context{};
        violation_ = Violation{"deadlock", "driver threads wait and nothing can wake them",
                               cycles_of(viz::execute(machine_.snapshot(), "!mex.deadlock", context))};
        break;
      }
      case StopReason::Budget:
        violation_ = Violation{"budget", "the run did not end within the virtual-time or call budget", {}};
        if (!machine_.stop_detail().empty()) violation_->details.push_back(machine_.stop_detail());
        break;
      case StopReason::Crash: break;  // only asked for with --crash-at, which exploration does not take
    }
    return std::move(violation_);
  }

 private:
  void check_invariants() {
    std::vector<std::string> broken = machine_.model().check_invariants();  // empty: no allocation
    if (!broken.empty()) violation_ = Violation{"invariants", "the dispatcher's state broke its invariants", std::move(broken)};
  }

  Violation bugcheck() {
    const km::Bugcheck& b = *machine_.model().bugcheck();
    const viz::BugcheckInfo* info = viz::find_bugcheck(b.Code);
    char code[64];
    std::snprintf(code, sizeof code, "bugcheck 0x%X", b.Code);
    Violation v{"bugcheck", std::string(code) + (info ? " " + std::string(info->name) : ""), {}};
    if (!machine_.stop_detail().empty()) v.details.push_back(machine_.stop_detail());
    return v;
  }

  Machine& machine_;
  RunTap* tap_;
  std::vector<std::unique_ptr<Property>> properties_;
  std::optional<Violation> violation_;
  bool changed_ = true;  // the machine's build made the first state
};

}  // namespace

std::optional<CheckSpec> make_check_spec(const PreparedRun& run, const std::map<std::string, std::string>& sets,
                                         const std::vector<std::string>& properties, std::string& error) {
  const Scenario& scenario = run.scenario;
  const bool source = scenario.name.ends_with(".c");
  std::vector<std::string> allowed = scenario.properties;
  if (source) allowed.assign(property_names().begin(), property_names().end());
  CheckSpec spec{properties.empty() ? scenario.properties : properties, {{}, run.config.load_time}};
  for (const std::string& name : spec.properties) {
    if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
    std::string declared;
    for (const std::string& a : allowed) declared += (declared.empty() ? "" : ", ") + a;
    error = source ? "unknown property '" + name + "' (properties: " + declared + ")"
                   : scenario.name + " declares no property '" + name + "' (it declares: " +
                         (declared.empty() ? std::string("none") : declared) + ")";
    return std::nullopt;
  }
  for (const auto& [name, parameter] : scenario.parameters) {
    const auto set = sets.find(name);
    spec.context.parameters[name] = std::stoll(set == sets.end() ? parameter.default_value : set->second);
  }
  for (const std::string& name : spec.properties) {
    if (!make_property(name, spec.context, error)) return std::nullopt;
  }
  return spec;
}

std::optional<Violation> run_checked(Machine& machine, const CheckSpec& spec, RunTap* tap) {
  Checker checker(machine, spec, tap);
  machine.set_observer(&checker);
  machine.model().set_trace(&checker);
  auto violation = checker.finish(machine.run());
  machine.set_observer(nullptr);
  machine.model().set_trace(nullptr);
  return violation;
}

ScheduleResult check_schedule(PreparedRun& run, km::ChoicePoint& source, const CheckSpec& spec) {
  RecordingChoices choices(source);
  auto machine = make_machine(run, choices);
  ScheduleResult result;
  result.violation = run_checked(*machine, spec);
  result.decisions = choices.decisions();
  return result;
}

std::vector<km::ULONG> picks_of(const std::vector<Decision>& decisions) {
  std::vector<km::ULONG> picks;
  for (const Decision& d : decisions) picks.push_back(d.pick);
  while (!picks.empty() && picks.back() == 0) picks.pop_back();
  return picks;
}

}  // namespace ksim::explore
