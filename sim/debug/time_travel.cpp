#include "time_travel.h"

namespace ksim::debug {

TimeTravel::TimeTravel(PreparedRun& run, Timeline timeline, const Symbols& symbols, const Breakpoints& breakpoints)
    : run_(run), timeline_(std::move(timeline)), symbols_(symbols), breakpoints_(breakpoints) {
  live_ = fresh();
}

std::unique_ptr<Execution> TimeTravel::fresh() {
  // One machine at a time: a new one resets the driver image's globals under the old one.
  live_.reset();
  return std::make_unique<Execution>(run_, timeline_, symbols_, breakpoints_, boundaries_);
}

void TimeTravel::explain(bool on) {
  explain_ = on;
  live_->narrate_all(on);
}

Stop TimeTravel::forward(const Goal& goal, std::vector<std::string>& log) { return live_->run(goal, log); }

Stop TimeTravel::crash(std::vector<std::string>& log) {
  timeline_.crash = live_->position();
  return live_->crash(log);
}

std::uint64_t TimeTravel::boundary_before(std::uint64_t events) const {
  const auto it = boundaries_.lower_bound(events);
  return it == boundaries_.begin() ? 0 : *std::prev(it);
}

Stop TimeTravel::replay(const Position& target, std::uint64_t narrate_after) {
  live_ = fresh();
  live_->narrate_after(narrate_after);
  std::vector<std::string> replayed;  // output already seen on the way here
  Stop stop = live_->run({.kind = Goal::Kind::Reach, .target = target, .interruptible = false}, replayed);
  live_->narrate_after(UINT64_MAX);
  live_->narrate_all(explain_);
  return stop;
}

Stop TimeTravel::step_back() {
  const Position now = live_->position();
  // Within a stretch without events, back to its start; at its start, to the previous one's.
  const std::uint64_t events = now.steps > 0 || now.clock > 0 ? now.events : boundary_before(now.events);
  return replay({events, 0, 0}, events > 0 ? boundary_before(events) : UINT64_MAX);
}

Stop TimeTravel::back_to_probe(const Probe& probe, Stop::Why why) {
  const Position now = live_->position();
  std::optional<ProbeHit> hit;
  {
    live_ = fresh();
    live_->set_probe(probe);
    std::vector<std::string> replayed;
    (void)live_->run({.kind = Goal::Kind::Reach, .target = now, .interruptible = false}, replayed);
    hit = live_->probe_hit();
  }
  if (!hit) return replay({});
  Stop stop = replay(hit->position);
  stop.why = why;
  stop.breakpoints = hit->breakpoints;
  return stop;
}

Stop TimeTravel::back_to_breakpoint() { return back_to_probe({.kind = Goal::Kind::Run}, Stop::Why::Breakpoint); }

Stop TimeTravel::back_to_call(km::Address thread) {
  return back_to_probe({.kind = Goal::Kind::ThreadCall, .thread = thread}, Stop::Why::ThreadCall);
}

Stop TimeTravel::travel(const Position& target, std::vector<std::string>& log) {
  if (target >= live_->position()) return live_->run({.kind = Goal::Kind::Reach, .target = target}, log);
  return replay(target);
}

}  // namespace ksim::debug
