// NT's enumerations as the 22621 PDB defines them (reference: nt-dispatcher.md §1.4), with the
// names WinDbg prints for them.
#pragma once

#include <cstdint>
#include <string_view>

namespace km {

using UCHAR = std::uint8_t;
using USHORT = std::uint16_t;
using SHORT = std::int16_t;
using LONG = std::int32_t;
using ULONG = std::uint32_t;
using LONG64 = std::int64_t;
using ULONG64 = std::uint64_t;
using KPRIORITY = std::int32_t;
using KIRQL = std::uint8_t;
// A simulated kernel virtual address (canonical ffff... form). Never a host pointer.
using Address = std::uint64_t;

inline constexpr KIRQL PASSIVE_LEVEL = 0;
inline constexpr KIRQL APC_LEVEL = 1;
inline constexpr KIRQL DISPATCH_LEVEL = 2;
inline constexpr KIRQL HIGH_LEVEL = 15;

enum KOBJECTS : UCHAR {
  EventNotificationObject = 0,
  EventSynchronizationObject = 1,
  MutantObject = 2,
  ProcessObject = 3,
  QueueObject = 4,
  SemaphoreObject = 5,
  ThreadObject = 6,
  GateObject = 7,
  TimerNotificationObject = 8,
  TimerSynchronizationObject = 9,
  DpcObject = 19,
};

enum class KDPC_IMPORTANCE : UCHAR { LowImportance = 0, MediumImportance = 1, HighImportance = 2 };

enum class KTHREAD_STATE : UCHAR {
  Initialized = 0,
  Ready = 1,
  Running = 2,
  Standby = 3,
  Terminated = 4,
  Waiting = 5,
  Transition = 6,
  DeferredReady = 7,
  GateWaitObsolete = 8,
  WaitingForProcessInSwap = 9,
};

enum class KWAIT_REASON : UCHAR {
  Executive, FreePage, PageIn, PoolAllocation, DelayExecution, Suspended, UserRequest,
  WrExecutive, WrFreePage, WrPageIn, WrPoolAllocation, WrDelayExecution, WrSuspended,
  WrUserRequest, WrSpare0, WrQueue, WrLpcReceive, WrLpcReply, WrVirtualMemory, WrPageOut,
  WrRendezvous, WrKeyedEvent, WrTerminated, WrProcessInSwap, WrCpuRateControl, WrCalloutStack,
  WrKernel, WrResource, WrPushLock, WrMutex, WrQuantumEnd, WrDispatchInt, WrPreempted,
  WrYieldExecution, WrFastMutex, WrGuardedMutex, WrRundown, WrAlertByThreadId, WrDeferredPreempt,
  WrPhysicalFault, WrIoRing, WrMdlCache,
  MaximumWaitReason
};

enum class WAIT_TYPE : UCHAR { WaitAll = 0, WaitAny = 1, WaitNotification = 2, WaitDequeue = 3, WaitDpc = 4 };

enum class KWAIT_BLOCK_STATE : UCHAR {
  WaitBlockBypassStart = 0,
  WaitBlockBypassComplete = 1,
  WaitBlockSuspendBypassStart = 2,
  WaitBlockSuspendBypassComplete = 3,
  WaitBlockActive = 4,
  WaitBlockInactive = 5,
  WaitBlockSuspended = 6,
  WaitBlockAllStates = 7,
};

enum class KPROCESSOR_MODE : UCHAR { KernelMode = 0, UserMode = 1 };

enum class ADJUST_REASON : UCHAR { AdjustNone = 0, AdjustUnwait = 1, AdjustBoost = 2 };

enum class EVENT_TYPE : UCHAR { NotificationEvent = 0, SynchronizationEvent = 1 };
enum class TIMER_TYPE : UCHAR { NotificationTimer = 0, SynchronizationTimer = 1 };

std::string_view to_string(KWAIT_REASON reason);
std::string_view to_string(KTHREAD_STATE state);
// The name WinDbg's !thread prints for an object type ("NotificationEvent", "Mutant", ...).
std::string_view object_type_name(UCHAR type);

}  // namespace km
