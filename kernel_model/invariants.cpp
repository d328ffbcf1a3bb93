// check_invariants(): the model's consistency rules, each checked over the whole state. The
// mutators keep them; tests run this after every step so a slip shows where it happened.
#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstdio>
#include <tuple>
#include <utility>
#include <vector>

#include "dispatcher.h"

namespace km {

namespace {

std::string hex(Address a) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(a));
  return text;
}

std::string processor_text(const KPRCB& prcb) { return "processor " + std::to_string(prcb.Number); }

// The blocks of a wait, as link_wait_blocks laid them out.
std::span<KWAIT_BLOCK> object_blocks(const KTHREAD& thread) {
  return {thread.WaitBlockList, thread.WaitBlockList ? thread.WaitBlockCount : 0u};
}

// Bounded, so that a corrupt (cyclic) list makes a check fail instead of hanging it.
bool list_contains(const LIST_ENTRY& head, const LIST_ENTRY& entry, std::size_t limit) {
  std::size_t n = 0;
  for (const LIST_ENTRY* e = head.Flink; e != &head && n <= limit; e = e->Flink, ++n) {
    if (e == &entry) return true;
  }
  return false;
}

bool list_well_formed(const LIST_ENTRY& head, std::size_t limit) {
  std::size_t n = 0;
  for (const LIST_ENTRY* e = head.Flink; e != &head; e = e->Flink) {
    if (e->Flink->Blink != e || ++n > limit) return false;
  }
  return head.Flink->Blink == &head;
}

// Ready lists are numbered processor * 32 + priority; NoReadyList is none. A plain integer rather
// than an optional pair: the optional's flag byte, stored and then reloaded as part of a wider
// word on every thread of every pass, stalled store forwarding for a third of a pass's time.
constexpr int NoReadyList = -1;
constexpr int ReadyLists = static_cast<int>(std::tuple_size_v<decltype(KPRCB::DispatcherReadyListHead)>);

// The ready list that `entry` is the head of, if it is one. The KPRCBs sit in one array, so an
// address says at once whether it is in one's ready list heads.
int ready_list_head(const std::vector<KPRCB>& prcbs, const LIST_ENTRY* entry) {
  const auto at = reinterpret_cast<std::uintptr_t>(entry);
  const auto first = reinterpret_cast<std::uintptr_t>(prcbs.data());
  if (at < first || at >= first + prcbs.size() * sizeof(KPRCB)) return NoReadyList;
  const KPRCB& prcb = prcbs[(at - first) / sizeof(KPRCB)];
  const LIST_ENTRY* heads = prcb.DispatcherReadyListHead.data();
  if (entry < heads || entry >= heads + ReadyLists) return NoReadyList;
  return static_cast<int>(prcb.Number) * ReadyLists + static_cast<int>(entry - heads);
}

// The ready list that a thread's ready-queue link (WaitListEntry) is in, if any. Only ready lists
// use that link, and RemoveEntryList leaves no neighbour pointing back at a removed entry, so a
// link whose neighbours point back at it is in a list: walking on to the head tells which. Found
// from the threads instead of by looking at every list head (32 per processor, mostly out of
// cache), which was most of a pass's cost.
int linked_list(const std::vector<KPRCB>& prcbs, const LIST_ENTRY& link, std::size_t limit) {
  if (!link.Flink || !link.Blink || link.Flink->Blink != &link || link.Blink->Flink != &link) return NoReadyList;
  std::size_t n = 0;
  for (const LIST_ENTRY* e = link.Flink; e != &link && n <= limit; e = e->Flink, ++n) {
    if (const int list = ready_list_head(prcbs, e); list != NoReadyList) return list;
  }
  return NoReadyList;
}

// Where a thread is held (ready queue, CurrentThread, NextThread) and whether its state says it
// must be held somewhere, by CreationIndex: storage kept per host thread, so that a pass
// allocates nothing once it has grown.
struct Placement {
  const KTHREAD* thread = nullptr;
  int places = 0;
  bool expected = false;
};
std::vector<Placement>& placements(std::size_t threads) {
  // initial-exec: the engine library is loaded with the program, and the general model's
  // __tls_get_addr call was a fiftieth of a pass.
  thread_local std::vector<Placement> placed __attribute__((tls_model("initial-exec")));
  placed.resize(threads);  // each pass sets every entry: CreationIndex runs 0..threads-1
  return placed;
}

}  // namespace

