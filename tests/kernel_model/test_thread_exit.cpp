// Thread exit with held locks: the 0x20 check before mutant rundown, 0x4000008A for a KMUTEX once
// the APC count was rebalanced, abandonment of KeInitializeMutant mutants, STATUS_ABANDONED.
// Expectations are documented Windows behaviour (nt-dispatcher.md §2.2, §2.5, §4; Docs
// bug-check-0x20--kernel-apc-pending-during-exit, bug-check-0x4000008a--thread-terminate-held-mutex).
#include "model_fixture.h"

using namespace kmtest;

TEST_CASE("A system thread that exits holding a KMUTEX bugchecks 0x20 (0, 0xFFFF, 0, 1)") {
  Model model(2);
  KTHREAD& t = model.start(0);
  KTHREAD& waiter = model.start(1);
  KMUTANT& m = model.mutex();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  CHECK(model.wait(1, m.Header).Kind == Outcome::Blocked);
  CHECK(t.CombinedApcDisable() == 0xFFFF);

  const CallResult r = model.terminate(0);
  // ref §4: CombinedApcDisable != 0 → 0x20(0, CombinedApcDisable, 0, 1), before KeRundownThread.
  CHECK(r.Kind == Outcome::Bugcheck);
  REQUIRE(model.d.bugcheck().has_value());
  const Bugcheck& bc = *model.d.bugcheck();
  CHECK(bc.Code == KERNEL_APC_PENDING_DURING_EXIT);
  CHECK(bc.Code == 0x20u);
  CHECK(bc.Args == std::array<ULONG64, 4>{0, 0xFFFF, 0, 1});
  CHECK(bc.Processor == 0);
  CHECK(bc.Thread == t.Header.Self);
  // Nothing was run down: the mutex is still owned and its waiter still waits.
  CHECK_MUTANT(m, 0, &t, 0);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK(waiter.State == KTHREAD_STATE::Waiting);
  CHECK(waiters(m.Header) == std::vector<const KTHREAD*>{&waiter});

  // The machine has stopped: later calls change nothing.
  CHECK(model.release_mutex(0, m).Kind == Outcome::Bugcheck);
  CHECK_MUTANT(m, 0, &t, 0);
  CHECK(model.terminate(0).Kind == Outcome::Bugcheck);
  CHECK(model.d.bugcheck()->Code == 0x20u);
}

TEST_CASE("A thread that exits inside a critical region (no mutex) also bugchecks 0x20") {
  Model model;
  KTHREAD& t = model.start(0);
  model.enter_critical_region(0);
  CHECK(t.KernelApcDisable == -1);
  const CallResult r = model.terminate(0);
  CHECK(r.Kind == Outcome::Bugcheck);
  CHECK(model.d.bugcheck()->Code == KERNEL_APC_PENDING_DURING_EXIT);
  CHECK(model.d.bugcheck()->Args == std::array<ULONG64, 4>{0, 0xFFFF, 0, 1});
}

TEST_CASE("Exit inside a guarded region as well: Arg2 is the whole CombinedApcDisable, 0xFFFFFFFF") {
  Model model;
  KTHREAD& t = model.start(0);
  KMUTANT& m = model.mutex();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  t.SpecialApcDisable = -1;  // KeEnterGuardedRegion (not modelled as a call)
  CHECK(model.terminate(0).Kind == Outcome::Bugcheck);
  // ref §4: "Plus guarded region → Arg2 0xFFFFFFFF".
  CHECK(model.d.bugcheck()->Args == std::array<ULONG64, 4>{0, 0xFFFFFFFF, 0, 1});
}

TEST_CASE("Exit holding a KMUTEX after an extra KeLeaveCriticalRegion bugchecks 0x4000008A (thread, mutex, 0, 0)") {
  Model model;
  KTHREAD& t = model.start(0);
  KMUTANT& m = model.mutex();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  model.leave_critical_region(0);  // rebalances the count the KMUTEX took
  CHECK(t.KernelApcDisable == 0);
  CHECK(t.CombinedApcDisable() == 0);

  const CallResult r = model.terminate(0);
  // ref §4: KeRundownThread finds an owned mutant with ApcDisable != 0 → 0x4000008A.
  CHECK(r.Kind == Outcome::Bugcheck);
  REQUIRE(model.d.bugcheck().has_value());
  CHECK(model.d.bugcheck()->Code == THREAD_TERMINATE_HELD_MUTEX);
  CHECK(model.d.bugcheck()->Code == 0x4000008Au);
  CHECK(model.d.bugcheck()->Args == std::array<ULONG64, 4>{t.Header.Self, m.Header.Self, 0, 0});
  CHECK(model.d.bugcheck()->Thread == t.Header.Self);
  CHECK_MUTANT(m, 0, &t, 0);
}

TEST_CASE("Exit owning a KeInitializeMutant mutant abandons it; the next acquirer gets STATUS_ABANDONED_WAIT_0") {
  Model model(2);
  KTHREAD& t = model.start(0);
  KTHREAD& later = model.start(1);
  KMUTANT& m = model.mutant();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);  // recursively owned
  CHECK_MUTANT(m, -1, &t, 0);

  const CallResult r = model.terminate(0);
  // ref §4: no crash; abandoned: unlinked, SignalState 1, Abandoned 1, owner NULL.
  CHECK(r.Kind == Outcome::Blocked);
  CHECK(model.d.bugcheck() == std::nullopt);
  CHECK_MUTANT(m, 1, nullptr, 1);
  CHECK(IsListEmpty(t.MutantListHead));
  CHECK(t.State == KTHREAD_STATE::Terminated);
  CHECK(t.WaitReason == KWAIT_REASON::WrTerminated);
  CHECK(t.Header.SignalState == 1);  // a thread object is signalled when it terminates
  CHECK(model.d.is_idle(0));

  // ref §2.2: satisfying an abandoned mutant clears the flag and returns STATUS_ABANDONED_WAIT_0.
  const CallResult acquired = model.wait(1, m.Header);
  CHECK(acquired.Kind == Outcome::Continue);
  CHECK(acquired.Status == STATUS_ABANDONED_WAIT_0);
  CHECK(static_cast<ULONG>(acquired.Status) == 0x80u);
  CHECK_MUTANT(m, 0, &later, 0);
  CHECK(later.KernelApcDisable == 0);
  // Ownership after an abandoned acquisition is ordinary.
  CHECK(model.release_mutex(1, m).Status == 0);
  CHECK_MUTANT(m, 1, nullptr, 0);
  CHECK(model.wait(1, m.Header).Status == STATUS_SUCCESS);
}

