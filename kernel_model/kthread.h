// _KTHREAD (0x480 on 22621): the fields the dispatcher reads and writes, under their PDB names,
// with the offsets a dump shows (nt-dispatcher.md §1.3). Fields after the "model bookkeeping"
// markers are not NT's: they record what the engine needs to resume a wait.
#pragma once

#include <algorithm>
#include <array>
#include <span>
#include <vector>

#include "dispatcher_header.h"
#include "kwait_block.h"
#include "ktimer.h"
#include "nt_status.h"

namespace km {

struct KPROCESS;

inline constexpr ULONG THREAD_WAIT_OBJECTS = 3;
inline constexpr ULONG TIMER_WAIT_BLOCK = 3;
inline constexpr ULONG MAXIMUM_WAIT_OBJECTS = 64;
inline constexpr KPRIORITY LOW_REALTIME_PRIORITY = 16;
inline constexpr int CLOCK_QUANTUM_DECREMENT = 3;  // quantum units charged per clock tick

// A wait the thread is in, kept so that it can be re-evaluated when woken for re-examination
// and so that its timeout is absolute (a restarted wait does not extend it).
struct WaitRequest {
  WAIT_TYPE WaitType = WAIT_TYPE::WaitAny;
  bool HasTimeout = false;
  bool IsDelay = false;
  ULONG64 DueTime = 0;  // interrupt time
  // The objects waited on, in index order, held in place: a wait allocates nothing. The count and
  // the first slots share a cache line with the fields above; the rest are read only by waits on
  // more objects.
  struct ObjectList {
    std::size_t Count = 0;
    std::array<DISPATCHER_HEADER*, MAXIMUM_WAIT_OBJECTS> Slots;  // [0, Count) hold objects
    DISPATCHER_HEADER** begin() { return Slots.data(); }
    DISPATCHER_HEADER** end() { return Slots.data() + Count; }
    DISPATCHER_HEADER* const* begin() const { return Slots.data(); }
    DISPATCHER_HEADER* const* end() const { return Slots.data() + Count; }
    std::size_t size() const { return Count; }
    bool empty() const { return Count == 0; }
    DISPATCHER_HEADER* operator[](std::size_t k) const { return Slots[k]; }
    void clear() { Count = 0; }
    void push_back(DISPATCHER_HEADER* object) { Slots[Count++] = object; }  // callers check the count
    void assign(std::span<DISPATCHER_HEADER* const> objects) {
      std::copy(objects.begin(), objects.end(), Slots.begin());
      Count = objects.size();
    }
  } Objects;
};

// Host field order is free (a dump shows the 22621 offsets below, not these), so it follows use:
// a wait, a wake-up and a switch touch the first three cache lines and the one that holds the
// pending wait's head; timeouts, times and multi-object waits are further out. With thousands of
// threads each one woken is cold, and every line it spans is a miss.
struct alignas(64) KTHREAD {
  // line 0
  DISPATCHER_HEADER Header;  // Type 6; signalled when the thread terminates
  KPRIORITY Priority = 0;
  KPRIORITY BasePriority = 0;
  ULONG NextProcessor = 0;
  ULONG IdealProcessor = 0;
  KTHREAD_STATE State = KTHREAD_STATE::Initialized;
  bool Alertable = false;
  bool WaitNext = false;
  std::array<bool, 2> Alerted{};
  KIRQL WaitIrql = 0;
  KPROCESSOR_MODE WaitMode = KPROCESSOR_MODE::KernelMode;
  KWAIT_REASON WaitReason = KWAIT_REASON::Executive;
  // line 1
  LIST_ENTRY WaitListEntry;  // the ready-queue link while Ready
  LIST_ENTRY MutantListHead;
  KWAIT_BLOCK* WaitBlockList = nullptr;
  UCHAR PriorityDecrement = 0;
  bool Preempted = false;
  ADJUST_REASON AdjustReason = ADJUST_REASON::AdjustNone;
  signed char AdjustIncrement = 0;
  UCHAR WaitBlockCount = 0;
  signed char Quantum = 0;
  UCHAR QuantumReset = 0;
  bool DisableBoost = false;
  // line 2: then WaitBlock[0]
  LONG64 WaitStatus = 0;
  ULONG WaitTime = 0;
  SHORT KernelApcDisable = 0;
  SHORT SpecialApcDisable = 0;
  std::array<KWAIT_BLOCK, 4> WaitBlock{};
  ULONG ContextSwitches = 0;

  // --- model bookkeeping ---
  ULONG CreationIndex = 0;        // position among all threads, in creation order
  KIRQL Irql = PASSIVE_LEVEL;     // the IRQL its processor runs at while it runs
  bool SystemThread = true;
  bool IsIdleThread = false;
  WaitRequest PendingWait;        // its head shares a line with the fields above

  // --- NT's, rarely touched ---
  KTIMER Timer;                   // a wait's timeout
  KPROCESS* Process = nullptr;
  ULONG KernelTime = 0;
  ULONG UserTime = 0;

  // --- model bookkeeping, rarely touched ---
  ULONG64 UniqueThread = 0;
  Address StartAddress = 0;
  LONG64 CreateTime = 0;
  std::vector<KWAIT_BLOCK> WaitBlockArray;  // caller-supplied blocks beyond THREAD_WAIT_OBJECTS
  Address WaitBlockArrayAddress = 0;

  ULONG CombinedApcDisable() const {
    return static_cast<USHORT>(KernelApcDisable) |
           (static_cast<ULONG>(static_cast<USHORT>(SpecialApcDisable)) << 16);
  }

  static constexpr ULONG WaitListEntryOffset = 0xd8;
  static constexpr ULONG TimerOffset = 0x100;
  static constexpr ULONG WaitBlockOffset = 0x140;
  static constexpr ULONG MutantListHeadOffset = 0x308;
  static constexpr ULONG Size = 0x480;
};

}  // namespace km
