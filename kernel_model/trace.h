// What the dispatcher did, one event at a time, for whoever wants to watch: the debugger's
// narration and stepping, exploration's properties and trace hashes. A TraceSink only receives
// values; the dispatcher never prints or stores them itself.
#pragma once

#include <string_view>

#include "nt_enums.h"

namespace km {

enum class TraceKind : UCHAR {
  WaitSatisfied,    // a wait was satisfied at once: Object (the first satisfied), Value = status
  WaitBlocked,      // Thread blocked: Object = its first object (0 for a delay), Value = WaitReason
  Unwaited,         // Thread's wait ended: Value = its wait status
  MutantAcquired,   // Thread became Object's owner
  MutantReleased,   // Thread released Object: Value = the previous SignalState
  MutantAbandoned,  // Object was abandoned by exiting Thread
  ObjectSignalled,  // an event set/pulsed or a semaphore released: Value = the previous state
  TimerExpired,     // Object (a timer, or a thread's timeout timer) expired
  Readied,          // Thread was made Standby or Ready on Processor
  SwitchedIn,       // Thread began running on Processor
  ThreadTerminated,
  Bugcheck,         // Value = the code
  DpcQueued,        // Object (a KDPC) was queued on Processor
  DpcRetired,       // Object (a KDPC) was taken off Processor's queue to run, interrupting Thread
};

struct TraceEvent {
  TraceKind Kind;
  ULONG64 Time = 0;  // interrupt time
  ULONG Processor = 0;
  Address Thread = 0;
  Address Object = 0;
  LONG64 Value = 0;
};

class TraceSink {
 public:
  virtual ~TraceSink() = default;
  virtual void record(const TraceEvent& event) = 0;
};

std::string_view to_string(TraceKind kind);

}  // namespace km
