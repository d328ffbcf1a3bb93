#include "sleep_set.h"

#include <algorithm>
#include <array>

namespace ksim::explore {

namespace {

// Footprint keys besides the simulated addresses of threads and objects (all far above these).
constexpr std::uint64_t Timers = 1;  // the timer table
std::uint64_t processor_key(km::ULONG cpu) { return 0x100 + cpu; }

// The calls whose every effect reaches the dispatcher's trace (the objects they wait on, set or
// release are named there). Any other call makes its step touch everything.
constexpr std::array<std::string_view, 6> TracedCalls = {"KeWaitForSingleObject", "KeDelayExecutionThread",
                                                         "KeReleaseMutex",        "KeSetEvent",
                                                         "KePulseEvent",          "KeReleaseSemaphore"};

bool intersect(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
    if (*i == *j) return true;
    *i < *j ? ++i : ++j;
  }
  return false;
}

}  // namespace

SleepSetTap::SleepSetTap(std::vector<SleepingStep> sleep, std::size_t activation, km::ULONG processors)
    : processors_(processors), sleep_(std::move(sleep)), activation_(activation), active_(activation == FromStart) {}

void SleepSetTap::on_decision(std::size_t index, km::ChoiceKind kind, km::ULONG options) {
  if (index == activation_) active_ = true;
  const bool next_runnable = kind == km::ChoiceKind::NextRunnable;
  decisions_.push_back({step_, next_runnable, options, active_ ? sleep_ : std::vector<SleepingStep>{}});
  switch (kind) {
    case km::ChoiceKind::NextRunnable: break;  // taken before the step it starts
    case km::ChoiceKind::Preemption: break;    // reads the step's own processor
    case km::ChoiceKind::IdleProcessor: touch_processors(); break;
    case km::ChoiceKind::TimerOrder:
    case km::ChoiceKind::IoCompletion:
    case km::ChoiceKind::ThreadStart: opaque_ = true; break;  // timing: no independence (dfs.h)
  }
}

void SleepSetTap::record(const km::TraceEvent& event) {
  if (event.Thread) touch(event.Thread);
  if (event.Object) touch(event.Object);
  switch (event.Kind) {
    case km::TraceKind::Readied:  // placed where the processors' states allowed: it read them all
      touch_processors();
      readied_ = true;
      break;
    case km::TraceKind::SwitchedIn:
    case km::TraceKind::DpcQueued:
    case km::TraceKind::DpcRetired: touch(processor_key(event.Processor)); break;
    case km::TraceKind::WaitBlocked:
    case km::TraceKind::Unwaited:  // arms or cancels the wait's timeout
      if (const km::KTHREAD* t = machine_->model().thread_at(event.Thread); !t || t->PendingWait.HasTimeout) touch(Timers);
      break;
    case km::TraceKind::TimerExpired: touch(Timers); break;
    case km::TraceKind::ThreadTerminated:  // an exit is a step's last act, and passes no before_call
      if (!has_actor_) {
        has_actor_ = true;
        actor_cpu_ = event.Processor;
        actor_thread_ = event.Thread;
      }
      called_at(machine_->now());
      break;
    case km::TraceKind::Bugcheck: opaque_ = true; break;
    default: break;
  }
}

bool SleepSetTap::before_call(const Machine& machine, std::string_view routine) {
  if (!has_actor_) {
    has_actor_ = true;
    actor_cpu_ = machine.cpu();
    actor_thread_ = machine_->current_kthread().Header.Self;
  }
  called_at(machine.now());
  if (std::find(TracedCalls.begin(), TracedCalls.end(), routine) == TracedCalls.end()) opaque_ = true;
  return false;
}

bool SleepSetTap::after_step(const Machine&) {
  if (has_actor_) {
    touch(actor_thread_);
    touch(processor_key(actor_cpu_));
  }
  std::sort(touched_.begin(), touched_.end());
  touched_.erase(std::unique(touched_.begin(), touched_.end()), touched_.end());
  // A step of one thread whose effects were all seen, its calls all at one time.
  const bool described = has_actor_ && !opaque_ && time_;
  if (active_) {
    for (const SleepingStep& s : sleep_) {
      if (has_actor_ && s.cpu == actor_cpu_ && s.thread == actor_thread_) {
        blocked_step_ = step_;
        return true;  // abandon the run: a sleeping step was taken again
      }
    }
    std::erase_if(sleep_, [&](const SleepingStep& s) { return !described || !independent(s); });
    const auto inner = std::count_if(decisions_.begin(), decisions_.end(),
                                     [&](const DecisionAt& d) { return d.step == step_ && !d.next_runnable; });
    for (DecisionAt& d : decisions_) {
      if (!d.next_runnable) continue;
      // The step a NextRunnable decision chose by default: its other options start with it asleep.
      if (d.step == step_ && described) {
        d.sleep.push_back({actor_cpu_, actor_thread_, *time_, touched_});
        d.first_decided = inner > 0;
      }
      // Of two processors tied, the other one ran next, independently and readying nobody: run
      // first, it would have been followed by the first one's step, asleep — the same schedule.
      // (Only when the first step decided nothing, so that the swap moves no decision later.)
      if (d.step + 1 == step_ && d.options == 2 && described && !readied_ && !d.sleep.empty() && !d.first_decided) {
        const SleepingStep& first = d.sleep.back();
        d.alternative_redundant = first.cpu != actor_cpu_ && independent(first);
      }
    }
  }
  touched_.clear();
  opaque_ = false;
  readied_ = false;
  has_actor_ = false;
  time_.reset();
  ++step_;
  return false;
}

bool SleepSetTap::branchable(std::size_t index) const {
  const DecisionAt& d = decisions_[index];
  if (d.alternative_redundant) return false;
  return d.step < blocked_step_ || (d.step == blocked_step_ && d.next_runnable);
}

// A step's calls at two times see the clock move between them: not described (opaque).
void SleepSetTap::called_at(std::uint64_t time) {
  if (time_ && *time_ != time) opaque_ = true;
  time_ = time;
}

// Whether the current step (described) and a sleeping one commute.
bool SleepSetTap::independent(const SleepingStep& s) const {
  return s.time == *time_ && !intersect(s.footprint, touched_);
}

void SleepSetTap::touch_processors() {
  for (km::ULONG cpu = 0; cpu < processors_; ++cpu) touch(processor_key(cpu));
}

std::vector<SleepingStep> SleepSetTap::sleep_for(std::size_t index) const { return decisions_[index].sleep; }

}  // namespace ksim::explore
