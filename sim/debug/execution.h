// One machine of a debugging session, run toward a goal: it watches every observation point the
// engine offers (each kernel call a driver thread makes, each engine step) and every dispatcher
// event, numbers them as positions, and pauses where the goal, a breakpoint or Ctrl-C says.
// Pausing never changes the run (machine_observer.h), so a fresh machine given the same Timeline
// reaches every position in the same state: reverse execution is replay (time_travel.h).
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "breakpoints.h"
#include "engine/run_setup.h"
#include "narration.h"
#include "position.h"

namespace ksim::debug {

// What fixes the run: its choices (default, a seed, or a schedule token's picks) and a .crash.
struct Timeline {
  std::optional<std::uint64_t> seed;
  std::vector<km::ULONG> schedule;
  std::optional<Position> crash;
};

struct Goal {
  enum class Kind : std::uint8_t {
    Run,         // g: to the end or the next breakpoint
    Step,        // p: to the first point after the next dispatcher event
    ThreadCall,  // t: to the thread's next kernel call
    Reach,       // !tt and replays: to a position, breakpoints ignored
  } kind = Kind::Run;
  km::Address thread = 0;              // ThreadCall
  Position target{};                     // Reach
  std::optional<std::uint64_t> until{};  // g <duration>: pause at this interrupt time
  bool interruptible = true;           // Ctrl-C stops it (replays of known ground are not)
};

// What a Reach run notes on its way: the last point before its target that would have stopped a
// Run goal (breakpoints) or a ThreadCall goal; g- and t- go back there.
struct Probe {
  Goal::Kind kind = Goal::Kind::Run;
  km::Address thread = 0;
};
struct ProbeHit {
  Position position{};
  std::vector<int> breakpoints{};
};

struct Stop {
  enum class Why : std::uint8_t { Breakpoint, Step, ThreadCall, Reached, Time, Interrupted, Ended } why = Why::Reached;
  std::vector<int> breakpoints{};   // those hit
  std::optional<StopReason> end{};  // Ended: why the machine stopped
  std::string routine{};            // paused in this kernel call ("" when not in a call)
  km::Address thread = 0;           // the thread the stop is about: the caller, or the last event's
  std::string dpc_routine{};        // paused in a call a DPC makes: its routine ("dpc_queue!CountingDpc")
  std::vector<std::string> step{};  // the stopping step's events, where narrated
};

// Ctrl-C: safe to call from a signal handler. A run checks it at every point.
void request_interrupt();
bool interrupt_requested();
void clear_interrupt();

class Execution final : public MachineObserver, public km::TraceSink {
 public:
  // `boundaries` collects the event counts at which a point with steps 0 exists (where p- goes).
  Execution(PreparedRun& run, const Timeline& timeline, const Symbols& symbols, const Breakpoints& breakpoints,
            std::set<std::uint64_t>& boundaries);
  ~Execution() override;

  // `log` receives, as they happen, the driver's DbgPrint lines and, when narrating everything,
  // every event's line (the stopping step's lines are the Stop's).
  Stop run(const Goal& goal, std::vector<std::string>& log);
  // .crash: NotMyFault's bugcheck now; the machine ends.
  Stop crash(std::vector<std::string>& log);

  void narrate_all(bool on) { narrate_all_ = on; }
  // Narrate the events numbered above `events` (the step a replay lands after).
  void narrate_after(std::uint64_t events) { narrate_after_ = events; }
  void set_probe(std::optional<Probe> probe) { probe_ = probe; probe_hit_.reset(); }
  const std::optional<ProbeHit>& probe_hit() const { return probe_hit_; }

  const Position& position() const { return position_; }
  std::optional<StopReason> end() const { return end_; }
  Machine& machine() { return *machine_; }

  // MachineObserver, TraceSink
  bool before_call(const Machine&, std::string_view routine) override;
  bool after_step(const Machine&) override;
  void record(const km::TraceEvent& event) override;

 private:
  bool at_point(std::string_view routine);
  // Whether this point stops the run and why; `hits` gets the breakpoints it hits.
  std::optional<Stop::Why> decide(std::string_view routine, std::vector<int>& hits);
  // The breakpoints this point hits (routine: the kernel call, "" between steps).
  std::vector<int> breakpoint_hits(std::string_view routine) const;
  bool calling_thread_is(km::Address thread) const;
  void arm_time_pause();
  void flush_debug_output();
  Stop finish(Stop stop);

  const Timeline& timeline_;
  const Symbols& symbols_;
  const Breakpoints& breakpoints_;
  std::set<std::uint64_t>& boundaries_;
  std::unique_ptr<km::ChoicePoint> choices_;  // before machine_, which refers to it
  std::unique_ptr<Machine> machine_;
  std::unique_ptr<Narrator> narrator_;

  Position position_;
  std::uint64_t events_ = 0;
  std::vector<km::TraceEvent> pending_;  // events since the last point
  std::vector<std::string> step_lines_;  // their narration, where narrated
  std::optional<StopReason> end_;
  std::size_t debug_printed_ = 0;

  // The run in progress.
  Goal goal_;
  std::vector<std::string>* log_ = nullptr;
  std::uint64_t start_events_ = 0;
  std::optional<Stop> stop_;
  bool crash_pending_ = false;
  bool narrate_all_ = false;
  std::uint64_t narrate_after_ = UINT64_MAX;
  std::optional<Probe> probe_;
  std::optional<ProbeHit> probe_hit_;
};

}  // namespace ksim::debug
