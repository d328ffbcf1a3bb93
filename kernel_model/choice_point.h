// Every scheduling decision that could go more than one way is asked of one ChoicePoint, so that
// the engine can replay, step and explore schedules. Options are always offered in the documented
// default order: answering 0 everywhere is ksim's default, deterministic machine.
#pragma once

#include "nt_enums.h"

namespace km {

enum class ChoiceKind : UCHAR {
  IdleProcessor,     // which idle processor takes a readied thread (preferred first)
  NextRunnable,      // which processor whose clock is earliest runs next (lowest number first)
  TimerOrder,        // which of the timers expiring in one tick expires next (due time order)
  Preemption,        // whether the running thread's quantum ends at a kernel-call boundary, when a
                     // ready thread of at least its priority waits on its processor (0 = no)
  IoCompletion,      // how long a disk round trip takes, from the cost model's spread (0 = nominal)
  ThreadStart,       // how long a new thread takes to reach its start routine (0 = nominal)
};

class ChoicePoint {
 public:
  virtual ~ChoicePoint() = default;
  // Returns an index in [0, options). Never called with fewer than two options.
  virtual ULONG pick(ChoiceKind kind, ULONG options) = 0;
};

class DefaultChoices final : public ChoicePoint {
 public:
  ULONG pick(ChoiceKind, ULONG) override { return 0; }
};

}  // namespace km
