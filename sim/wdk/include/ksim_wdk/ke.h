/* ksim WDK shim: the dispatcher. IRQLs, priorities, wait enums, the dispatcher objects with
 * their x64 (build 22621) layouts, and the Ke DDIs, which the ksim engine implements. */
#ifndef KSIM_WDK_KE_H
#define KSIM_WDK_KE_H

#include "ntstatus.h"

KSIM_WDK_BEGIN_DECLS

#define PASSIVE_LEVEL 0
#define LOW_LEVEL 0
#define APC_LEVEL 1
#define DISPATCH_LEVEL 2
#define CMCI_LEVEL 5
#define CLOCK_LEVEL 13
#define IPI_LEVEL 14
#define DRS_LEVEL 14
#define POWER_LEVEL 14
#define PROFILE_LEVEL 15
#define HIGH_LEVEL 15

#define LOW_PRIORITY 0
#define LOW_REALTIME_PRIORITY 16
#define HIGH_PRIORITY 31
#define MAXIMUM_PRIORITY 32

/* Priority increments passed to KeSetEvent, KeReleaseSemaphore, IoCompleteRequest... */
#define IO_NO_INCREMENT 0
#define EVENT_INCREMENT 1
#define MUTANT_INCREMENT 1
#define SEMAPHORE_INCREMENT 1
#define IO_CD_ROM_INCREMENT 1
#define IO_DISK_INCREMENT 1
#define IO_PARALLEL_INCREMENT 1
#define IO_VIDEO_INCREMENT 1
#define IO_MAILSLOT_INCREMENT 2
#define IO_NAMED_PIPE_INCREMENT 2
#define IO_NETWORK_INCREMENT 2
#define IO_SERIAL_INCREMENT 2
#define IO_KEYBOARD_INCREMENT 6
#define IO_MOUSE_INCREMENT 6
#define IO_SOUND_INCREMENT 8

#define MAXIMUM_WAIT_OBJECTS 64
#define THREAD_WAIT_OBJECTS 3

#define PAGED_CODE() ((void)0)
#define PAGED_CODE_LOCKED() ((void)0)

typedef enum _MODE { KernelMode, UserMode, MaximumMode } MODE;

typedef enum _EVENT_TYPE { NotificationEvent, SynchronizationEvent } EVENT_TYPE;

typedef enum _TIMER_TYPE { NotificationTimer, SynchronizationTimer } TIMER_TYPE;

typedef enum _WAIT_TYPE { WaitAll, WaitAny, WaitNotification, WaitDequeue, WaitDpc } WAIT_TYPE;

typedef enum _KWAIT_REASON {
  Executive,
  FreePage,
  PageIn,
  PoolAllocation,
  DelayExecution,
  Suspended,
  UserRequest,
  WrExecutive,
  WrFreePage,
  WrPageIn,
  WrPoolAllocation,
  WrDelayExecution,
  WrSuspended,
  WrUserRequest,
  WrEventPair,
  WrQueue,
  WrLpcReceive,
  WrLpcReply,
  WrVirtualMemory,
  WrPageOut,
  WrRendezvous,
  WrKeyedEvent,
  WrTerminated,
  WrProcessInSwap,
  WrCpuRateControl,
  WrCalloutStack,
  WrKernel,
  WrResource,
  WrPushLock,
  WrMutex,
  WrQuantumEnd,
  WrDispatchInt,
  WrPreempted,
  WrYieldExecution,
  WrFastMutex,
  WrGuardedMutex,
  WrRundown,
  WrAlertByThreadId,
  WrDeferredPreempt,
  WrPhysicalFault,
  WrIoRing,
  WrMdlCache,
  MaximumWaitReason,
  WrSpare0 = WrEventPair /* the 22621 PDB's name for 14 */
} KWAIT_REASON;

KSIM_WDK_ASSERT(WrMutex == 29 && WrFastMutex == 34 && WrMdlCache == 41, "KWAIT_REASON numbering");

