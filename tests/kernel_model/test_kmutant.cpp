// KMUTEX / KMUTANT conformance: every field a dump shows, after every step.
// Expectations are documented Windows behaviour (nt-dispatcher.md §1.2, §2.1, §2.2, §2.5, §5).
#include "model_fixture.h"

using namespace kmtest;

namespace {

constexpr std::pair<Address, Address> both(Address a) { return {a, a}; }

Address mutant_link(const KMUTANT& m) { return m.Header.Self + KMUTANT::MutantListEntryOffset; }
Address mutant_list_head(const KTHREAD& t) { return t.Header.Self + KTHREAD::MutantListHeadOffset; }

}  // namespace

TEST_CASE("KeInitializeMutex: a free KMUTEX with ApcDisable 1 and an unwritten MutantListEntry") {
  Model model;
  KMUTANT& m = model.mutex();
  // ref §2.1: Type 2, Size 0xE, SignalState 1, empty wait list, no owner, Abandoned 0, ApcDisable 1.
  CHECK(m.Header.Type == MutantObject);
  CHECK(m.Header.Size == 0xE);
  CHECK(m.Header.Signalling == 0);
  CHECK(m.Header.Reserved1 == 0);
  CHECK_MUTANT(m, 1, nullptr, 0);
  CHECK(m.ApcDisable == 1);
  CHECK_NO_WAITERS(m.Header);
  // ref §5.4: a never-owned KMUTEX's MutantListEntry is left as it was (never linked).
  CHECK(m.MutantListEntry.Flink == nullptr);
  CHECK(m.MutantListEntry.Blink == nullptr);
  CHECK(model.d.KeReadStateMutant(m) == 1);
  CHECK(model.d.object_at(m.Header.Self) == &m.Header);
}

TEST_CASE("KeInitializeMutant: ApcDisable 0; an initial owner owns it at once") {
  Model model;
  KTHREAD& t = model.start(0);
  KMUTANT& free_mutant = model.mutant();
  // ref §2.1: same as KeInitializeMutex but ApcDisable 0.
  CHECK_MUTANT(free_mutant, 1, nullptr, 0);
  CHECK(free_mutant.ApcDisable == 0);
  CHECK(free_mutant.Header.Size == 0xE);
  CHECK_NO_WAITERS(free_mutant.Header);

  KMUTANT& owned = model.mutant(&t);
  // ref §2.1: InitialOwner → SignalState 0, OwnerThread = caller, appended to its MutantListHead.
  CHECK_MUTANT(owned, 0, &t, 0);
  CHECK(links(owned.MutantListEntry) == both(mutant_list_head(t)));
  CHECK(links(t.MutantListHead) == both(mutant_link(owned)));
  CHECK(t.KernelApcDisable == 0);  // a mutant (ApcDisable 0) leaves normal kernel APCs enabled
  CHECK(t.CombinedApcDisable() == 0);

  const CallResult r = model.release_mutex(0, owned);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == 0);  // the previous SignalState
  CHECK_MUTANT(owned, 1, nullptr, 0);
  CHECK(links(t.MutantListHead) == both(mutant_list_head(t)));
}

