// KeReleaseSemaphore (nt-dispatcher.md §2.6): returns the previous count; a release past Limit
// raises STATUS_SEMAPHORE_LIMIT_EXCEEDED and changes nothing.
#include "dispatcher.h"

namespace km {

CallResult Dispatcher::KeReleaseSemaphore(ULONG cpu, KSEMAPHORE& semaphore, KPRIORITY increment,
                                          LONG adjustment, bool wait) {
  if (bugcheck_) return {Outcome::Bugcheck, 0};
  const LONG previous = semaphore.Header.SignalState;
  // Raise when the new count would pass Limit or the sum overflows (nt-dispatcher.md §2.6); a
  // negative adjustment counts as an overflow (WRK's test is new < old). A zero adjustment is
  // neither: it returns the count and changes nothing.
  const LONG64 count = static_cast<LONG64>(previous) + adjustment;
  if (adjustment < 0 || count > semaphore.Limit) {
    return {Outcome::Raised, STATUS_SEMAPHORE_LIMIT_EXCEEDED};
  }
  semaphore.Header.SignalState = static_cast<LONG>(count);
  trace(TraceKind::ObjectSignalled, current(cpu).Header.Self, semaphore.Header.Self, previous, cpu);
  if (previous == 0) KiWaitTest(semaphore.Header, increment);
  current(cpu).WaitNext = wait;
  return {Outcome::Continue, previous};
}

}  // namespace km