/* Kernel objects are opaque to drivers; only pointers to them are handed out. */
typedef struct _KTHREAD *PKTHREAD, *PRKTHREAD;
typedef struct _KPROCESS *PKPROCESS, *PRKPROCESS;
typedef struct _ETHREAD *PETHREAD;
typedef struct _EPROCESS *PEPROCESS;
typedef struct _KQUEUE *PKQUEUE, *PRKQUEUE;

typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;

typedef struct _PROCESSOR_NUMBER {
  USHORT Group;
  UCHAR Number;
  UCHAR Reserved;
} PROCESSOR_NUMBER, *PPROCESSOR_NUMBER;

/* Every waitable object starts with this header.
 * Type: a _KOBJECTS value (0 EventNotification, 1 EventSynchronization, 2 Mutant,
 * 5 Semaphore, 8/9 Timer...). Size: the object's size in DWORDs. SignalState: event 0/1,
 * semaphore count, mutant 1 free / 0 owned / -n owned n+1 times. */
typedef struct _DISPATCHER_HEADER {
  __extension__ union {
    __extension__ struct {
      UCHAR Type;
      UCHAR Signalling;
      UCHAR Size;
      UCHAR Reserved1;
    };
    volatile LONG Lock;
  };
  LONG SignalState;
  LIST_ENTRY WaitListHead;
} DISPATCHER_HEADER, *PDISPATCHER_HEADER;

typedef struct _KEVENT {
  DISPATCHER_HEADER Header;
} KEVENT, *PKEVENT, *PRKEVENT;

typedef struct _KSEMAPHORE {
  DISPATCHER_HEADER Header;
  LONG Limit;
} KSEMAPHORE, *PKSEMAPHORE, *PRKSEMAPHORE;

/* KMUTEX is a mutant whose ApcDisable is 1: owning it disables normal kernel APCs. */
typedef struct _KMUTANT {
  DISPATCHER_HEADER Header;
  LIST_ENTRY MutantListEntry; /* in the owner's KTHREAD.MutantListHead */
  PKTHREAD OwnerThread;
  __extension__ union {
    UCHAR MutantFlags;
    __extension__ struct {
      UCHAR Abandoned : 1;
      UCHAR Spare1 : 7;
    };
    __extension__ struct {
      UCHAR Abandoned2 : 1;
      UCHAR AbEnabled : 1;
      UCHAR Spare2 : 6;
    };
  };
  UCHAR ApcDisable;
} KMUTANT, *PKMUTANT, *PRKMUTANT, KMUTEX, *PKMUTEX, *PRKMUTEX;

typedef enum _KDPC_IMPORTANCE { LowImportance, MediumImportance, HighImportance, MediumHighImportance } KDPC_IMPORTANCE;