TEST_CASE("KMUTEX acquire and release: exact fields, no switch for an immediate acquisition") {
  Model model;
  KTHREAD& t = model.start(0);
  KMUTANT& m = model.mutex();
  const ULONG switches = t.ContextSwitches;
  const ULONG wait_time = t.WaitTime;
  const KWAIT_REASON wait_reason = t.WaitReason;

  const CallResult acquired = model.wait(0, m.Header, kInfinite, KWAIT_REASON::Executive);
  CHECK(acquired.Kind == Outcome::Continue);
  CHECK(acquired.Status == STATUS_SUCCESS);
  // ref §2.2: SignalState 1 → 0, owner = waiter, KernelApcDisable −= ApcDisable (KMUTEX: −1,
  // CombinedApcDisable 0xFFFF), the mutant at the tail of the owner's MutantListHead.
  CHECK_MUTANT(m, 0, &t, 0);
  CHECK(t.KernelApcDisable == -1);
  CHECK(t.SpecialApcDisable == 0);
  CHECK(t.CombinedApcDisable() == 0xFFFF);
  CHECK(links(m.MutantListEntry) == both(mutant_list_head(t)));  // a sole owned mutant: owner+0x308
  CHECK(links(t.MutantListHead) == both(mutant_link(m)));
  CHECK_NO_WAITERS(m.Header);
  // ref §2.3 step 3 / §5.3: satisfied at once, so no State change, no switch, stale wait fields.
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK(t.ContextSwitches == switches);
  CHECK(t.WaitTime == wait_time);
  CHECK(t.WaitReason == wait_reason);
  CHECK(t.WaitStatus == STATUS_SUCCESS);
  CHECK(model.d.Prcb(0).CurrentThread == &t);

  const CallResult released = model.release_mutex(0, m);
  // ref §2.5: returns the previous SignalState (0); the outermost release re-enables APCs.
  CHECK(released.Kind == Outcome::Continue);
  CHECK(released.Status == 0);
  CHECK_MUTANT(m, 1, nullptr, 0);
  CHECK(t.KernelApcDisable == 0);
  CHECK(t.CombinedApcDisable() == 0);
  CHECK(links(t.MutantListHead) == both(mutant_list_head(t)));
  // ref §5.4: the removed entry keeps its stale links.
  CHECK(links(m.MutantListEntry) == both(mutant_list_head(t)));
  CHECK_NO_WAITERS(m.Header);
}

TEST_CASE("KMUTEX recursion: SignalState 1 → 0 → −1 → −2 and back; APCs return at the outermost release") {
  Model model;
  KTHREAD& t = model.start(0);
  KMUTANT& m = model.mutex();

  // ref §2.2 / §5.2: recursion only decrements; depth n ⇒ SignalState 1 − n; KernelApcDisable −1 once.
  for (LONG expected : {0, -1, -2}) {
    const CallResult r = model.wait(0, m.Header);
    CHECK(r.Kind == Outcome::Continue);
    CHECK(r.Status == STATUS_SUCCESS);
    CHECK_MUTANT(m, expected, &t, 0);
    CHECK(t.KernelApcDisable == -1);
    CHECK(links(t.MutantListHead) == both(mutant_link(m)));  // on the list once
  }

  // ref §2.5: each release returns the previous SignalState.
  for (LONG previous : {-2, -1}) {
    const CallResult r = model.release_mutex(0, m);
    CHECK(r.Kind == Outcome::Continue);
    CHECK(r.Status == previous);
    CHECK_MUTANT(m, previous + 1, &t, 0);
    CHECK(t.KernelApcDisable == -1);  // still owned: APCs stay disabled
  }
  const CallResult last = model.release_mutex(0, m);
  CHECK(last.Status == 0);
  CHECK_MUTANT(m, 1, nullptr, 0);
  CHECK(t.KernelApcDisable == 0);
  CHECK(IsListEmpty(t.MutantListHead));
}

TEST_CASE("KMUTEX: releasing a mutex the caller does not own raises STATUS_MUTANT_NOT_OWNED") {
  Model model(2);
  KTHREAD& owner = model.start(0);
  KTHREAD& other = model.start(1);
  KMUTANT& m = model.mutex();

  SUBCASE("a free mutex") {
    const CallResult r = model.release_mutex(1, m);
    // ref §2.5 step 2: OwnerThread ≠ caller → raise, nothing changes.
    CHECK(r.Kind == Outcome::Raised);
    CHECK(r.Status == STATUS_MUTANT_NOT_OWNED);
    CHECK(static_cast<ULONG>(r.Status) == 0xC0000046u);
    CHECK_MUTANT(m, 1, nullptr, 0);
  }
  SUBCASE("a mutex another thread owns") {
    REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
    const CallResult r = model.release_mutex(1, m);
    CHECK(r.Kind == Outcome::Raised);
    CHECK(r.Status == STATUS_MUTANT_NOT_OWNED);
    CHECK_MUTANT(m, 0, &owner, 0);
    CHECK(owner.KernelApcDisable == -1);
    CHECK(other.KernelApcDisable == 0);
    CHECK(links(owner.MutantListHead) == both(mutant_link(m)));
    CHECK(IsListEmpty(other.MutantListHead));
  }
  CHECK(model.d.bugcheck() == std::nullopt);  // a raise is the caller's to handle, not a bugcheck
}

