#include "execution.h"

#include <algorithm>
#include <atomic>

#include "engine/random_choices.h"
#include "engine/schedule.h"
#include "kernel_model/kthread.h"

namespace ksim::debug {

namespace {

std::atomic<bool> g_interrupt{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

std::unique_ptr<km::ChoicePoint> make_choices(const Timeline& timeline) {
  if (timeline.seed) return std::make_unique<RandomChoices>(*timeline.seed);
  if (!timeline.schedule.empty()) return std::make_unique<ReplayChoices>(timeline.schedule);
  return std::make_unique<km::DefaultChoices>();
}

}  // namespace

void request_interrupt() { g_interrupt.store(true, std::memory_order_relaxed); }
bool interrupt_requested() { return g_interrupt.load(std::memory_order_relaxed); }
void clear_interrupt() { g_interrupt.store(false, std::memory_order_relaxed); }

Execution::Execution(PreparedRun& run, const Timeline& timeline, const Symbols& symbols,
                     const Breakpoints& breakpoints, std::set<std::uint64_t>& boundaries)
    : timeline_(timeline),
      symbols_(symbols),
      breakpoints_(breakpoints),
      boundaries_(boundaries),
      choices_(make_choices(timeline)),
      machine_(make_machine(run, *choices_)),
      narrator_(std::make_unique<Narrator>(*machine_, symbols)) {
  machine_->model().set_trace(this);
  machine_->set_observer(this);
}

Execution::~Execution() {
  machine_->set_observer(nullptr);
  machine_->model().set_trace(nullptr);
}

void Execution::record(const km::TraceEvent& event) {
  ++events_;
  pending_.push_back(event);
  const bool narrate = narrate_all_ || goal_.kind == Goal::Kind::Step || events_ > narrate_after_ ||
                       (breakpoints_.watching() && !breakpoints_.hits_by_event(event).empty());
  if (narrate) step_lines_.push_back(narrator_->line(events_, event));
}

bool Execution::before_call(const Machine&, std::string_view routine) { return at_point(routine); }
bool Execution::after_step(const Machine&) { return at_point({}); }

bool Execution::calling_thread_is(km::Address thread) const {
  return machine_->current_kthread().Header.Self == thread;
}

std::vector<int> Execution::breakpoint_hits(std::string_view routine) const {
  std::vector<int> hits;
  if (!routine.empty() && breakpoints_.breaking_calls()) {
    const std::string start = symbols_.driver_function(machine_->current_kthread().StartAddress);
    const HostFrame* call = machine_->pending_call();
    const std::string caller = call ? symbols_.driver_function_at_host(call->ip) : std::string();
    hits = breakpoints_.hits_at_call(routine, start, caller);
  }
  if (!breakpoints_.watching()) return hits;
  for (const km::TraceEvent& event : pending_) {
    for (int id : breakpoints_.hits_by_event(event)) {
      if (std::find(hits.begin(), hits.end(), id) == hits.end()) hits.push_back(id);
    }
  }
  return hits;
}

bool Execution::at_point(std::string_view routine) {
  if (events_ != position_.events) {
    position_ = {events_, 0, 0};
    boundaries_.insert(events_);
  } else {
    position_ = {events_, position_.steps + 1, 0};
  }
  if (narrate_all_) {
    flush_debug_output();
    for (std::string& line : step_lines_) log_->push_back(std::move(line));
    step_lines_.clear();
  }
  std::vector<int> hits;
  const std::optional<Stop::Why> why = decide(routine, hits);
  if (why) {
    Stop stop{.why = *why, .breakpoints = std::move(hits), .routine = std::string(routine)};
    stop.thread = !routine.empty() ? machine_->current_kthread().Header.Self : pending_.empty() ? 0 : pending_.back().Thread;
    if (const HostFrame* call = machine_->pending_call(); call && machine_->in_dpc()) {
      stop.dpc_routine = symbols_.module() + "!" + symbols_.driver_function_at_host(call->ip);
    }
    stop.step = std::move(step_lines_);
    stop_ = std::move(stop);
  }
  step_lines_.clear();
  pending_.clear();
  return why || crash_pending_;
}

std::optional<Stop::Why> Execution::decide(std::string_view routine, std::vector<int>& hits) {
  const bool in_call = !routine.empty();
  if (timeline_.crash && timeline_.crash->point() == position_) {
    if (timeline_.crash->clock == 0) {
      crash_pending_ = true;
      return std::nullopt;
    }
    arm_time_pause();  // the crash comes later at this point's time: pause there to raise it
  }
  if (goal_.interruptible && g_interrupt.load(std::memory_order_relaxed)) return Stop::Why::Interrupted;
  switch (goal_.kind) {
    case Goal::Kind::Reach:
      if (position_ > goal_.target.point() || (position_ == goal_.target && goal_.target.clock == 0)) {
        return Stop::Why::Reached;
      }
      if (position_ == goal_.target.point()) arm_time_pause();
      if (probe_ && probe_->kind == Goal::Kind::ThreadCall && in_call && calling_thread_is(probe_->thread)) {
        probe_hit_ = ProbeHit{position_, {}};
      } else if (probe_ && probe_->kind == Goal::Kind::Run) {
        if (auto probed = breakpoint_hits(routine); !probed.empty()) probe_hit_ = ProbeHit{position_, std::move(probed)};
      }
      return std::nullopt;  // breakpoints do not stop a replay
    case Goal::Kind::Step:
      if (events_ > start_events_) return Stop::Why::Step;
      break;
    case Goal::Kind::ThreadCall:
      if (in_call && calling_thread_is(goal_.thread)) return Stop::Why::ThreadCall;
      break;
    case Goal::Kind::Run:
      break;
  }
  hits = breakpoint_hits(routine);
  if (!hits.empty()) return Stop::Why::Breakpoint;
  return std::nullopt;
}

void Execution::arm_time_pause() {
  // One pause time at once: the earliest of the goal's and a crash or target later at this point.
  std::optional<std::uint64_t> at = goal_.until;
  const auto consider = [&](const std::optional<Position>& later) {
    if (later && later->clock > position_.clock && later->point() == position_.point()) {
      at = at ? std::min(*at, later->clock) : later->clock;
    }
  };
  consider(timeline_.crash);
  if (goal_.kind == Goal::Kind::Reach) consider(goal_.target);
  machine_->pause_at(at);
}

void Execution::flush_debug_output() {
  const auto& lines = machine_->debug_output();
  for (; debug_printed_ < lines.size(); ++debug_printed_) log_->push_back(lines[debug_printed_].text);
}

Stop Execution::finish(Stop stop) {
  flush_debug_output();
  for (std::string& line : step_lines_) stop.step.push_back(std::move(line));
  step_lines_.clear();
  return stop;
}

Stop Execution::run(const Goal& goal, std::vector<std::string>& log) {
  goal_ = goal;
  log_ = &log;
  start_events_ = events_;
  stop_.reset();
  if (end_) return finish({.why = Stop::Why::Ended, .end = end_});
  if (goal.kind == Goal::Kind::Reach && position_ >= goal.target) return finish({.why = Stop::Why::Reached});
  arm_time_pause();
  for (;;) {
    const StopReason reason = machine_->run();
    if (reason != StopReason::Paused) {
      end_ = reason;
      // The end lies past the last point: after its own events, or one step on.
      position_ = events_ != position_.events ? Position{events_, 0, 0} : Position{events_, position_.steps + 1, 0};
      Stop stop{.why = Stop::Why::Ended, .end = end_};
      if (!pending_.empty()) stop.thread = pending_.back().Thread;
      pending_.clear();
      return finish(std::move(stop));
    }
    if (crash_pending_) {
      crash_pending_ = false;
      machine_->crash_now();
      continue;
    }
    if (stop_) return finish(std::move(*stop_));
    // A time pause: between points, with the clock brought forward.
    position_.clock = machine_->model().InterruptTime();
    if (timeline_.crash && *timeline_.crash == position_) {
      machine_->crash_now();
      continue;
    }
    return finish({.why = goal.kind == Goal::Kind::Reach ? Stop::Why::Reached : Stop::Why::Time});
  }
}

Stop Execution::crash(std::vector<std::string>& log) {
  goal_ = {};
  machine_->crash_now();
  return run({}, log);
}

}  // namespace ksim::debug
