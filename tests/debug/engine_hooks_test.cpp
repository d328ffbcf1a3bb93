// The two engine hooks the debugger needs change nothing about a run: a pause at a virtual time
// (g <duration>) and the call-site stack a thread shows while paused in a kernel call.
#include "debug_fixture.h"
#include "engine/run_setup.h"
#include "viz/debugger.h"

namespace {

std::string views(ksim::Machine& machine) {
  const km::Snapshot s = machine.snapshot();
  std::string text;
  for (const std::string command : {"!mex.lt", "!us", "!running", "!timer", "!di", "!mex.t ffffc983ebdf9040"}) {
    viz::DebuggerContext context{0, {}};
    text += viz::execute(s, command, context);
  }
  return text;
}

ksim::PreparedRun prepare(std::map<std::string, std::string> sets, std::optional<std::uint64_t> crash_at = {}) {
  ksim::RunRequest request;
  request.target = "kmutex-delay";
  request.sets = std::move(sets);
  request.crash_at = crash_at;
  std::string error;
  auto prepared = ksim::prepare_run(request, error);
  REQUIRE_MESSAGE(prepared, error);
  return std::move(*prepared);
}

struct PauseInCalls final : ksim::MachineObserver {
  std::string routine;  // of the last pause
  bool before_call(const ksim::Machine&, std::string_view called) override {
    if (called != "KeDelayExecutionThread" && called != "ZwWriteFile" && called != "KeReleaseMutex") return false;
    routine = called;
    return true;
  }
};

}  // namespace

TEST_CASE("a pause at a virtual time brings the clock there, idle time included, and changes nothing") {
  constexpr std::uint64_t second = 10'000'000;
  auto prepared = prepare({{"files", "3"}, {"writes", "2"}}, 150 * second);
  km::DefaultChoices plain_choices;
  auto plain = ksim::make_machine(prepared, plain_choices);
  CHECK(plain->run() == ksim::StopReason::Crash);
  const std::string unpaused = views(*plain);
  plain.reset();

  km::DefaultChoices choices;
  auto paused = ksim::make_machine(prepared, choices);
  paused->pause_at(prepared.config.load_time + 1173590000);  // 1m57.359s after the load, in the delay
  CHECK(paused->run() == ksim::StopReason::Paused);
  CHECK(paused->model().InterruptTime() == prepared.config.load_time + 1173590000);
  viz::DebuggerContext context{0, {}};
  CHECK(debugtest::contains(viz::execute(paused->snapshot(), "!mex.t ffffc983ebdfa040", context), "1m:57.359 Waiting"));
  CHECK(paused->run() == ksim::StopReason::Crash);
  CHECK(views(*paused) == unpaused);
}

TEST_CASE("paused in a kernel call, a thread shows its call site; the run goes on unchanged") {
  auto prepared = prepare({{"files", "3"}, {"writes", "2"}});
  km::DefaultChoices plain_choices;
  auto plain = ksim::make_machine(prepared, plain_choices);
  CHECK(plain->run() == ksim::StopReason::Completed);
  const std::string unpaused = views(*plain);
  plain.reset();

  km::DefaultChoices choices;
  auto machine = ksim::make_machine(prepared, choices);
  PauseInCalls observer;
  machine->set_observer(&observer);
  int pauses = 0;
  std::string at_delay;
  ksim::StopReason reason;
  while ((reason = machine->run()) == ksim::StopReason::Paused) {
    ++pauses;
    if (observer.routine != "KeDelayExecutionThread") continue;
    viz::DebuggerContext context{0, {}};
    at_delay = viz::execute(machine->snapshot(), "!mex.t ffffc983ebdf9040", context);
  }
  CHECK(reason == ksim::StopReason::Completed);
  CHECK(pauses == 3 * 2 + 1 + 2);  // the writes, the delay, the two releases
  CHECK(views(*machine) == unpaused);
  // At the delay: the driver frame making the call, on line 44, with nothing of nt's above it.
  CHECK(debugtest::contains(at_delay, "0 ffffc60b"));
  CHECK(debugtest::contains(at_delay, " TestDriver!FileCreationThread+0x"));
  CHECK(debugtest::contains(at_delay, "Driver.c @ 44\n"));
  CHECK(!debugtest::contains(at_delay, "KiSwapContext"));
}
