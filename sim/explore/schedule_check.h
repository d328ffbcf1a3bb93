// One schedule, checked. A fresh machine is built from the prepared run and takes its decisions
// from `source`; after every step the dispatcher's invariants are checked, file operations and
// the dispatcher's trace go to the properties, and the run's stop tells bugchecks, deadlocks and
// runs that never end. The run is abandoned at the first violation, so the decisions recorded up
// to there replay it: with ReplayChoices (the default after the last pick) the same violation
// comes at the same step.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/run_setup.h"
#include "engine/schedule.h"
#include "property.h"
#include "violation.h"

namespace ksim::explore {

struct CheckSpec {
  std::vector<std::string> properties;  // names, all valid for `context`
  PropertyContext context;
};

struct ScheduleResult {
  std::vector<Decision> decisions;  // every decision taken, in order
  std::optional<Violation> violation;
};

// The checks for a prepared run (its parameters after `sets`): `properties`, or all the scenario
// declares when none are named. A scenario's must be among those it declares; a driver source
// declares none, but may name any. On a bad name returns nothing and sets `error` to one line.
std::optional<CheckSpec> make_check_spec(const PreparedRun& run, const std::map<std::string, std::string>& sets,
                                         const std::vector<std::string>& properties, std::string& error);

// What a caller of run_checked also watches of the run: the dispatcher's trace, the kernel calls,
// file operations and steps, as the checks see them. A tap that pauses the run (before_call or
// after_step returning true) abandons it: run_checked then returns no violation for it.
class RunTap : public MachineObserver, public km::TraceSink {
 public:
  // Whether the invariants are due after this step: not while the run replays steps that an
  // earlier run took, and checked, from the same start.
  virtual bool checks_due() const { return true; }
};

ScheduleResult check_schedule(PreparedRun& run, km::ChoicePoint& source, const CheckSpec& spec);
// The checks of check_schedule on a machine built by the caller: runs it until it ends or breaks one.
std::optional<Violation> run_checked(Machine& machine, const CheckSpec& spec, RunTap* tap = nullptr);

// The picks of a run's decisions, up to the last one that is not the default.
std::vector<km::ULONG> picks_of(const std::vector<Decision>& decisions);

}  // namespace ksim::explore