TEST_CASE("KMUTEX recursion down to MINLONG, then STATUS_MUTANT_LIMIT_EXCEEDED") {
  Model model(2);
  KTHREAD& t = model.start(0);
  KTHREAD& other = model.start(1);
  KMUTANT& m = model.mutex();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  // Stands in for 2^31 − 1 further recursive acquisitions.
  m.Header.SignalState = MINLONG + 1;

  const CallResult deepest = model.wait(0, m.Header);
  CHECK(deepest.Kind == Outcome::Continue);
  CHECK(deepest.Status == STATUS_SUCCESS);
  CHECK_MUTANT(m, MINLONG, &t, 0);

  // ref §2.2: satisfiable for its owner, but at MINLONG the acquisition raises and changes nothing.
  const CallResult over = model.wait(0, m.Header);
  CHECK(over.Kind == Outcome::Raised);
  CHECK(over.Status == STATUS_MUTANT_LIMIT_EXCEEDED);
  CHECK(static_cast<ULONG>(over.Status) == 0xC0000191u);
  CHECK_MUTANT(m, MINLONG, &t, 0);
  CHECK(t.State == KTHREAD_STATE::Running);

  // ref §2.7: the same check applies to every object of a multiple wait.
  KEVENT& signalled = model.notification_event(true);
  const CallResult any = model.wait_multiple(0, {&signalled.Header, &m.Header}, WAIT_TYPE::WaitAny);
  CHECK(any.Kind == Outcome::Continue);  // index 0 satisfies the wait before the mutant is reached
  CHECK(any.Status == STATUS_WAIT_0);
  const CallResult any_first = model.wait_multiple(0, {&m.Header, &signalled.Header}, WAIT_TYPE::WaitAny);
  CHECK(any_first.Kind == Outcome::Raised);
  CHECK(any_first.Status == STATUS_MUTANT_LIMIT_EXCEEDED);
  const CallResult all = model.wait_multiple(0, {&signalled.Header, &m.Header}, WAIT_TYPE::WaitAll);
  CHECK(all.Kind == Outcome::Raised);
  CHECK(all.Status == STATUS_MUTANT_LIMIT_EXCEEDED);
  // Even when another object of the WaitAll is unavailable, the scan raises rather than blocks
  // (a later wake-up would otherwise decrement SignalState past MINLONG).
  KMUTANT& held = model.mutex();
  REQUIRE(model.wait(1, held.Header).Status == STATUS_SUCCESS);
  const CallResult blocked_all = model.wait_multiple(0, {&held.Header, &m.Header}, WAIT_TYPE::WaitAll);
  CHECK(blocked_all.Kind == Outcome::Raised);
  CHECK(blocked_all.Status == STATUS_MUTANT_LIMIT_EXCEEDED);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK_NO_WAITERS(held.Header);
  CHECK_MUTANT(m, MINLONG, &t, 0);
  CHECK_MUTANT(held, 0, &other, 0);

  const CallResult back = model.release_mutex(0, m);
  CHECK(back.Kind == Outcome::Continue);
  CHECK(back.Status == MINLONG);
  CHECK_MUTANT(m, MINLONG + 1, &t, 0);
}

