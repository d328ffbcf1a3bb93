// Dispatcher::capture(): the model's state as snapshot values. Pointers become the simulated
// addresses recorded in each object and link.
#include "dispatcher.h"

namespace km {

namespace {

ListEntryView view_of(const LIST_ENTRY& entry) { return {link_address(entry.Flink), link_address(entry.Blink)}; }

std::vector<WaitBlockView> wait_blocks_of(const KTHREAD& thread) {
  std::vector<WaitBlockView> views;
  if (thread.State != KTHREAD_STATE::Waiting || !thread.WaitBlockList) return views;
  for (UCHAR k = 0; k < thread.WaitBlockCount; ++k) {
    const KWAIT_BLOCK& block = thread.WaitBlockList[k];
    views.push_back({block.WaitListEntry.Self, block.Object->Self, thread.Header.Self, block.WaitType,
                     block.BlockState, block.WaitKey});
  }
  return views;
}

ThreadView view_of(const KTHREAD& t) {
  ThreadView v;
  v.Self = t.Header.Self;
  v.Process = t.Process->Header.Self;
  v.UniqueProcess = t.Process->UniqueProcessId;
  v.UniqueThread = t.UniqueThread;
  v.State = t.State;
  v.WaitReason = t.WaitReason;
  v.WaitMode = t.WaitMode;
  v.WaitIrql = t.WaitIrql;
  v.Alertable = t.Alertable;
  v.Priority = t.Priority;
  v.BasePriority = t.BasePriority;
  v.PriorityDecrement = t.PriorityDecrement;
  v.Quantum = t.Quantum;
  v.QuantumReset = t.QuantumReset;
  v.WaitTime = t.WaitTime;
  v.KernelTime = t.KernelTime;
  v.UserTime = t.UserTime;
  v.ContextSwitches = t.ContextSwitches;
  v.KernelApcDisable = t.KernelApcDisable;
  v.SpecialApcDisable = t.SpecialApcDisable;
  v.WaitStatus = t.WaitStatus;
  v.WaitBlockList = t.WaitBlockList ? t.WaitBlockList->WaitListEntry.Self : 0;
  v.WaitBlocks = wait_blocks_of(t);
  v.MutantListHead = view_of(t.MutantListHead);
  for (const LIST_ENTRY* e = t.MutantListHead.Flink; e != &t.MutantListHead; e = e->Flink) {
    v.OwnedMutants.push_back(e->Self - KMUTANT::MutantListEntryOffset);
  }
  v.NextProcessor = t.NextProcessor;
  v.IdealProcessor = t.IdealProcessor;
  v.SystemThread = t.SystemThread;
  v.Terminated = t.State == KTHREAD_STATE::Terminated;
  v.StartAddress = t.StartAddress;
  v.CreateTime = t.CreateTime;
  return v;
}

ObjectView view_of(const DISPATCHER_HEADER& h) {
  ObjectView v;
  v.Self = h.Self;
  v.Type = h.Type;
  v.Signalling = h.Signalling;
  v.Size = h.Size;
  v.Reserved1 = h.Reserved1;
  v.SignalState = h.SignalState;
  v.WaitListHead = view_of(h.WaitListHead);
  for (const LIST_ENTRY* e = h.WaitListHead.Flink; e != &h.WaitListHead; e = e->Flink) {
    const KWAIT_BLOCK* block = &wait_block_of(e);
    v.Waiters.push_back(e->Self);
    v.WaiterThreads.push_back(block->Thread->Header.Self);
  }
  switch (h.Type) {
    case MutantObject: {
      const auto& m = reinterpret_cast<const KMUTANT&>(h);
      v.MutantListEntry = view_of(m.MutantListEntry);
      v.OwnerThread = m.OwnerThread ? m.OwnerThread->Header.Self : 0;
      v.Abandoned = m.Abandoned;
      v.ApcDisable = m.ApcDisable;
      break;
    }
    case SemaphoreObject:
      v.Limit = reinterpret_cast<const KSEMAPHORE&>(h).Limit;
      break;
    case TimerNotificationObject:
    case TimerSynchronizationObject: {
      const auto& t = reinterpret_cast<const KTIMER&>(h);
      v.DueTime = t.DueTime;
      v.Period = t.Period;
      v.Inserted = t.Inserted;
      v.Dpc = t.Dpc ? t.Dpc->Self : 0;
      break;
    }
    default:
      break;
  }
  return v;
}

}  // namespace

Snapshot Dispatcher::capture() const {
  Snapshot s;
  s.Machine.ProcessorCount = config_.ProcessorCount;
  s.Machine.TimeIncrement = config_.TimeIncrement;
  s.Machine.InterruptTime = interrupt_time_;
  s.Machine.TickCount = tick_count_;
  s.Machine.SystemTime = SystemTime();
  for (const KPROCESS& p : processes_) {
    ProcessView v;
    v.Self = p.Header.Self;
    v.UniqueProcessId = p.UniqueProcessId;
    v.InheritedFromUniqueProcessId = p.InheritedFromUniqueProcessId;
    v.ImageFileName = p.ImageFileName;
    v.BasePriority = p.BasePriority;
    v.CreateTime = p.CreateTime;
    for (const KTHREAD* t : p.Threads) v.Threads.push_back(t->Header.Self);
    s.Processes.push_back(std::move(v));
  }
  for (const KTHREAD& t : threads_) s.Threads.push_back(view_of(t));
  for (const auto& [address, object] : objects_) {
    if (object->Type != ThreadObject && object->Type != ProcessObject) s.Objects.push_back(view_of(*object));
  }
  for (const KPRCB& prcb : prcbs_) {
    PrcbView v;
    v.Number = prcb.Number;
    v.CurrentThread = prcb.CurrentThread->Header.Self;
    v.NextThread = prcb.NextThread ? prcb.NextThread->Header.Self : 0;
    v.IdleThread = prcb.IdleThread->Header.Self;
    v.ReadySummary = prcb.ReadySummary;
    for (std::size_t p = 0; p < prcb.DispatcherReadyListHead.size(); ++p) {
      const LIST_ENTRY& head = prcb.DispatcherReadyListHead[p];
      for (const LIST_ENTRY* e = head.Flink; e != &head; e = e->Flink) {
        v.DispatcherReadyList[p].push_back(e->Self - KTHREAD::WaitListEntryOffset);
      }
    }
    v.Irql = prcb.CurrentThread->Irql;
    for (const KDPC* dpc = prcb.DpcList.first(); dpc; dpc = KDPC_LIST::next(*dpc)) v.DpcQueue.push_back({dpc->Self, dpc->DeferredRoutine, dpc->DeferredContext, dpc->Importance});
    v.DpcRoutineActive = prcb.DpcRoutineActive;
    v.DpcCount = prcb.DpcCount;
    v.DpcTime = prcb.DpcTime;
    s.Processors.push_back(std::move(v));
  }
  if (bugcheck_) {
    BugcheckView b;
    b.Code = bugcheck_->Code;
    b.Args = bugcheck_->Args;
    b.Processor = bugcheck_->Processor;
    b.Thread = bugcheck_->Thread;
    s.Bugcheck = std::move(b);
  }
  return s;
}

}  // namespace km