std::vector<std::string> Dispatcher::check_invariants() const {
  std::vector<std::string> broken;
  auto fail = [&](std::string message) { broken.push_back(std::move(message)); };
  // No list can hold more entries than this; walking past it means the list is cyclic.
  const std::size_t limit = threads_.size() * (MAXIMUM_WAIT_OBJECTS + 1) + mutants_.size() + 1;
  auto check_mutant = [&](const KMUTANT& mutant, Address address) {
    if ((mutant.OwnerThread != nullptr) != (mutant.Header.SignalState <= 0))
      fail("mutant " + hex(address) + " has an owner iff SignalState <= 0 does not hold");
    if (mutant.OwnerThread && !list_contains(mutant.OwnerThread->MutantListHead, mutant.MutantListEntry, limit))
      fail("mutant " + hex(address) + " is not on its owner's MutantListHead");
  };

  // The threads first: each one's own rules, the ready lists their links are in (checked with
  // the processors below) and where each must be held.
  std::vector<Placement>& placed = placements(threads_.size());
  std::array<ULONG, MaximumProcessors> linked;
  std::fill_n(linked.begin(), prcbs_.size(), 0u);  // only the machine's processors are read
  std::size_t inserted = 0;  // Inserted timers, threads' own counted as the threads are walked
  for (const KTHREAD& t : threads_) {
    if (const int list = linked_list(prcbs_, t.WaitListEntry, limit); list != NoReadyList)
      linked[list / ReadyLists] |= 1u << (list % ReadyLists);
    // An idle thread stays Running while its processor runs another thread (it is never queued,
    // and a dump's !thread shows every idle thread RUNNING); the others must be in exactly one place.
    if (t.IsIdleThread && t.State != KTHREAD_STATE::Running)
      fail("idle thread " + hex(t.Header.Self) + " is not Running");
    placed[t.CreationIndex] = {&t, 0, !t.IsIdleThread && (t.State == KTHREAD_STATE::Ready ||
                                                          t.State == KTHREAD_STATE::Running ||
                                                          t.State == KTHREAD_STATE::Standby)};
    const KWAIT_BLOCK& timer_block = t.WaitBlock[TIMER_WAIT_BLOCK];
    if (t.State == KTHREAD_STATE::Waiting) {
      for (const KWAIT_BLOCK& block : object_blocks(t)) {
        if (block.BlockState != KWAIT_BLOCK_STATE::WaitBlockActive || !list_contains(block.Object->WaitListHead, block.WaitListEntry, limit))
          fail("waiting thread " + hex(t.Header.Self) + " has a block missing from " + hex(block.Object->Self));
      }
      // A wait with a timeout keeps its timer in the timer table and its timer block on the timer.
      const bool armed = t.Timer.Inserted && timer_block.BlockState == KWAIT_BLOCK_STATE::WaitBlockActive &&
                         list_contains(t.Timer.Header.WaitListHead, timer_block.WaitListEntry, limit);
      if (t.PendingWait.HasTimeout && !armed) fail("waiting thread " + hex(t.Header.Self) + "'s timeout is not armed");
      if (!t.PendingWait.HasTimeout && (t.Timer.Inserted || timer_block.BlockState == KWAIT_BLOCK_STATE::WaitBlockActive))
        fail("waiting thread " + hex(t.Header.Self) + " has a timeout armed for an infinite wait");
    } else {
      for (const KWAIT_BLOCK& block : object_blocks(t)) {
        if (block.BlockState == KWAIT_BLOCK_STATE::WaitBlockActive)
          fail("thread " + hex(t.Header.Self) + " is not Waiting but has an active wait block");
      }
      if (t.Timer.Inserted || timer_block.BlockState == KWAIT_BLOCK_STATE::WaitBlockActive)
        fail("thread " + hex(t.Header.Self) + " is not Waiting but its timeout is armed");
    }
    if (t.State == KTHREAD_STATE::Terminated && !IsListEmpty(t.MutantListHead))
      fail("terminated thread " + hex(t.Header.Self) + " still owns mutants");
    inserted += t.Timer.Inserted ? 1 : 0;
  }

  for (const auto& [address, object] : objects_) {
    // Most objects have no waiter: an empty, well-formed wait list breaks none of the wait rules.
    const LIST_ENTRY& waiters = object->WaitListHead;
    if (waiters.Flink == &waiters && waiters.Blink == &waiters) {
      if (object->Type == MutantObject) check_mutant(reinterpret_cast<const KMUTANT&>(*object), address);
      continue;
    }
    if (!list_well_formed(object->WaitListHead, limit)) {
      fail("wait list of " + hex(address) + " is corrupt");
      continue;  // walking it further could loop forever
    }
    for (const LIST_ENTRY* e = object->WaitListHead.Flink; e != &object->WaitListHead; e = e->Flink) {
      const KWAIT_BLOCK* block = &wait_block_of(e);
      if (block->Object != object) fail("a wait block on " + hex(address) + " names another object");
      if (block->Thread->State != KTHREAD_STATE::Waiting) fail("thread " + hex(block->Thread->Header.Self) + " is queued on " + hex(address) + " but not Waiting");
      if (block->BlockState != KWAIT_BLOCK_STATE::WaitBlockActive) fail("an inactive wait block is queued on " + hex(address));
    }
    if (object->Type == MutantObject) check_mutant(reinterpret_cast<const KMUTANT&>(*object), address);
    if (object->SignalState > 0) {
      for (const LIST_ENTRY* e = object->WaitListHead.Flink; e != &object->WaitListHead; e = e->Flink) {
        if (wait_block_of(e).WaitType == WAIT_TYPE::WaitAny)
          fail("object " + hex(address) + " is signalled with a WaitAny waiter (lost wake-up)");
      }
    }
  }

  ULONG64 idle_mask = 0, dpc_due_mask = 0;  // what the idle and DPC summaries should hold
  for (const KPRCB& prcb : prcbs_) {
    // Lists that hold no thread with their bit clear need no more checking.
    for (ULONG lists = linked[prcb.Number] | prcb.ReadySummary; lists != 0; lists &= lists - 1) {
      const auto p = static_cast<std::size_t>(std::countr_zero(lists));
      const LIST_ENTRY& head = prcb.DispatcherReadyListHead[p];
      if (((prcb.ReadySummary >> p) & 1u) != (IsListEmpty(head) ? 0u : 1u))
        fail("ReadySummary bit " + std::to_string(p) + " of " + processor_text(prcb) + " disagrees with its list");
      if (!list_well_formed(head, limit)) {
        fail("ready list " + std::to_string(p) + " of " + processor_text(prcb) + " is corrupt");
        continue;
      }
      for (const LIST_ENTRY* e = head.Flink; e != &head; e = e->Flink) {
        const auto& t = *containing_record<const KTHREAD>(const_cast<LIST_ENTRY*>(e), offsetof(KTHREAD, WaitListEntry));
        if (t.State != KTHREAD_STATE::Ready) fail("thread " + hex(t.Header.Self) + " is queued but not Ready");
        if (t.Priority != static_cast<KPRIORITY>(p)) fail("thread " + hex(t.Header.Self) + " is queued at the wrong priority");
        if (t.IsIdleThread) fail("idle thread " + hex(t.Header.Self) + " is on a ready queue");
        placed[t.CreationIndex].places += 1;
      }
    }
    if (!prcb.CurrentThread || prcb.CurrentThread->State != KTHREAD_STATE::Running)
      fail(processor_text(prcb) + " does not run a Running thread");
    else placed[prcb.CurrentThread->CreationIndex].places += 1;
    const bool idle = prcb.CurrentThread == prcb.IdleThread && !prcb.NextThread;
    idle_mask |= static_cast<ULONG64>(idle) << prcb.Number;
    if (prcb.NextThread) {
      if (prcb.NextThread->State != KTHREAD_STATE::Standby) fail(processor_text(prcb) + "'s NextThread is not Standby");
      if (prcb.NextThread->IsIdleThread) fail(processor_text(prcb) + "'s NextThread is an idle thread");
      placed[prcb.NextThread->CreationIndex].places += 1;
    }
    ULONG depth = 0;
    const KDPC* last = nullptr;
    for (const KDPC* dpc = prcb.DpcList.first(); dpc && depth <= dpcs_.size(); dpc = KDPC_LIST::next(*dpc), ++depth) {
      if (dpc->DpcData != &prcb) fail("DPC " + hex(dpc->Self) + " is queued on " + processor_text(prcb) + " but names another queue");
      last = dpc;
    }
    if (depth != prcb.DpcQueueDepth || prcb.DpcList.LastEntry != (last ? &last->DpcListEntry : nullptr))
      fail("the DPC queue of " + processor_text(prcb) + " disagrees with its depth or its last entry");
    const bool dpc_due = prcb.DpcRoutineActive || (prcb.DpcInterruptRequested && depth != 0);
    dpc_due_mask |= static_cast<ULONG64>(dpc_due) << prcb.Number;
  }
  // The summaries, compared once for all processors.
  for (ULONG64 wrong = idle_mask ^ idle_summary_; wrong != 0; wrong &= wrong - 1)
    fail("the idle summary bit of processor " + std::to_string(std::countr_zero(wrong)) + " disagrees with its threads");
  for (ULONG64 wrong = dpc_due_mask ^ dpc_summary_; wrong != 0; wrong &= wrong - 1)
    fail("the DPC summary bit of processor " + std::to_string(std::countr_zero(wrong)) + " disagrees with its queue");
  for (const KDPC& dpc : dpcs_) {
    if (!dpc.DpcData) continue;
    std::size_t times = 0, n = 0;
    for (const KDPC* d = dpc.DpcData->DpcList.first(); d && n <= dpcs_.size(); d = KDPC_LIST::next(*d), ++n) times += d == &dpc;
    if (times != 1) fail("DPC " + hex(dpc.Self) + " is marked queued but is not once in its queue");
  }

  for (const Placement& p : placed) {
    if (p.places > 1) fail("thread " + hex(p.thread->Header.Self) + " is in more than one queue");
    if (p.expected && p.places == 0)
      fail("thread " + hex(p.thread->Header.Self) + " is " + std::string(to_string(p.thread->State)) + " but in no queue");
  }

  // The timer table holds exactly the Inserted timers, each under its current due time.
  for (const auto& [key, timer] : timer_queue_) {
    if (!timer->Inserted || key.first != timer->DueTime || key.second != timer->InsertSequence)
      fail("timer " + hex(timer->Header.Self) + " is in the timer table under a stale key or not Inserted");
  }
  for (const KTIMER& timer : timers_) inserted += timer.Inserted ? 1 : 0;
  if (inserted != timer_queue_.size()) fail("an Inserted timer is missing from the timer table");
  return broken;
}

}  // namespace km