struct _KDPC;
typedef VOID KDEFERRED_ROUTINE(struct _KDPC *Dpc, PVOID DeferredContext, PVOID SystemArgument1, PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;

typedef struct _KDPC {
  UCHAR Type;
  UCHAR Importance;
  volatile USHORT Number;
  SINGLE_LIST_ENTRY DpcListEntry;
  KAFFINITY ProcessorHistory;
  PKDEFERRED_ROUTINE DeferredRoutine;
  PVOID DeferredContext;
  PVOID SystemArgument1;
  PVOID SystemArgument2;
  volatile PVOID DpcData;
} KDPC, *PKDPC, *PRKDPC;

typedef struct _KTIMER {
  DISPATCHER_HEADER Header;
  ULARGE_INTEGER DueTime; /* interrupt time, 100 ns units */
  LIST_ENTRY TimerListEntry;
  PKDPC Dpc;
  USHORT Processor;
  USHORT TimerType;
  ULONG Period; /* milliseconds */
} KTIMER, *PKTIMER, *PRKTIMER;

typedef struct _KWAIT_BLOCK {
  LIST_ENTRY WaitListEntry; /* in the object's WaitListHead */
  UCHAR WaitType;
  volatile UCHAR BlockState;
  USHORT WaitKey; /* index in the waited-on object array */
  LONG SpareLong;
  __extension__ union {
    PKTHREAD Thread;
    PKQUEUE NotificationQueue;
    PKDPC Dpc;
  };
  PVOID Object;
  PVOID SparePtr;
} KWAIT_BLOCK, *PKWAIT_BLOCK, *PRKWAIT_BLOCK;

KSIM_WDK_SIZE(DISPATCHER_HEADER, 0x18);
KSIM_WDK_OFFSET(DISPATCHER_HEADER, Size, 0x2);
KSIM_WDK_OFFSET(DISPATCHER_HEADER, SignalState, 0x4);
KSIM_WDK_OFFSET(DISPATCHER_HEADER, WaitListHead, 0x8);
KSIM_WDK_SIZE(KEVENT, 0x18);
KSIM_WDK_SIZE(KSEMAPHORE, 0x20);
KSIM_WDK_OFFSET(KSEMAPHORE, Limit, 0x18);
KSIM_WDK_SIZE(KMUTANT, 0x38);
KSIM_WDK_OFFSET(KMUTANT, MutantListEntry, 0x18);
KSIM_WDK_OFFSET(KMUTANT, OwnerThread, 0x28);
KSIM_WDK_OFFSET(KMUTANT, MutantFlags, 0x30);
KSIM_WDK_OFFSET(KMUTANT, ApcDisable, 0x31);
KSIM_WDK_SIZE(KDPC, 0x40);
KSIM_WDK_OFFSET(KDPC, DeferredRoutine, 0x18);
KSIM_WDK_SIZE(KTIMER, 0x40);
KSIM_WDK_OFFSET(KTIMER, DueTime, 0x18);
KSIM_WDK_OFFSET(KTIMER, Dpc, 0x30);
KSIM_WDK_OFFSET(KTIMER, Period, 0x3c);
KSIM_WDK_SIZE(KWAIT_BLOCK, 0x30);
KSIM_WDK_OFFSET(KWAIT_BLOCK, WaitType, 0x10);
KSIM_WDK_OFFSET(KWAIT_BLOCK, WaitKey, 0x12);
KSIM_WDK_OFFSET(KWAIT_BLOCK, SpareLong, 0x14);
KSIM_WDK_OFFSET(KWAIT_BLOCK, Thread, 0x18);
KSIM_WDK_OFFSET(KWAIT_BLOCK, Object, 0x20);
KSIM_WDK_SIZE(PROCESSOR_NUMBER, 4);

typedef VOID KSTART_ROUTINE(PVOID StartContext);
typedef KSTART_ROUTINE *PKSTART_ROUTINE;

/* Waits. Timeouts are 100 ns units: negative = relative, positive = absolute system time. */
NTKERNELAPI NTSTATUS KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
                                           BOOLEAN Alertable, PLARGE_INTEGER Timeout);
NTKERNELAPI NTSTATUS KeWaitForMultipleObjects(ULONG Count, PVOID Object[], WAIT_TYPE WaitType, KWAIT_REASON WaitReason,
                                              KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Timeout,
                                              PKWAIT_BLOCK WaitBlockArray);
#define KeWaitForMutexObject KeWaitForSingleObject
NTKERNELAPI NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval);

/* Mutexes. */
NTKERNELAPI VOID KeInitializeMutex(PRKMUTEX Mutex, ULONG Level);
NTKERNELAPI LONG KeReadStateMutex(PRKMUTEX Mutex);
NTKERNELAPI LONG KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait);

/* Events. */
NTKERNELAPI VOID KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State);
NTKERNELAPI LONG KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
NTKERNELAPI LONG KeResetEvent(PRKEVENT Event);
NTKERNELAPI VOID KeClearEvent(PRKEVENT Event);
NTKERNELAPI LONG KePulseEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
NTKERNELAPI LONG KeReadStateEvent(PRKEVENT Event);

