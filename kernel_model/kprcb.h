// _KPRCB: one processor's dispatcher state. DispatcherReadyListHead[p] holds Ready threads of
// priority p, linked through KTHREAD::WaitListEntry; ReadySummary bit p is set iff it is non-empty.
#pragma once

#include <array>

#include "kdpc.h"
#include "list_entry.h"

namespace km {

struct KTHREAD;

struct KPRCB {
  ULONG Number = 0;
  KTHREAD* CurrentThread = nullptr;
  KTHREAD* NextThread = nullptr;  // Standby
  KTHREAD* IdleThread = nullptr;
  ULONG ReadySummary = 0;
  std::array<LIST_ENTRY, 32> DispatcherReadyListHead{};
  // Model bookkeeping: why the running thread leaves when NextThread takes over
  // (WrDispatchInt for preemption, WrQuantumEnd, WrYieldExecution).
  KWAIT_REASON SwitchReason = KWAIT_REASON::WrDispatchInt;
  // DpcData[0] (KDPC_DATA): the queue, its depth and the count of DPCs run.
  KDPC_LIST DpcList;
  ULONG DpcQueueDepth = 0;
  ULONG DpcCount = 0;
  bool DpcRoutineActive = false;
  bool DpcInterruptRequested = false;  // the queue drains before this processor runs a thread again
  ULONG DpcTime = 0;                   // clock ticks that found a DPC running
};

}  // namespace km
