// Reverse execution, as WinDbg's Time Travel Debugging offers it (g-, p-, t-, !tt), built on
// deterministic replay: a machine cannot be rewound, so going back builds a fresh one with the
// same Timeline and runs it to the earlier position, where it is in exactly the state the first
// run was in. A kmutex-delay run to its 30-minute delay takes tens of milliseconds, so no
// snapshots are kept. g- and t- first replay up to the present to find the last breakpoint hit
// or kernel call before it, then replay again to there.
#pragma once

#include <memory>
#include <set>

#include "execution.h"

namespace ksim::debug {

class TimeTravel {
 public:
  TimeTravel(PreparedRun& run, Timeline timeline, const Symbols& symbols, const Breakpoints& breakpoints);

  Execution& live() { return *live_; }
  void explain(bool on);

  Stop forward(const Goal& goal, std::vector<std::string>& log);
  // .crash here; the crash becomes part of the timeline, so replays raise it at the same position.
  Stop crash(std::vector<std::string>& log);
  Stop step_back();                       // p-: to the point after the previous dispatcher event
  Stop back_to_breakpoint();              // g-: to the last breakpoint hit, or the start
  Stop back_to_call(km::Address thread);  // t-: to the thread's previous kernel call, or the start
  Stop travel(const Position& target, std::vector<std::string>& log);  // !tt

 private:
  std::unique_ptr<Execution> fresh();
  // A fresh machine run to `target`, narrating the events numbered above `narrate_after`.
  Stop replay(const Position& target, std::uint64_t narrate_after = UINT64_MAX);
  Stop back_to_probe(const Probe& probe, Stop::Why why);
  // The largest event count below `events` at which a point with steps 0 exists (0: the start).
  std::uint64_t boundary_before(std::uint64_t events) const;

  PreparedRun& run_;
  Timeline timeline_;
  const Symbols& symbols_;
  const Breakpoints& breakpoints_;
  std::set<std::uint64_t> boundaries_;
  bool explain_ = false;
  std::unique_ptr<Execution> live_;
};

}  // namespace ksim::debug
