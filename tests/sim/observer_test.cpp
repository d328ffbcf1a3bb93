// Pausing a run through the observer changes nothing about it: the paused-and-resumed run ends
// in the same state as the run that was never paused.
#include "engine/machine_observer.h"
#include "engine/random_choices.h"
#include "engine/schedule.h"
#include "sim_fixture.h"
#include "viz/debugger.h"

namespace {

struct PauseAtWaits final : ksim::MachineObserver {
  int pauses = 0;
  bool before_call(const ksim::Machine&, std::string_view routine) override {
    if (routine != "KeWaitForSingleObject") return false;
    ++pauses;
    return true;
  }
};

struct PauseEveryStep final : ksim::MachineObserver {
  int steps = 0;
  bool after_step(const ksim::Machine&) override { return ++steps % 7 == 0; }
};

std::string final_views(ksim::Machine& machine) {
  const km::Snapshot s = machine.snapshot();
  std::string text;
  for (const std::string command : {"!mex.lt", "!us", "!running", "!timer", "!di"}) {
    viz::DebuggerContext context{0, {}};
    text += viz::execute(s, command, context);
  }
  return text;
}

std::string run_with(ksim::MachineObserver* observer, int& pauses) {
  ksim::RunRequest request;
  request.target = "kmutex-sync";
  request.sets = {{"files", "5"}, {"writes", "3"}};
  std::string error;
  auto prepared = ksim::prepare_run(request, error);
  REQUIRE(prepared);
  km::DefaultChoices choices;
  auto machine = ksim::make_machine(*prepared, choices);
  machine->set_observer(observer);
  ksim::StopReason reason;
  while ((reason = machine->run()) == ksim::StopReason::Paused) ++pauses;
  CHECK(reason == ksim::StopReason::Completed);
  return final_views(*machine);
}

}  // namespace

TEST_CASE("pausing at kernel calls or between steps and resuming ends in the unpaused run's state") {
  int none = 0;
  const std::string unpaused = run_with(nullptr, none);
  PauseAtWaits at_waits;
  int pauses = 0;
  CHECK(run_with(&at_waits, pauses) == unpaused);
  CHECK(pauses == at_waits.pauses);
  CHECK(pauses >= 2);
  PauseEveryStep every_step;
  int step_pauses = 0;
  CHECK(run_with(&every_step, step_pauses) == unpaused);
  CHECK(step_pauses > 10);
}

TEST_CASE("a schedule token replays a seeded run exactly") {
  ksim::RunRequest request;
  request.target = "kmutex-race";
  request.sets = {{"files", "8"}, {"writes", "3"}};
  std::string error;
  auto prepared = ksim::prepare_run(request, error);
  REQUIRE(prepared);
  ksim::RandomChoices random(1234);
  ksim::RecordingChoices recording(random);
  auto first = ksim::make_machine(*prepared, recording);
  first->run();
  const std::string token = ksim::encode_schedule(recording.decisions());
  const auto picks = ksim::decode_schedule(token);
  REQUIRE(picks);
  ksim::ReplayChoices replay(*picks);
  auto second = ksim::make_machine(*prepared, replay);
  second->run();
  CHECK(replay.mismatches() == 0);
  CHECK(final_views(*first) == final_views(*second));
  CHECK_FALSE(ksim::decode_schedule("s1-zz"));
  CHECK_FALSE(ksim::decode_schedule("nonsense"));
}
