// DPCs: per-processor queues that drain at DISPATCH_LEVEL before the processor runs a thread
// again (WRK ke/dpcobj.c, dpcsup.c). A medium- or high-importance DPC requests its processor's
// DPC interrupt at once; a low-importance one waits until the queue is MaximumDpcQueueDepth deep
// or the next clock tick. ksim always queues on the caller's processor (no targeted DPCs).
#include <bit>

#include "dispatcher.h"

namespace km {

namespace {

void push_front(KPRCB& prcb, KDPC& dpc) {
  KDPC_LIST& list = prcb.DpcList;
  dpc.DpcListEntry.Next = list.ListHead.Next;
  list.ListHead.Next = &dpc.DpcListEntry;
  if (!list.LastEntry) list.LastEntry = &dpc.DpcListEntry;
  prcb.DpcQueueDepth += 1;
}

void push_back(KPRCB& prcb, KDPC& dpc) {
  KDPC_LIST& list = prcb.DpcList;
  dpc.DpcListEntry.Next = nullptr;
  (list.LastEntry ? list.LastEntry : &list.ListHead)->Next = &dpc.DpcListEntry;
  list.LastEntry = &dpc.DpcListEntry;
  prcb.DpcQueueDepth += 1;
}

// Unlinks a queued DPC, walking from the head for its predecessor (the list is singly linked).
void unlink(KPRCB& prcb, KDPC& dpc) {
  KDPC_LIST& list = prcb.DpcList;
  SINGLE_LIST_ENTRY* before = &list.ListHead;
  while (before->Next != &dpc.DpcListEntry) before = before->Next;
  before->Next = dpc.DpcListEntry.Next;
  if (list.LastEntry == &dpc.DpcListEntry) list.LastEntry = before == &list.ListHead ? nullptr : before;
  prcb.DpcQueueDepth -= 1;
}

}  // namespace

KDPC& Dispatcher::KeInitializeDpc(Address self, Address routine, Address context) {
  KDPC& dpc = dpcs_.emplace_back();
  dpc.Self = self;
  dpc.DeferredRoutine = routine;
  dpc.DeferredContext = context;
  dpcs_by_address_.assign(self, &dpc);
  return dpc;
}

KDPC* Dispatcher::dpc_at(Address a) const {
  KDPC* const* dpc = dpcs_by_address_.find(a);
  return dpc ? *dpc : nullptr;
}

bool Dispatcher::KeInsertQueueDpc(ULONG cpu, KDPC& dpc, ULONG64 argument1, ULONG64 argument2) {
  if (dpc.DpcData) return false;
  queue_dpc(prcbs_[cpu], dpc, argument1, argument2);
  return true;
}

void Dispatcher::queue_dpc(KPRCB& prcb, KDPC& dpc, ULONG64 argument1, ULONG64 argument2) {
  dpc.SystemArgument1 = argument1;
  dpc.SystemArgument2 = argument2;
  dpc.DpcData = &prcb;
  if (dpc.Importance == KDPC_IMPORTANCE::HighImportance) push_front(prcb, dpc);
  else push_back(prcb, dpc);
  trace(TraceKind::DpcQueued, 0, dpc.Self, 0, prcb.Number);
  const bool idle = (idle_summary_ >> prcb.Number) & 1;  // the idle loop retires any queue
  if (dpc.Importance != KDPC_IMPORTANCE::LowImportance || prcb.DpcQueueDepth >= MaximumDpcQueueDepth || idle) {
    request_dpc_interrupt(prcb);
  }
}

void Dispatcher::request_dpc_interrupt(KPRCB& prcb) {
  prcb.DpcInterruptRequested = true;
  update_dpc_summary(prcb);
}

bool Dispatcher::KeRemoveQueueDpc(KDPC& dpc) {
  KPRCB* const prcb = dpc.DpcData;
  if (!prcb) return false;
  unlink(*prcb, dpc);
  dpc.DpcData = nullptr;
  if (prcb->DpcList.empty()) prcb->DpcInterruptRequested = false;
  update_dpc_summary(*prcb);
  return true;
}

KDPC* Dispatcher::begin_dpc(ULONG cpu) {
  KPRCB& prcb = prcbs_[cpu];
  KDPC* const first = prcb.DpcList.first();
  if (!first) return nullptr;
  KDPC& dpc = *first;
  unlink(prcb, dpc);
  dpc.DpcData = nullptr;  // cleared before the routine runs: it may queue itself again
  prcb.DpcRoutineActive = true;
  prcb.DpcCount += 1;
  update_dpc_summary(prcb);
  trace(TraceKind::DpcRetired, prcb.CurrentThread->Header.Self, dpc.Self, 0, cpu);
  return &dpc;
}

void Dispatcher::end_dpc(ULONG cpu) {
  KPRCB& prcb = prcbs_[cpu];
  prcb.DpcRoutineActive = false;
  if (prcb.DpcList.empty()) prcb.DpcInterruptRequested = false;
  update_dpc_summary(prcb);
}

void Dispatcher::update_dpc_summary(const KPRCB& prcb) {
  const ULONG64 bit = 1ull << prcb.Number;
  if (prcb.DpcRoutineActive || (prcb.DpcInterruptRequested && !prcb.DpcList.empty())) dpc_summary_ |= bit;
  else dpc_summary_ &= ~bit;
}

bool Dispatcher::bugcheck_switch_from_dpc(ULONG cpu) {
  const KPRCB& prcb = prcbs_[cpu];
  // SwapContext finds DpcRoutineActive set: ATTEMPTED_SWITCH_FROM_DPC (old thread, new thread,
  // old stack, 0). ksim does not model saved stack pointers (its !thread shows Stack Init 0), so
  // Arg3 is 0.
  raise_bugcheck(cpu, ATTEMPTED_SWITCH_FROM_DPC,
                 {prcb.CurrentThread->Header.Self, next_to_run(prcb).Header.Self, 0, 0});
  return true;
}

}  // namespace km
