// Waiting and unwaiting: KeWaitForSingleObject, KeWaitForMultipleObjects, KeDelayExecutionThread,
// and the signal side (KiWaitTest, KiUnwaitThread) every set/release routine ends in.
// Semantics: nt-dispatcher.md §2.2–2.4, §2.7, §2.8.
#include <algorithm>

#include "dispatcher.h"

namespace km {

namespace {

bool is_mutant(const DISPATCHER_HEADER& object) { return object.Type == MutantObject; }

KMUTANT& as_mutant(DISPATCHER_HEADER& object) { return reinterpret_cast<KMUTANT&>(object); }
const KMUTANT& as_mutant(const DISPATCHER_HEADER& object) {
  return reinterpret_cast<const KMUTANT&>(object);
}

// Synchronization events and timers reset when they satisfy a wait (Type & 7 == 1, as NT tests it).
bool resets_on_satisfy(const DISPATCHER_HEADER& object) {
  return (object.Type == EventSynchronizationObject || object.Type == TimerSynchronizationObject);
}

bool at_recursion_limit(const DISPATCHER_HEADER& object, const KTHREAD& thread) {
  return is_mutant(object) && as_mutant(object).OwnerThread == &thread && object.SignalState == MINLONG;
}

}  // namespace

ULONG64 Dispatcher::due_time_from(LONG64 timeout) const {
  if (timeout < 0) return interrupt_time_ + static_cast<ULONG64>(-timeout);
  // Absolute system time; one already past is due now.
  const LONG64 since_boot = timeout - config_.BootSystemTime;
  return since_boot <= 0 ? 0 : static_cast<ULONG64>(since_boot);
}

bool Dispatcher::satisfiable(const DISPATCHER_HEADER& object, const KTHREAD& thread) const {
  if (is_mutant(object)) return object.SignalState > 0 || as_mutant(object).OwnerThread == &thread;
  return object.SignalState > 0;
}

void Dispatcher::satisfy(DISPATCHER_HEADER& object, KTHREAD& thread) {
  if (is_mutant(object)) {
    KMUTANT& mutant = as_mutant(object);
    object.SignalState -= 1;
    if (object.SignalState == 0) {  // first acquisition; recursion only counts down
      mutant.OwnerThread = &thread;
      thread.KernelApcDisable = static_cast<SHORT>(thread.KernelApcDisable - mutant.ApcDisable);
      if (mutant.Abandoned) {
        mutant.Abandoned = 0;
        thread.WaitStatus |= STATUS_ABANDONED;
      }
      mutant.MutantListEntry.Self = object.Self + KMUTANT::MutantListEntryOffset;
      InsertTailList(thread.MutantListHead, mutant.MutantListEntry);
      trace(TraceKind::MutantAcquired, thread.Header.Self, object.Self);
    }
  } else if (resets_on_satisfy(object)) {
    object.SignalState = 0;
  } else if (object.Type == SemaphoreObject) {
    object.SignalState -= 1;
  }
}

bool Dispatcher::wait_all_satisfiable(const KTHREAD& thread) const {
  return std::all_of(thread.PendingWait.Objects.begin(), thread.PendingWait.Objects.end(),
                     [&](const DISPATCHER_HEADER* o) { return satisfiable(*o, thread); });
}

std::optional<CallResult> Dispatcher::try_satisfy_now(KTHREAD& thread, const WaitRequest& request) {
  const auto& objects = request.Objects;
  if (request.WaitType == WAIT_TYPE::WaitAny) {
    for (std::size_t k = 0; k < objects.size(); ++k) {
      if (at_recursion_limit(*objects[k], thread)) return CallResult{Outcome::Raised, STATUS_MUTANT_LIMIT_EXCEEDED};
      if (satisfiable(*objects[k], thread)) {
        satisfy(*objects[k], thread);
        return CallResult{Outcome::Continue, static_cast<NTSTATUS>(thread.WaitStatus | static_cast<LONG64>(k))};
      }
    }
    return std::nullopt;
  }
  // WaitAll: everything at once or nothing. The scan raises at a mutant the caller owns at MINLONG
  // even when another object is unavailable (nt-dispatcher.md §2.2: the check is per object, in
  // index order); blocking instead would let a later wake-up decrement SignalState past MINLONG.
  for (const DISPATCHER_HEADER* object : objects) {
    if (at_recursion_limit(*object, thread)) return CallResult{Outcome::Raised, STATUS_MUTANT_LIMIT_EXCEEDED};
  }
  for (const DISPATCHER_HEADER* object : objects) {
    if (!satisfiable(*object, thread)) return std::nullopt;
  }
  for (DISPATCHER_HEADER* object : objects) satisfy(*object, thread);
  return CallResult{Outcome::Continue, static_cast<NTSTATUS>(thread.WaitStatus)};
}

void Dispatcher::link_wait_blocks(KTHREAD& thread, const WaitRequest& request, Address wait_block_array) {
  const std::size_t count = request.Objects.size();
  KWAIT_BLOCK* blocks = thread.WaitBlock.data();
  // A caller-supplied array is used whenever there is one, even for THREAD_WAIT_OBJECTS or fewer
  // (KeWaitForMultipleObjects: the built-in blocks are the fallback when WaitBlockArray is NULL),
  // so WaitBlockList and the queued blocks show the caller's addresses.
  if (wait_block_array != 0) {
    thread.WaitBlockArray.resize(count);
    thread.WaitBlockArrayAddress = wait_block_array;
    blocks = thread.WaitBlockArray.data();
    for (std::size_t k = 0; k < count; ++k) {
      blocks[k].WaitListEntry.Self = wait_block_array + k * KWAIT_BLOCK::Size;
      blocks[k].Thread = &thread;
    }
  }
  for (std::size_t k = 0; k < count; ++k) {
    KWAIT_BLOCK& block = blocks[k];
    block.Object = request.Objects[k];
    block.WaitKey = static_cast<USHORT>(k);
    block.WaitType = request.WaitType;
    block.BlockState = KWAIT_BLOCK_STATE::WaitBlockActive;
    InsertTailList(block.Object->WaitListHead, block.WaitListEntry);
  }
  thread.WaitBlockList = count > 0 ? blocks : &thread.WaitBlock[TIMER_WAIT_BLOCK];
  thread.WaitBlockCount = static_cast<UCHAR>(count);
  if (request.HasTimeout) {
    KWAIT_BLOCK& block = thread.WaitBlock[TIMER_WAIT_BLOCK];
    block.Object = &thread.Timer.Header;
    block.WaitKey = static_cast<USHORT>(STATUS_TIMEOUT);
    block.WaitType = WAIT_TYPE::WaitAny;
    block.BlockState = KWAIT_BLOCK_STATE::WaitBlockActive;
    thread.Timer.Header.SignalState = 0;
    InsertTailList(thread.Timer.Header.WaitListHead, block.WaitListEntry);
    insert_timer(thread.Timer, request.DueTime);
  }
}

WaitRequest& Dispatcher::new_wait_request(ULONG cpu) {
  WaitRequest& request = current(cpu).PendingWait;
  request.Objects.clear();
  request.WaitType = WAIT_TYPE::WaitAny;
  request.HasTimeout = false;
  request.DueTime = 0;
  request.IsDelay = false;
  return request;
}

CallResult Dispatcher::wait(ULONG cpu, KWAIT_REASON reason, KPROCESSOR_MODE mode, bool alertable,
                            Address wait_block_array) {
  if (bugcheck_) return {Outcome::Bugcheck, 0};
  KTHREAD& thread = current(cpu);
  const WaitRequest& request = thread.PendingWait;
  const bool poll = request.HasTimeout && request.DueTime <= interrupt_time_;
  // Only a zero-timeout poll may be made at DISPATCH_LEVEL (KeWaitForSingleObject's documented
  // rule); a thread that would block there cannot be switched away from. A DPC (always at
  // DISPATCH_LEVEL) gets what a retail kernel does instead: a wait satisfied at once returns,
  // one that would block bugchecks 0xB8 below.
  const bool in_dpc = prcbs_[cpu].DpcRoutineActive;
  if (thread.Irql > DISPATCH_LEVEL || (thread.Irql == DISPATCH_LEVEL && !poll && !in_dpc)) {
    raise_bugcheck(cpu, IRQL_NOT_LESS_OR_EQUAL,
                   {request.Objects.empty() ? 0 : request.Objects[0]->Self, thread.Irql, 0, 0});
    return {Outcome::Bugcheck, 0};
  }
  thread.WaitStatus = 0;
  thread.WaitNext = false;
  if (auto done = try_satisfy_now(thread, request)) {
    if (done->Kind == Outcome::Continue) {
      trace(TraceKind::WaitSatisfied, thread.Header.Self, request.Objects.empty() ? 0 : request.Objects[0]->Self, done->Status, cpu);
    }
    return *done;
  }
  if (alertable && thread.Alerted[static_cast<std::size_t>(mode)]) {
    thread.Alerted[static_cast<std::size_t>(mode)] = false;
    return {Outcome::Continue, STATUS_ALERTED};
  }
  if (poll) return {Outcome::Continue, request.IsDelay ? STATUS_SUCCESS : STATUS_TIMEOUT};
  if (switch_from_dpc(cpu)) return {Outcome::Bugcheck, 0};

  link_wait_blocks(thread, request, wait_block_array);
  thread.State = KTHREAD_STATE::Waiting;
  thread.WaitReason = reason;
  thread.WaitMode = mode;
  thread.Alertable = alertable;
  thread.WaitIrql = thread.Irql;
  thread.WaitTime = static_cast<ULONG>(tick_count_);
  trace(TraceKind::WaitBlocked, thread.Header.Self, request.Objects.empty() ? 0 : request.Objects[0]->Self,
        static_cast<LONG64>(reason), cpu);
  KiSwapThread(cpu);
  return {Outcome::Blocked, 0};
}

CallResult Dispatcher::KeWaitForSingleObject(ULONG cpu, DISPATCHER_HEADER& object, KWAIT_REASON reason,
                                             KPROCESSOR_MODE mode, bool alertable, const LONG64* timeout) {
  WaitRequest& request = new_wait_request(cpu);
  request.Objects.push_back(&object);
  request.HasTimeout = timeout != nullptr;
  request.DueTime = timeout ? due_time_from(*timeout) : 0;
  return wait(cpu, reason, mode, alertable, 0);
}

CallResult Dispatcher::KeWaitForMultipleObjects(ULONG cpu, std::span<DISPATCHER_HEADER* const> objects,
                                                WAIT_TYPE wait_type, KWAIT_REASON reason,
                                                KPROCESSOR_MODE mode, bool alertable,
                                                const LONG64* timeout, Address wait_block_array) {
  if (bugcheck_) return {Outcome::Bugcheck, 0};
  const bool too_many = objects.size() > MAXIMUM_WAIT_OBJECTS ||
                        (objects.size() > THREAD_WAIT_OBJECTS && wait_block_array == 0);
  if (objects.empty() || too_many) {
    raise_bugcheck(cpu, MAXIMUM_WAIT_OBJECTS_EXCEEDED, {});
    return {Outcome::Bugcheck, 0};
  }
  WaitRequest& request = new_wait_request(cpu);
  request.Objects.assign(objects);
  request.WaitType = wait_type;
  request.HasTimeout = timeout != nullptr;
  request.DueTime = timeout ? due_time_from(*timeout) : 0;
  return wait(cpu, reason, mode, alertable, wait_block_array);
}

CallResult Dispatcher::KeDelayExecutionThread(ULONG cpu, KPROCESSOR_MODE mode, bool alertable,
                                              LONG64 interval) {
  if (bugcheck_) return {Outcome::Bugcheck, 0};
  if (interval == 0) {
    // A zero interval is due at once: after the alert test the delay returns NtYieldExecution()
    // (nt-dispatcher.md §2.8). The yield takes any ready thread of priority >= 1 on this
    // processor (not only equal or higher ones); the caller's quantum is reset, its priority
    // decays one step, and it goes to the tail of its ready queue with WrYieldExecution. With
    // nothing to yield to it returns STATUS_NO_YIELD_PERFORMED.
    KTHREAD& thread = current(cpu);
    // KeDelayExecutionThread requires IRQL <= APC_LEVEL; a yield from DISPATCH_LEVEL would switch
    // threads there, which the model treats as it treats a blocking wait at DISPATCH_LEVEL (and,
    // from a DPC, as the switch it would be).
    KPRCB& prcb = prcbs_[cpu];
    if (thread.Irql > DISPATCH_LEVEL || (thread.Irql == DISPATCH_LEVEL && !prcb.DpcRoutineActive)) {
      raise_bugcheck(cpu, IRQL_NOT_LESS_OR_EQUAL, {0, thread.Irql, 0, 0});
      return {Outcome::Bugcheck, 0};
    }
    const auto alert_mode = static_cast<std::size_t>(mode);
    if (alertable && thread.Alerted[alert_mode]) {
      thread.Alerted[alert_mode] = false;
      return {Outcome::Continue, STATUS_ALERTED};
    }
    return yield_execution(cpu);
  }
  WaitRequest& request = new_wait_request(cpu);
  request.HasTimeout = true;
  request.DueTime = due_time_from(interval);
  request.IsDelay = true;
  return wait(cpu, KWAIT_REASON::DelayExecution, mode, alertable, 0);
}

NTSTATUS Dispatcher::wait_status(const KTHREAD& thread) const {
  const auto status = static_cast<NTSTATUS>(thread.WaitStatus);
  // A delay that runs its course returns success, not the timer's STATUS_TIMEOUT.
  return thread.PendingWait.IsDelay && status == STATUS_TIMEOUT ? STATUS_SUCCESS : status;
}

void Dispatcher::KiWaitTest(DISPATCHER_HEADER& object, KPRIORITY increment) {
  LIST_ENTRY* entry = object.WaitListHead.Flink;
  while (object.SignalState > 0 && entry != &object.WaitListHead) {
    KWAIT_BLOCK& block = wait_block_of(entry);
    KTHREAD& thread = *block.Thread;
    if (block.WaitType == WAIT_TYPE::WaitAny) {
      satisfy(object, thread);
      KiUnwaitThread(thread, block.WaitKey, increment);
    } else if (wait_all_satisfiable(thread)) {
      // ksim decides a WaitAll waiter here, where NT wakes it to re-check (STATUS_KERNEL_APC):
      // the observable rule is the same — all objects at once or none — and the waiter keeps
      // its place in every queue.
      for (DISPATCHER_HEADER* o : thread.PendingWait.Objects) satisfy(*o, thread);
      KiUnwaitThread(thread, 0, increment);
    } else {
      entry = entry->Flink;
      continue;
    }
    entry = object.WaitListHead.Flink;  // unwaiting unlinked blocks; start again from the head
  }
}

void Dispatcher::KiUnwaitThread(KTHREAD& thread, LONG64 status, KPRIORITY increment) {
  thread.WaitStatus |= status;
  trace(TraceKind::Unwaited, thread.Header.Self, 0, thread.WaitStatus);
  for (UCHAR k = 0; k < thread.WaitBlockCount; ++k) {
    KWAIT_BLOCK& block = thread.WaitBlockList[k];
    if (block.BlockState == KWAIT_BLOCK_STATE::WaitBlockActive) {
      RemoveEntryList(block.WaitListEntry);
      block.BlockState = KWAIT_BLOCK_STATE::WaitBlockInactive;
    }
  }
  // Only a wait with a timeout arms the timer and its block (an invariant checks it): an infinite
  // wait's wake-up leaves both cache lines alone.
  if (thread.PendingWait.HasTimeout) {
    KWAIT_BLOCK& timer_block = thread.WaitBlock[TIMER_WAIT_BLOCK];
    if (timer_block.BlockState == KWAIT_BLOCK_STATE::WaitBlockActive) {
      RemoveEntryList(timer_block.WaitListEntry);
      timer_block.BlockState = KWAIT_BLOCK_STATE::WaitBlockInactive;
    }
    if (thread.Timer.Inserted) remove_timer(thread.Timer);
  }
  thread.AdjustReason = ADJUST_REASON::AdjustUnwait;
  thread.AdjustIncrement = static_cast<signed char>(increment);
  thread.State = KTHREAD_STATE::DeferredReady;
  KiReadyThread(thread);
}

}  // namespace km