TEST_CASE("KMUTEX FIFO handoff among three waiters: ownership passes inside the release") {
  // One processor per thread, so each waiter's processor is idle while it waits.
  Model model(4);
  KTHREAD& owner = model.start(0);
  KTHREAD& w1 = model.start(1);
  KTHREAD& w2 = model.start(2);
  KTHREAD& w3 = model.start(3);
  KMUTANT& m = model.mutex();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);

  std::vector<KTHREAD*> queued;
  for (auto [cpu, waiter] : {std::pair{1u, &w1}, std::pair{2u, &w2}, std::pair{3u, &w3}}) {
    const ULONG tick = static_cast<ULONG>(model.d.TickCount());
    const CallResult r = model.wait(cpu, m.Header, kInfinite, KWAIT_REASON::Executive);
    CHECK(r.Kind == Outcome::Blocked);
    queued.push_back(waiter);
    // ref §2.3 step 1/6: WaitBlock[0] at thread+0x140 on the tail of the object's list.
    CHECK(waiter->State == KTHREAD_STATE::Waiting);
    CHECK(waiter->WaitReason == KWAIT_REASON::Executive);
    CHECK(waiter->WaitMode == KPROCESSOR_MODE::KernelMode);
    CHECK(waiter->WaitTime == tick);
    CHECK(waiter->WaitBlockCount == 1);
    CHECK(waiter->WaitBlockList == &waiter->WaitBlock[0]);
    CHECK(waiter->WaitBlock[0].WaitListEntry.Self == waiter->Header.Self + 0x140);
    CHECK(waiter->WaitBlock[0].WaitType == WAIT_TYPE::WaitAny);
    CHECK(waiter->WaitBlock[0].BlockState == KWAIT_BLOCK_STATE::WaitBlockActive);
    CHECK(waiter->WaitBlock[0].WaitKey == 0);
    CHECK(waiter->WaitBlock[0].Object == &m.Header);
    CHECK(waiter->KernelApcDisable == 0);
    CHECK(waiter->WaitIrql == PASSIVE_LEVEL);
    CHECK(model.d.is_idle(cpu));
    CHECK(waiters(m.Header) == std::vector<const KTHREAD*>(queued.begin(), queued.end()));
  }
  // ref §1.1/§1.2: the list head links the first and last blocks.
  CHECK(links(m.Header.WaitListHead) == std::make_pair(wait_block_address(w1, 0), wait_block_address(w3, 0)));
  CHECK(links(w1.WaitBlock[0].WaitListEntry) == std::make_pair(wait_block_address(w2, 0), m.Header.Self + 8));
  CHECK(links(w2.WaitBlock[0].WaitListEntry) == std::make_pair(wait_block_address(w3, 0), wait_block_address(w1, 0)));
  CHECK(links(w3.WaitBlock[0].WaitListEntry) == std::make_pair(m.Header.Self + 8, wait_block_address(w2, 0)));

  // Each release hands the mutex to the head waiter before that waiter runs (ref §2.4, §5.1).
  KTHREAD* releaser = &owner;
  ULONG releaser_cpu = 0;
  std::vector<std::pair<ULONG, KTHREAD*>> order = {{1, &w1}, {2, &w2}, {3, &w3}};
  for (std::size_t i = 0; i < order.size(); ++i) {
    auto [cpu, next] = order[i];
    const CallResult r = model.release_mutex(releaser_cpu, m);
    CHECK(r.Kind == Outcome::Continue);
    CHECK(r.Status == 0);  // previous SignalState: owned once
    CHECK_MUTANT(m, 0, next, 0);
    CHECK(releaser->KernelApcDisable == 0);
    CHECK(IsListEmpty(releaser->MutantListHead));
    CHECK(next->KernelApcDisable == -1);
    CHECK(next->CombinedApcDisable() == 0xFFFF);
    CHECK(links(m.MutantListEntry) == both(mutant_list_head(*next)));
    CHECK(links(next->MutantListHead) == both(mutant_link(m)));
    // Readied, not Waiting: its idle processor took it as the Standby thread.
    CHECK(next->State == KTHREAD_STATE::Standby);
    CHECK(model.d.Prcb(cpu).NextThread == next);
    CHECK(next->WaitStatus == 0);  // the block's WaitKey
    CHECK(next->WaitBlock[0].BlockState == KWAIT_BLOCK_STATE::WaitBlockInactive);
    // ref §2.4/§5.4: RemoveEntryList leaves the unlinked block's own links stale.
    CHECK(link_address(next->WaitBlock[0].WaitListEntry.Blink) == m.Header.Self + 8);
    CHECK(next->Priority == 9);  // MUTANT_INCREMENT on base 8 (ref §3.3)
    CHECK(waiters(m.Header) == std::vector<const KTHREAD*>(queued.begin() + static_cast<long>(i) + 1, queued.end()));

    const ULONG switches = next->ContextSwitches;
    CHECK(&model.dispatch(cpu) == next);
    CHECK(next->State == KTHREAD_STATE::Running);
    CHECK(next->ContextSwitches == switches + 1);
    CHECK(model.d.wait_status(*next) == STATUS_SUCCESS);
    releaser = next;
    releaser_cpu = cpu;
  }
  CHECK_NO_WAITERS(m.Header);
  const CallResult r = model.release_mutex(3, m);
  CHECK(r.Status == 0);
  CHECK_MUTANT(m, 1, nullptr, 0);
  CHECK(w3.KernelApcDisable == 0);
}