TEST_CASE("An abandoned mutant goes to its first waiter with STATUS_ABANDONED_WAIT_0 + index") {
  Model model(3);
  KTHREAD& t = model.start(0);
  KTHREAD& w = model.start(1);
  KTHREAD& second = model.start(2);
  KMUTANT& m = model.mutant();
  KEVENT& e0 = model.notification_event(false);
  KEVENT& e1 = model.notification_event(false);
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  CHECK(model.wait_multiple(1, {&e0.Header, &e1.Header, &m.Header}, WAIT_TYPE::WaitAny).Kind == Outcome::Blocked);
  CHECK(model.wait(2, m.Header).Kind == Outcome::Blocked);

  CHECK(model.terminate(0).Kind == Outcome::Blocked);
  // ref §2.4 / §4: the first waiter owns it, its WaitStatus = 0x80 | key, and Abandoned clears.
  CHECK_MUTANT(m, 0, &w, 0);
  CHECK(w.State == KTHREAD_STATE::Standby);
  CHECK(w.WaitStatus == STATUS_ABANDONED_WAIT_0 + 2);
  CHECK(w.Priority == 9);  // MUTANT_INCREMENT
  CHECK_NO_WAITERS(e0.Header);
  CHECK_NO_WAITERS(e1.Header);
  CHECK(waiters(m.Header) == std::vector<const KTHREAD*>{&second});
  CHECK(model.dispatch(1).State == KTHREAD_STATE::Running);
  CHECK(model.d.wait_status(w) == 0x82);

  // The next owner gets an ordinary handoff.
  CHECK(model.release_mutex(1, m).Status == 0);
  CHECK_MUTANT(m, 0, &second, 0);
  CHECK(second.WaitStatus == STATUS_SUCCESS);
  CHECK(t.State == KTHREAD_STATE::Terminated);
}

TEST_CASE("Releasing an abandoned mutant one does not own raises STATUS_ABANDONED") {
  Model model(2);
  model.start(0);
  KTHREAD& other = model.start(1);
  KMUTANT& m = model.mutant();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  CHECK(model.terminate(0).Kind == Outcome::Blocked);
  CHECK_MUTANT(m, 1, nullptr, 1);

  const CallResult r = model.release_mutex(1, m);
  // ref §2.5 step 2: not the owner → raise Abandoned ? STATUS_ABANDONED : STATUS_MUTANT_NOT_OWNED.
  CHECK(r.Kind == Outcome::Raised);
  CHECK(r.Status == STATUS_ABANDONED);
  CHECK(static_cast<ULONG>(r.Status) == 0x80u);
  CHECK_MUTANT(m, 1, nullptr, 1);
  CHECK(IsListEmpty(other.MutantListHead));
}

TEST_CASE("Exit abandons every owned mutant, releases waiters on the thread object, and switches away") {
  Model model(1);
  KTHREAD& t = model.start(0);
  KMUTANT& a = model.mutant();
  KMUTANT& b = model.mutant();
  REQUIRE(model.wait(0, a.Header).Status == STATUS_SUCCESS);
  REQUIRE(model.wait(0, b.Header).Status == STATUS_SUCCESS);
  // A thread that waits for t to terminate.
  KTHREAD& joiner = model.ready_thread(0);
  KTHREAD& next = model.ready_thread(0);
  CHECK(model.delay(0, -10000).Kind == Outcome::Blocked);  // t sleeps; joiner runs
  CHECK(model.d.Prcb(0).CurrentThread == &joiner);
  CHECK(model.wait(0, t.Header).Kind == Outcome::Blocked);
  CHECK(model.d.Prcb(0).CurrentThread == &next);
  CHECK(waiters(t.Header) == std::vector<const KTHREAD*>{&joiner});
  CHECK(model.wait(0, t.Header).Kind == Outcome::Blocked);  // next waits for t too
  model.tick();
  model.dispatch(0);
  CHECK(model.d.Prcb(0).CurrentThread == &t);

  const CallResult r = model.terminate(0);
  CHECK(r.Kind == Outcome::Blocked);
  CHECK_MUTANT(a, 1, nullptr, 1);
  CHECK_MUTANT(b, 1, nullptr, 1);
  CHECK(IsListEmpty(t.MutantListHead));
  CHECK(t.State == KTHREAD_STATE::Terminated);
  CHECK(t.Header.SignalState == 1);
  CHECK_NO_WAITERS(t.Header);
  // Both joiners were readied (a thread object satisfies every waiter); the first one runs.
  CHECK(model.d.Prcb(0).CurrentThread == &joiner);
  CHECK(joiner.WaitStatus == STATUS_SUCCESS);
  CHECK(next.State == KTHREAD_STATE::Ready);
  // A terminated thread is satisfiable at once.
  CHECK(model.wait(0, t.Header).Status == STATUS_SUCCESS);
}
