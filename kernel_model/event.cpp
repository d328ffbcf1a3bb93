// Events (nt-dispatcher.md §2.6): set/reset/pulse return the previous state.
#include "dispatcher.h"

namespace km {

CallResult Dispatcher::KeSetEvent(ULONG cpu, KEVENT& event, KPRIORITY increment, bool wait) {
  if (bugcheck_) return {Outcome::Bugcheck, 0};
  const LONG previous = KeSetEvent(event, increment);
  current(cpu).WaitNext = wait;
  return {Outcome::Continue, previous};
}

LONG Dispatcher::KeSetEvent(KEVENT& event, KPRIORITY increment) {
  const LONG previous = event.Header.SignalState;
  trace(TraceKind::ObjectSignalled, 0, event.Header.Self, previous);
  event.Header.SignalState = 1;
  if (previous == 0) KiWaitTest(event.Header, increment);
  return previous;
}

LONG Dispatcher::KeResetEvent(KEVENT& event) {
  const LONG previous = event.Header.SignalState;
  event.Header.SignalState = 0;
  return previous;
}

CallResult Dispatcher::KePulseEvent(ULONG cpu, KEVENT& event, KPRIORITY increment, bool wait) {
  if (bugcheck_) return {Outcome::Bugcheck, 0};
  const LONG previous = event.Header.SignalState;
  trace(TraceKind::ObjectSignalled, current(cpu).Header.Self, event.Header.Self, previous, cpu);
  if (previous == 0 && !IsListEmpty(event.Header.WaitListHead)) {
    event.Header.SignalState = 1;
    KiWaitTest(event.Header, increment);
  }
  event.Header.SignalState = 0;
  current(cpu).WaitNext = wait;
  return {Outcome::Continue, previous};
}

}  // namespace km