TEST_CASE("KMUTEX handoff on one processor: the boosted new owner preempts the releaser") {
  Model model(1);
  KTHREAD& t0 = model.start(0);
  KMUTANT& m = model.mutex();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  KTHREAD& t1 = model.ready_thread(0);
  KTHREAD& t2 = model.ready_thread(0);
  CHECK(t1.State == KTHREAD_STATE::Ready);  // equal priority never preempts (ref §3.2)
  CHECK(t2.State == KTHREAD_STATE::Ready);

  // The owner sleeps for one tick; t1 and t2 run in turn and queue on the mutex.
  CHECK(model.delay(0, -static_cast<LONG64>(kTick)).Kind == Outcome::Blocked);
  CHECK(model.d.Prcb(0).CurrentThread == &t1);
  CHECK(model.wait(0, m.Header).Kind == Outcome::Blocked);
  CHECK(model.d.Prcb(0).CurrentThread == &t2);
  CHECK(model.wait(0, m.Header).Kind == Outcome::Blocked);
  CHECK(model.d.is_idle(0));
  CHECK(waiters(m.Header) == std::vector<const KTHREAD*>{&t1, &t2});

  model.tick();  // the delay ends: t0 is Standby on the idle processor
  CHECK(t0.State == KTHREAD_STATE::Standby);
  CHECK(&model.dispatch(0) == &t0);
  CHECK(model.d.wait_status(t0) == STATUS_SUCCESS);
  CHECK(t0.Priority == 8);  // a timer expiry boosts by 0 (ref §1.4 TIMER_EXPIRE_INCREMENT)

  CHECK(model.release_mutex(0, m).Status == 0);
  // ref §3.2/§3.3: t1 now owns it, boosted to 9 > 8, so it preempts t0 at once.
  CHECK_MUTANT(m, 0, &t1, 0);
  CHECK(t1.Priority == 9);
  CHECK(t1.State == KTHREAD_STATE::Standby);
  CHECK(t0.Preempted);
  CHECK(model.d.Prcb(0).NextThread == &t1);
  CHECK(&model.dispatch(0) == &t1);
  // The preempted thread goes to the head of its ready queue with WaitReason WrDispatchInt.
  CHECK(t0.State == KTHREAD_STATE::Ready);
  CHECK(t0.WaitReason == KWAIT_REASON::WrDispatchInt);
  CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&t0});
  CHECK(waiters(m.Header) == std::vector<const KTHREAD*>{&t2});
}