/* Semaphores. */
NTKERNELAPI VOID KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count, LONG Limit);
NTKERNELAPI LONG KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment, LONG Adjustment, BOOLEAN Wait);
NTKERNELAPI LONG KeReadStateSemaphore(PRKSEMAPHORE Semaphore);

/* Timers and DPCs. */
NTKERNELAPI VOID KeInitializeTimer(PKTIMER Timer);
NTKERNELAPI VOID KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type);
NTKERNELAPI BOOLEAN KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc);
NTKERNELAPI BOOLEAN KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc);
NTKERNELAPI BOOLEAN KeCancelTimer(PKTIMER Timer);
NTKERNELAPI BOOLEAN KeReadStateTimer(PKTIMER Timer);
NTKERNELAPI VOID KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext);
NTKERNELAPI BOOLEAN KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2);
NTKERNELAPI BOOLEAN KeRemoveQueueDpc(PRKDPC Dpc);
NTKERNELAPI VOID KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance);

/* IRQL. KeRaiseIrql and KeAcquireSpinLock are macros in the WDK too: they store the
 * previous IRQL that KfRaiseIrql / KeAcquireSpinLockRaiseToDpc return. */
NTHALAPI KIRQL KeGetCurrentIrql(VOID);
NTHALAPI KIRQL KfRaiseIrql(KIRQL NewIrql);
NTHALAPI VOID KeLowerIrql(KIRQL NewIrql);
NTHALAPI KIRQL KeRaiseIrqlToDpcLevel(VOID);
#define KeRaiseIrql(NewIrql, OldIrql) (*(OldIrql) = KfRaiseIrql(NewIrql))

/* Spin locks. */
NTKERNELAPI VOID KeInitializeSpinLock(PKSPIN_LOCK SpinLock);
NTKERNELAPI KIRQL KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql);
NTKERNELAPI VOID KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock);
#define KeAcquireSpinLock(SpinLock, OldIrql) (*(OldIrql) = KeAcquireSpinLockRaiseToDpc(SpinLock))

/* Critical regions (normal kernel APC disable). */
NTKERNELAPI VOID KeEnterCriticalRegion(VOID);
NTKERNELAPI VOID KeLeaveCriticalRegion(VOID);
NTKERNELAPI BOOLEAN KeAreApcsDisabled(VOID);

/* Time: 100 ns units; tick counts in clock ticks (KeQueryTimeIncrement per tick). The plain
   queries return the time of the last clock tick, the Precise ones the time now. */
NTKERNELAPI ULONGLONG KeQueryInterruptTime(VOID);
NTKERNELAPI ULONGLONG KeQueryInterruptTimePrecise(PULONGLONG QpcTimeStamp);
NTKERNELAPI VOID KeQuerySystemTime(PLARGE_INTEGER CurrentTime);
NTKERNELAPI VOID KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime);
NTKERNELAPI VOID KeQueryTickCount(PLARGE_INTEGER CurrentCount);
NTKERNELAPI ULONG KeQueryTimeIncrement(VOID);

/* Threads and processors. */
NTKERNELAPI PKTHREAD KeGetCurrentThread(VOID);
NTKERNELAPI KPRIORITY KeQueryPriorityThread(PKTHREAD Thread);
NTKERNELAPI KPRIORITY KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority);
NTKERNELAPI ULONG KeGetCurrentProcessorNumber(VOID);
NTKERNELAPI ULONG KeGetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber);
/* A spin-wait hint; the engine may treat it as a scheduling point. */
NTKERNELAPI VOID KeYieldProcessor(VOID);
#define YieldProcessor() KeYieldProcessor()

KSIM_WDK_END_DECLS

#endif /* KSIM_WDK_KE_H */
