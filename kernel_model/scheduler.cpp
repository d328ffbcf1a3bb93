// Per-processor ready queues, readying, switching, quantum and priority (nt-dispatcher.md §3).
#include <algorithm>
#include <array>
#include <bit>

#include "dispatcher.h"

namespace km {

namespace {
KTHREAD& thread_of_ready_link(LIST_ENTRY* entry) {
  return *containing_record<KTHREAD>(entry, offsetof(KTHREAD, WaitListEntry));
}
}  // namespace

void Dispatcher::update_idle_summary(const KPRCB& prcb) {
  const ULONG64 bit = 1ull << prcb.Number;
  if (prcb.CurrentThread == prcb.IdleThread && prcb.NextThread == nullptr) {
    idle_summary_ |= bit;
    // The idle loop retires whatever is queued, requested or not (WRK KiIdleLoop).
    if (!prcb.DpcList.empty() && !prcb.DpcInterruptRequested) request_dpc_interrupt(prcbs_[prcb.Number]);
  } else {
    idle_summary_ &= ~bit;
  }
}

void Dispatcher::apply_unwait_boost(KTHREAD& thread) {
  if (thread.AdjustReason != ADJUST_REASON::AdjustUnwait) return;
  thread.AdjustReason = ADJUST_REASON::AdjustNone;
  if (thread.Priority >= LOW_REALTIME_PRIORITY) return;
  const KPRIORITY increment = thread.AdjustIncrement;
  if (thread.BasePriority >= 14 || (thread.PriorityDecrement == 0 && increment > 0)) {
    thread.Quantum = static_cast<signed char>(thread.QuantumReset);
  }
  if (thread.PriorityDecrement == 0 && !thread.DisableBoost) {
    const KPRIORITY boosted = thread.BasePriority + increment;
    if (boosted > thread.Priority) thread.Priority = std::min<KPRIORITY>(boosted, LOW_REALTIME_PRIORITY - 1);
  }
}

void Dispatcher::decay_priority(KTHREAD& thread) {
  if (thread.Priority >= LOW_REALTIME_PRIORITY) return;
  thread.Priority = std::max<KPRIORITY>(thread.BasePriority, thread.Priority - thread.PriorityDecrement - 1);
  thread.PriorityDecrement = 0;
}

void Dispatcher::insert_ready(KPRCB& prcb, KTHREAD& thread, bool at_head) {
  trace(TraceKind::Readied, thread.Header.Self, 0, 0, prcb.Number);
  thread.State = KTHREAD_STATE::Ready;
  thread.WaitTime = static_cast<ULONG>(tick_count_);
  thread.NextProcessor = prcb.Number;
  LIST_ENTRY& head = prcb.DispatcherReadyListHead[static_cast<std::size_t>(thread.Priority)];
  if (at_head) InsertHeadList(head, thread.WaitListEntry);
  else InsertTailList(head, thread.WaitListEntry);
  prcb.ReadySummary |= 1u << thread.Priority;
}

KTHREAD& Dispatcher::highest_ready(const KPRCB& prcb) {
  const int priority = 31 - std::countl_zero(prcb.ReadySummary);
  return thread_of_ready_link(prcb.DispatcherReadyListHead[static_cast<std::size_t>(priority)].Flink);
}

KTHREAD* Dispatcher::select_ready(KPRCB& prcb, KPRIORITY floor) {
  if (prcb.ReadySummary == 0) return nullptr;
  const int priority = 31 - std::countl_zero(prcb.ReadySummary);
  if (priority < floor) return nullptr;
  KTHREAD& thread = highest_ready(prcb);
  RemoveEntryList(thread.WaitListEntry);
  if (IsListEmpty(prcb.DispatcherReadyListHead[static_cast<std::size_t>(priority)])) prcb.ReadySummary &= ~(1u << priority);
  return &thread;
}

const KPRCB* Dispatcher::ready_elsewhere(ULONG cpu) const {
  // An idle processor takes the highest-priority thread queued anywhere (lowest processor on ties).
  const KPRCB* best = nullptr;
  for (const KPRCB& prcb : prcbs_) {
    if (prcb.Number == cpu || prcb.ReadySummary == 0) continue;
    if (!best || std::bit_width(prcb.ReadySummary) > std::bit_width(best->ReadySummary)) best = &prcb;
  }
  return best;
}

KTHREAD* Dispatcher::find_ready_elsewhere(ULONG cpu) {
  const KPRCB* best = ready_elsewhere(cpu);
  return best ? select_ready(prcbs_[best->Number], 0) : nullptr;
}

void Dispatcher::make_standby(KPRCB& prcb, KTHREAD& thread) {
  trace(TraceKind::Readied, thread.Header.Self, 0, 0, prcb.Number);
  thread.State = KTHREAD_STATE::Standby;
  thread.NextProcessor = prcb.Number;
  prcb.NextThread = &thread;
  update_idle_summary(prcb);
}

void Dispatcher::KiReadyThread(KTHREAD& thread) {
  apply_unwait_boost(thread);
  // A thread preempted before it was placed goes to the head of its queue; the flag is consumed.
  const bool preempted = thread.Preempted;
  thread.Preempted = false;
  // An idle processor takes it at once: its ideal processor, then the one it last ran on, then the
  // lowest-numbered (nt-dispatcher.md §3.2; WRK KiDeferredReadyThread tries them in that order).
  if (ULONG64 unoffered = idle_summary_) {
    std::array<ULONG, 2> first;  // those offered before the rest, which follow by number
    ULONG firsts = 0;
    auto offer = [&](ULONG cpu) {
      if ((unoffered >> cpu) & 1) {
        first[firsts++] = cpu;
        unoffered &= ~(1ull << cpu);
      }
    };
    offer(thread.IdealProcessor);
    offer(thread.NextProcessor);
    const ULONG count = firsts + processors_in(unoffered);
    const ULONG pick = count > 1 ? choices_.pick(ChoiceKind::IdleProcessor, count) : 0;
    make_standby(prcbs_[pick < firsts ? first[pick] : nth_processor(unoffered, pick - firsts)], thread);
    return;
  }
  // Otherwise it goes to its ideal processor, preempting the Standby or running thread there only
  // if strictly more important.
  KPRCB& prcb = prcbs_[thread.IdealProcessor];
  KTHREAD* const standby = prcb.NextThread;
  KTHREAD& running = *prcb.CurrentThread;
  if (standby && thread.Priority > standby->Priority) {
    make_standby(prcb, thread);
    // The displaced Standby thread is readied again, as a preempted thread (head of its queue).
    standby->Preempted = true;
    KiReadyThread(*standby);
    return;
  }
  if (!standby && thread.Priority > running.Priority) {
    running.Preempted = true;
    prcb.SwitchReason = KWAIT_REASON::WrDispatchInt;
    make_standby(prcb, thread);
    return;
  }
  insert_ready(prcb, thread, preempted);
}

void Dispatcher::switch_to(KPRCB& prcb, KTHREAD& next) {
  if (&next != prcb.CurrentThread) trace(TraceKind::SwitchedIn, next.Header.Self, 0, 0, prcb.Number);
  next.State = KTHREAD_STATE::Running;
  next.NextProcessor = prcb.Number;
  next.Preempted = false;
  next.ContextSwitches += 1;
  prcb.CurrentThread = &next;
  update_idle_summary(prcb);
}

void Dispatcher::KiSwapThread(ULONG cpu) {
  KPRCB& prcb = prcbs_[cpu];
  KTHREAD* next = prcb.NextThread;
  prcb.NextThread = nullptr;
  if (!next) next = select_ready(prcb, 0);
  if (!next) next = find_ready_elsewhere(cpu);
  if (!next) next = prcb.IdleThread;
  switch_to(prcb, *next);
}

const KTHREAD& Dispatcher::next_to_run(const KPRCB& prcb) const {
  if (prcb.NextThread) return *prcb.NextThread;
  const KPRCB* from = prcb.ReadySummary ? &prcb : ready_elsewhere(prcb.Number);
  return from ? highest_ready(*from) : *prcb.IdleThread;
}

// Flattened, like yield_execution: the helpers it calls are small and a switch is the hottest
// path there is; their calls' register saves and restores were half its instructions.
[[gnu::flatten]] KTHREAD& Dispatcher::dispatch_pending(KPRCB& prcb) {
  KTHREAD& running = *prcb.CurrentThread;
  if (prcb.NextThread) {
    KTHREAD& next = *prcb.NextThread;
    prcb.NextThread = nullptr;
    if (&running != prcb.IdleThread) {
      running.WaitReason = prcb.SwitchReason;
      insert_ready(prcb, running, running.Preempted);
    }
    switch_to(prcb, next);
  } else if (&running == prcb.IdleThread) {
    if (KTHREAD* next = find_ready_elsewhere(prcb.Number)) switch_to(prcb, *next);
  }
  return *prcb.CurrentThread;
}

[[gnu::flatten]] CallResult Dispatcher::yield_execution(ULONG cpu) {
  KPRCB& prcb = prcbs_[cpu];
  KTHREAD& thread = *prcb.CurrentThread;
  if (!prcb.NextThread) {
    if (KTHREAD* next = select_ready(prcb, 1)) make_standby(prcb, *next);
  }
  if (!prcb.NextThread) return {Outcome::Continue, STATUS_NO_YIELD_PERFORMED};
  if (switch_from_dpc(cpu)) return {Outcome::Bugcheck, 0};
  thread.Quantum = static_cast<signed char>(thread.QuantumReset);
  decay_priority(thread);
  thread.Preempted = false;
  prcb.SwitchReason = KWAIT_REASON::WrYieldExecution;
  dispatch(cpu);
  return {Outcome::Continue, STATUS_SUCCESS};
}

void Dispatcher::charge_tick(KPRCB& prcb) {
  KTHREAD& thread = *prcb.CurrentThread;
  // System threads run in kernel mode. The idle thread is charged too: its KernelTime is the
  // processor's idle time, as dumps show it (nt-dispatcher.md §3.4); only its quantum is not.
  // A tick that finds a DPC running counts as the processor's DPC time instead.
  if (prcb.DpcRoutineActive) prcb.DpcTime += 1;
  else thread.KernelTime += 1;
  // The tick also requests the DPC interrupt for what low importance left queued.
  if (!prcb.DpcList.empty() && !prcb.DpcInterruptRequested) request_dpc_interrupt(prcb);
  if (&thread == prcb.IdleThread) return;
  thread.Quantum = static_cast<signed char>(thread.Quantum - CLOCK_QUANTUM_DECREMENT);
  if (thread.Quantum > 0) return;
  end_quantum(prcb, thread);
}

bool Dispatcher::offer_preemption(ULONG cpu) {
  KPRCB& prcb = prcbs_[cpu];
  KTHREAD& thread = *prcb.CurrentThread;
  if (thread.IsIdleThread || prcb.NextThread || (prcb.ReadySummary >> thread.Priority) == 0) return false;
  // At DISPATCH_LEVEL (a DPC, a spin lock) the clock interrupt's quantum end cannot switch here.
  if (thread.Irql >= DISPATCH_LEVEL || prcb.DpcRoutineActive) return false;
  if (choices_.pick(ChoiceKind::Preemption, 2) == 0) return false;
  end_quantum(prcb, thread);
  return true;
}

void Dispatcher::end_quantum(KPRCB& prcb, KTHREAD& thread) {
  thread.Quantum = static_cast<signed char>(thread.QuantumReset);
  decay_priority(thread);
  // Quantum end: a ready thread of at least its priority takes the processor; it goes behind it
  // (tail, WrQuantumEnd). A switch already pending (a preemption) also happens as a quantum end:
  // the thread is no longer treated as preempted, so it too goes to the tail (WRK KiQuantumEnd).
  if (!prcb.NextThread) {
    KTHREAD* next = select_ready(prcb, thread.Priority);
    if (!next) return;
    make_standby(prcb, *next);
  }
  thread.Preempted = false;
  prcb.SwitchReason = KWAIT_REASON::WrQuantumEnd;
}

KPRIORITY Dispatcher::KeSetPriorityThread(KTHREAD& thread, KPRIORITY priority) {
  // KeSetPriorityThread sets the current priority only (WRK thredobj.c / KiSetPriorityThread): the
  // BasePriority stays, so a dynamic priority set above the base decays back towards it at
  // quantum ends (KiComputeNewPriority). It clears PriorityDecrement, refills the quantum when the
  // priority changes, and reschedules the way the thread's state requires. Returns the old priority.
  const KPRIORITY previous = thread.Priority;
  thread.PriorityDecrement = 0;
  if (priority == previous) return previous;
  thread.Quantum = static_cast<signed char>(thread.QuantumReset);
  if (thread.BasePriority != 0 && priority == 0) priority = 1;  // only the zero-page thread runs at 0
  thread.Priority = priority;
  KPRCB& prcb = prcbs_[thread.NextProcessor];
  switch (thread.State) {
    case KTHREAD_STATE::Ready: {
      // Off its old queue; lowered → the tail of the new one, raised → readied again (it may preempt).
      LIST_ENTRY& old_head = prcb.DispatcherReadyListHead[static_cast<std::size_t>(previous)];
      RemoveEntryList(thread.WaitListEntry);
      if (IsListEmpty(old_head)) prcb.ReadySummary &= ~(1u << previous);
      if (priority < previous) {
        InsertTailList(prcb.DispatcherReadyListHead[static_cast<std::size_t>(priority)], thread.WaitListEntry);
        prcb.ReadySummary |= 1u << priority;
      } else {
        KiReadyThread(thread);
      }
      break;
    }
    case KTHREAD_STATE::Standby:
      // Lowered below a thread ready on its processor: that thread takes its place; it is readied again.
      if (priority < previous) {
        if (KTHREAD* next = select_ready(prcb, priority + 1)) {
          make_standby(prcb, *next);
          KiReadyThread(thread);
        }
      }
      break;
    case KTHREAD_STATE::Running:
      // Lowered below a thread ready on its processor (and no switch already pending): that thread
      // is selected; the switch puts the running thread at the tail of its queue (WrDispatchInt).
      if (priority < previous && !prcb.NextThread && !thread.IsIdleThread) {
        if (KTHREAD* next = select_ready(prcb, priority + 1)) {
          make_standby(prcb, *next);
          prcb.SwitchReason = KWAIT_REASON::WrDispatchInt;
        }
      }
      break;
    default:
      break;
  }
  return previous;
}

}  // namespace km