TEST_CASE("A mutant waiter whose timeout expires leaves the queue; the next release skips it") {
  Model model(3);
  KTHREAD& owner = model.start(0);
  KTHREAD& impatient = model.start(1);
  KTHREAD& patient = model.start(2);
  KMUTANT& m = model.mutex();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);

  CHECK(model.wait(1, m.Header, -10 * 10000).Kind == Outcome::Blocked);  // 10 ms
  CHECK(model.wait(2, m.Header).Kind == Outcome::Blocked);
  CHECK(waiters(m.Header) == std::vector<const KTHREAD*>{&impatient, &patient});
  CHECK(impatient.Timer.Inserted);

  model.tick();  // 15.625 ms ≥ 10 ms (ref §2.6: waits end at the first tick ≥ due time)
  CHECK(impatient.State == KTHREAD_STATE::Standby);
  CHECK(impatient.WaitStatus == STATUS_TIMEOUT);
  CHECK_FALSE(impatient.Timer.Inserted);
  CHECK(waiters(m.Header) == std::vector<const KTHREAD*>{&patient});
  CHECK(links(m.Header.WaitListHead) == both(wait_block_address(patient, 0)));
  CHECK_MUTANT(m, 0, &owner, 0);
  CHECK(model.dispatch(1).State == KTHREAD_STATE::Running);
  CHECK(model.d.wait_status(impatient) == STATUS_TIMEOUT);
  CHECK(impatient.KernelApcDisable == 0);

  CHECK(model.release_mutex(0, m).Status == 0);
  CHECK_MUTANT(m, 0, &patient, 0);
  CHECK(patient.State == KTHREAD_STATE::Standby);
  CHECK_NO_WAITERS(m.Header);
}

TEST_CASE("Owned mutants are kept in acquisition order on MutantListHead") {
  Model model;
  KTHREAD& t = model.start(0);
  KMUTANT& first = model.mutex();
  KMUTANT& second = model.mutant();
  REQUIRE(model.wait(0, first.Header).Status == STATUS_SUCCESS);
  REQUIRE(model.wait(0, second.Header).Status == STATUS_SUCCESS);
  // ref §2.2: appended at the tail; only the KMUTEX disables APCs.
  CHECK(t.KernelApcDisable == -1);
  CHECK(links(t.MutantListHead) == std::make_pair(mutant_link(first), mutant_link(second)));
  CHECK(links(first.MutantListEntry) == std::make_pair(mutant_link(second), mutant_list_head(t)));
  CHECK(links(second.MutantListEntry) == std::make_pair(mutant_list_head(t), mutant_link(first)));

  CHECK(model.release_mutex(0, first).Status == 0);
  CHECK(t.KernelApcDisable == 0);
  CHECK(links(t.MutantListHead) == both(mutant_link(second)));
  CHECK(links(second.MutantListEntry) == both(mutant_list_head(t)));
  CHECK(model.release_mutex(0, second).Status == 0);
  CHECK(IsListEmpty(t.MutantListHead));
  CHECK(t.KernelApcDisable == 0);
}

TEST_CASE("KeReleaseMutant with Abandon releases a recursively owned mutant outright") {
  Model model(2);
  KTHREAD& owner = model.start(0);
  KTHREAD& waiter = model.start(1);
  KMUTANT& m = model.mutant();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  CHECK_MUTANT(m, -1, &owner, 0);
  CHECK(model.wait(1, m.Header).Kind == Outcome::Blocked);

  const CallResult r = model.release_mutant(0, m, true);
  // ref §2.5 step 2: Abandon → SignalState 1, Abandoned 1 (no owner check), then the first waiter
  // takes it: the flag clears and its wait returns STATUS_ABANDONED_WAIT_0.
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == -1);
  CHECK_MUTANT(m, 0, &waiter, 0);
  CHECK(IsListEmpty(owner.MutantListHead));
  CHECK(waiter.WaitStatus == STATUS_ABANDONED_WAIT_0);
  CHECK(model.dispatch(1).State == KTHREAD_STATE::Running);
  CHECK(model.d.wait_status(waiter) == STATUS_ABANDONED_WAIT_0);
}

