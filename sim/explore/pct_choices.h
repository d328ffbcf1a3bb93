// PCT (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS'10), adapted to ksim's choice point.
//
// PCT gives the threads random distinct priorities, always runs the highest-priority enabled
// thread, and at d-1 change points drawn among the run's k steps drops the running thread below
// every other; a bug of depth d is then found by one run with probability >= 1/(n k^(d-1)).
//
// ksim never picks "the next thread": processors run side by side in virtual time, and which
// thread gets somewhere first is decided by the timing of what each does. So here a priority is a
// speed, and the decisions a thread takes for itself follow it:
//   - ThreadStart, IoCompletion: the options are ranked from fastest to slowest; a thread takes the
//     one its priority falls on (priorities are uniform in [0, 1) over the ranks, since a driver's
//     threads appear one by one and ksim cannot know how many will come). A thread past a change
//     point takes the slowest.
//   - Preemption: the running thread loses its processor to the ready thread waiting there iff
//     that thread's priority is higher (PCT's rule, literally).
//   - Decisions no thread takes for itself (NextRunnable, IdleProcessor, TimerOrder) are random.
// The change points are decision indices drawn uniformly among the first k, k being the default
// schedule's decision count; the thread taking the decision at one drops below all priorities
// (the i-th change point gives priority i, below every initial one, as in PCT).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "engine/random_choices.h"
#include "kernel_model/kthread.h"

namespace ksim::explore {

class PctChoices final : public km::ChoicePoint {
 public:
  PctChoices(std::uint64_t seed, unsigned depth, std::uint64_t length);
  km::ULONG pick(km::ChoiceKind kind, km::ULONG options) override;

 private:
  std::uint64_t priority(const km::KTHREAD& thread);
  km::ULONG by_speed(const km::KTHREAD& thread, const std::vector<km::ULONG>& fastest_first);

  RandomChoices random_;
  std::vector<std::uint64_t> change_points_;  // decision indices, ascending
  std::uint64_t decision_ = 0;
  std::uint64_t changes_ = 0;
  unsigned depth_;
  std::map<const km::KTHREAD*, std::uint64_t> priorities_;
};

}  // namespace ksim::explore
