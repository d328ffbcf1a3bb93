// KeReleaseMutant / KeReleaseMutex (nt-dispatcher.md §2.5): ownership passes to the first waiter
// inside the release, before that waiter runs.
#include "dispatcher.h"

namespace km {

CallResult Dispatcher::KeReleaseMutant(ULONG cpu, KMUTANT& mutant, KPRIORITY increment, bool abandon,
                                       bool wait) {
  if (bugcheck_) return {Outcome::Bugcheck, 0};
  KTHREAD& thread = current(cpu);
  const LONG previous = mutant.Header.SignalState;
  KTHREAD* const owner = mutant.OwnerThread;
  if (abandon) {
    mutant.Header.SignalState = 1;
    mutant.Abandoned = 1;
  } else {
    if (owner != &thread) {
      return {Outcome::Raised, mutant.Abandoned ? STATUS_ABANDONED : STATUS_MUTANT_NOT_OWNED};
    }
    mutant.Header.SignalState += 1;
  }
  trace(abandon ? TraceKind::MutantAbandoned : TraceKind::MutantReleased, thread.Header.Self, mutant.Header.Self,
        previous, cpu);
  if (mutant.Header.SignalState == 1) {
    const bool was_owned = previous <= 0;
    if (was_owned && owner) {
      RemoveEntryList(mutant.MutantListEntry);
      // Owning a KMUTEX held off normal kernel APCs; the last release lets them in again.
      owner->KernelApcDisable = static_cast<SHORT>(owner->KernelApcDisable + mutant.ApcDisable);
    }
    mutant.OwnerThread = nullptr;
    KiWaitTest(mutant.Header, increment);
  }
  thread.WaitNext = wait;
  return {Outcome::Continue, previous};
}

}  // namespace km