TEST_CASE("capture() shows an owned, contended KMUTEX as a dump would (simulated addresses only)") {
  Model model(3);
  KTHREAD& owner = model.start(0);
  KTHREAD& waiter = model.start(1);
  KTHREAD& queued = model.ready_thread(0);  // processor 2 is idle: Standby there
  KMUTANT& m = model.mutex();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  CHECK(model.wait(1, m.Header, kInfinite, KWAIT_REASON::WrMutex).Kind == Outcome::Blocked);

  const Snapshot s = model.d.capture();
  const ObjectView* mv = s.find_object(m.Header.Self);
  REQUIRE(mv != nullptr);
  CHECK(mv->Type == MutantObject);
  CHECK(mv->Size == 0xE);
  CHECK(mv->SignalState == 0);
  CHECK(mv->OwnerThread == owner.Header.Self);
  CHECK(mv->ApcDisable == 1);
  CHECK(mv->Abandoned == 0);
  CHECK(mv->MutantListEntry.Flink == mutant_list_head(owner));
  CHECK(mv->MutantListEntry.Blink == mutant_list_head(owner));
  CHECK(mv->WaitListHead.Flink == waiter.Header.Self + 0x140);
  CHECK(mv->WaitListHead.Blink == waiter.Header.Self + 0x140);
  CHECK(mv->Waiters == std::vector<Address>{waiter.Header.Self + 0x140});
  CHECK(mv->WaiterThreads == std::vector<Address>{waiter.Header.Self});

  const ThreadView* ov = s.find_thread(owner.Header.Self);
  REQUIRE(ov != nullptr);
  CHECK(ov->State == KTHREAD_STATE::Running);
  CHECK(ov->KernelApcDisable == -1);
  CHECK(ov->OwnedMutants == std::vector<Address>{m.Header.Self});
  CHECK(ov->MutantListHead.Flink == mutant_link(m));
  CHECK(ov->MutantListHead.Blink == mutant_link(m));
  CHECK(ov->UniqueProcess == kSystemPid);
  CHECK(ov->Priority == 8);
  CHECK(ov->WaitBlocks.empty());

  const ThreadView* wv = s.find_thread(waiter.Header.Self);
  REQUIRE(wv != nullptr);
  CHECK(wv->State == KTHREAD_STATE::Waiting);
  CHECK(wv->WaitReason == KWAIT_REASON::WrMutex);
  CHECK(wv->WaitBlockList == waiter.Header.Self + 0x140);
  REQUIRE(wv->WaitBlocks.size() == 1);
  CHECK(wv->WaitBlocks[0].Self == waiter.Header.Self + 0x140);
  CHECK(wv->WaitBlocks[0].Object == m.Header.Self);
  CHECK(wv->WaitBlocks[0].Thread == waiter.Header.Self);
  CHECK(wv->WaitBlocks[0].WaitType == WAIT_TYPE::WaitAny);
  CHECK(wv->WaitBlocks[0].BlockState == KWAIT_BLOCK_STATE::WaitBlockActive);
  CHECK(wv->WaitBlocks[0].WaitKey == 0);

  REQUIRE(s.Processors.size() == 3);
  CHECK(s.Processors[0].CurrentThread == owner.Header.Self);
  CHECK(s.Processors[1].CurrentThread == model.idle_thread(1).Header.Self);
  CHECK(s.Processors[2].NextThread == queued.Header.Self);
  CHECK(s.Processors[0].ReadySummary == 0);
  CHECK(s.Machine.ProcessorCount == 3);
  CHECK(s.Bugcheck == std::nullopt);
}

TEST_CASE("KeReleaseMutex(Wait = TRUE) leaves WaitNext set for the wait that must follow") {
  Model model;
  KTHREAD& t = model.start(0);
  KMUTANT& m = model.mutex();
  KEVENT& e = model.notification_event(true);
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  // ref §2.5 step 4: Wait == TRUE → return with WaitNext = 1; a KeWaitXxx must follow.
  const CallResult r = model.d.KeReleaseMutant(0, m, MUTANT_INCREMENT, false, true);
  model.verify();
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == 0);
  CHECK(t.WaitNext);
  CHECK_MUTANT(m, 1, nullptr, 0);
  CHECK(model.wait(0, e.Header).Status == STATUS_SUCCESS);
  CHECK_FALSE(t.WaitNext);
}
