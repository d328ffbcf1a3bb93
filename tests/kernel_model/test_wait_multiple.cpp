// KeWaitForMultipleObjects conformance: WaitAny indices, WaitAll's all-or-nothing rule, wait
// block placement, the object-count limits, timeouts.
// Expectations are documented Windows behaviour (nt-dispatcher.md §1.2, §1.4, §2.4, §2.7).
#include "model_fixture.h"

using namespace kmtest;

TEST_CASE("WaitAny returns the index of the first satisfiable object and acquires only it") {
  Model model;
  KTHREAD& t = model.start(0);
  KEVENT& e0 = model.synchronization_event(false);
  KEVENT& e1 = model.synchronization_event(true);
  KEVENT& e2 = model.synchronization_event(true);
  const ULONG switches = t.ContextSwitches;

  const CallResult r = model.wait_multiple(0, {&e0.Header, &e1.Header, &e2.Header}, WAIT_TYPE::WaitAny);
  // ref §2.7: scan in index order; the first satisfiable object is satisfied → return k.
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == STATUS_WAIT_0 + 1);
  CHECK(e0.Header.SignalState == 0);
  CHECK(e1.Header.SignalState == 0);
  CHECK(e2.Header.SignalState == 1);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK(t.ContextSwitches == switches);
  CHECK_NO_WAITERS(e0.Header);

  // A mutant owned by the caller is satisfiable (ref §2.2).
  KMUTANT& m = model.mutex();
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  const CallResult owned = model.wait_multiple(0, {&e0.Header, &m.Header}, WAIT_TYPE::WaitAny);
  CHECK(owned.Status == STATUS_WAIT_0 + 1);
  CHECK_MUTANT(m, -1, &t, 0);
}

TEST_CASE("A blocked WaitAny: one block per object, index order, keys = indices; the first signal decides") {
  Model model(2);
  model.start(0);
  KTHREAD& t = model.start(1);
  KEVENT& e0 = model.synchronization_event(false);
  KEVENT& e1 = model.synchronization_event(false);
  KSEMAPHORE& s2 = model.semaphore(0, 1);

  CHECK(model.wait_multiple(1, {&e0.Header, &e1.Header, &s2.Header}, WAIT_TYPE::WaitAny).Kind == Outcome::Blocked);
  // ref §2.7: blocks k = 0..Count−1 in the thread's WaitBlock array (≤ 3 objects).
  CHECK(t.State == KTHREAD_STATE::Waiting);
  CHECK(t.WaitBlockCount == 3);
  CHECK(t.WaitBlockList == &t.WaitBlock[0]);
  const std::array<DISPATCHER_HEADER*, 3> objects = {&e0.Header, &e1.Header, &s2.Header};
  for (ULONG k = 0; k < 3; ++k) {
    const KWAIT_BLOCK& block = t.WaitBlock[k];
    CHECK(block.WaitListEntry.Self == wait_block_address(t, k));
    CHECK(block.WaitKey == k);
    CHECK(block.WaitType == WAIT_TYPE::WaitAny);
    CHECK(block.BlockState == KWAIT_BLOCK_STATE::WaitBlockActive);
    CHECK(block.Object == objects[k]);
    CHECK(waiter_blocks(*objects[k]) == std::vector<Address>{wait_block_address(t, k)});
  }

  // ref §2.4: the thread is unwaited with status = WaitKey; all its blocks leave all objects.
  CHECK(model.release_semaphore(0, s2, 1).Status == 0);
  CHECK(t.State == KTHREAD_STATE::Standby);
  CHECK(t.WaitStatus == STATUS_WAIT_0 + 2);
  CHECK(s2.Header.SignalState == 0);
  for (ULONG k = 0; k < 3; ++k) CHECK(t.WaitBlock[k].BlockState == KWAIT_BLOCK_STATE::WaitBlockInactive);
  CHECK_NO_WAITERS(e0.Header);
  CHECK_NO_WAITERS(e1.Header);
  CHECK_NO_WAITERS(s2.Header);
  model.dispatch(1);
  CHECK(model.d.wait_status(t) == 2);

  // A later signal of another object finds no waiter and stays set.
  CHECK(model.set_event(0, e0).Status == 0);
  CHECK(e0.Header.SignalState == 1);
}

TEST_CASE("WaitAll satisfied at once acquires every object and returns 0") {
  Model model;
  KTHREAD& t = model.start(0);
  KMUTANT& m = model.mutex();
  KEVENT& e = model.synchronization_event(true);
  KSEMAPHORE& s = model.semaphore(2, 2);

  const CallResult r = model.wait_multiple(0, {&m.Header, &e.Header, &s.Header}, WAIT_TYPE::WaitAll);
  // ref §2.7: satisfy all in order; return WaitStatus (not indexed).
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == STATUS_SUCCESS);
  CHECK_MUTANT(m, 0, &t, 0);
  CHECK(t.KernelApcDisable == -1);
  CHECK(e.Header.SignalState == 0);
  CHECK(s.Header.SignalState == 1);
  CHECK(t.State == KTHREAD_STATE::Running);
}

TEST_CASE("WaitAll never acquires partially, and is satisfied when the last object becomes available") {
  Model model(3);
  KTHREAD& owner = model.start(0);
  KTHREAD& t = model.start(1);
  KTHREAD& other = model.start(2);
  KMUTANT& m = model.mutex();
  KEVENT& e = model.synchronization_event(true);
  KSEMAPHORE& s = model.semaphore(1, 1);
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);

  const CallResult r = model.wait_multiple(1, {&e.Header, &m.Header, &s.Header}, WAIT_TYPE::WaitAll);
  // ref §2.7: otherwise acquire nothing, and block on every object.
  CHECK(r.Kind == Outcome::Blocked);
  CHECK(e.Header.SignalState == 1);
  CHECK(s.Header.SignalState == 1);
  CHECK_MUTANT(m, 0, &owner, 0);
  CHECK(t.State == KTHREAD_STATE::Waiting);
  CHECK(t.WaitBlockCount == 3);
  for (ULONG k = 0; k < 3; ++k) {
    CHECK(t.WaitBlock[k].WaitType == WAIT_TYPE::WaitAll);
    CHECK(t.WaitBlock[k].WaitKey == k);
  }
  CHECK(waiter_blocks(e.Header) == std::vector<Address>{wait_block_address(t, 0)});
  CHECK(waiter_blocks(m.Header) == std::vector<Address>{wait_block_address(t, 1)});
  CHECK(waiter_blocks(s.Header) == std::vector<Address>{wait_block_address(t, 2)});

  // Another thread takes the semaphore: still nothing for the WaitAll waiter.
  CHECK(model.wait(2, s.Header).Status == STATUS_SUCCESS);
  CHECK(s.Header.SignalState == 0);
  CHECK(model.release_mutex(0, m).Status == 0);
  CHECK_MUTANT(m, 1, nullptr, 0);  // free: the waiter cannot take everything yet
  CHECK(t.State == KTHREAD_STATE::Waiting);
  CHECK(e.Header.SignalState == 1);
  CHECK(waiters(m.Header) == std::vector<const KTHREAD*>{&t});

  // The last object becomes available: all three are acquired together.
  CHECK(model.release_semaphore(2, s, 1).Status == 0);
  CHECK(t.State == KTHREAD_STATE::Standby);
  CHECK(t.WaitStatus == STATUS_SUCCESS);
  CHECK(e.Header.SignalState == 0);
  CHECK(s.Header.SignalState == 0);
  CHECK_MUTANT(m, 0, &t, 0);
  CHECK(t.KernelApcDisable == -1);
  CHECK_NO_WAITERS(e.Header);
  CHECK_NO_WAITERS(m.Header);
  CHECK_NO_WAITERS(s.Header);
  model.dispatch(1);
  CHECK(model.d.wait_status(t) == STATUS_SUCCESS);
  CHECK(other.State == KTHREAD_STATE::Running);
}

TEST_CASE("A WaitAny waiter behind a WaitAll waiter takes a synchronization event the WaitAll waiter cannot use") {
  Model model(4);
  KTHREAD& owner = model.start(0);
  KTHREAD& all = model.start(1);
  KTHREAD& any = model.start(2);
  model.start(3);
  KMUTANT& m = model.mutex();
  KEVENT& e = model.synchronization_event(false);
  REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
  CHECK(model.wait_multiple(1, {&m.Header, &e.Header}, WAIT_TYPE::WaitAll).Kind == Outcome::Blocked);
  CHECK(model.wait(2, e.Header).Kind == Outcome::Blocked);
  CHECK(waiters(e.Header) == std::vector<const KTHREAD*>{&all, &any});

  // ref §2.6: WaitAll blocks are passed over; the first WaitAny block takes the event.
  CHECK(model.set_event(3, e).Status == 0);
  CHECK(any.State == KTHREAD_STATE::Standby);
  CHECK(all.State == KTHREAD_STATE::Waiting);
  CHECK(e.Header.SignalState == 0);
  CHECK(waiters(e.Header) == std::vector<const KTHREAD*>{&all});

  // The mutex alone is not enough; a second set completes the WaitAll.
  CHECK(model.release_mutex(0, m).Status == 0);
  CHECK(all.State == KTHREAD_STATE::Waiting);
  CHECK(model.set_event(3, e).Status == 0);
  CHECK(all.State == KTHREAD_STATE::Standby);
  CHECK_MUTANT(m, 0, &all, 0);
  CHECK(e.Header.SignalState == 0);
  CHECK(owner.KernelApcDisable == 0);
}

TEST_CASE("A zero-timeout WaitAll poll with one object unavailable acquires nothing") {
  Model model(2);
  model.start(0);
  KTHREAD& t = model.start(1);
  KEVENT& ready = model.synchronization_event(true);
  KEVENT& not_ready = model.synchronization_event(false);
  const CallResult r = model.wait_multiple(1, {&ready.Header, &not_ready.Header}, WAIT_TYPE::WaitAll, 0);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == STATUS_TIMEOUT);
  CHECK(ready.Header.SignalState == 1);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK_NO_WAITERS(ready.Header);
  CHECK_NO_WAITERS(not_ready.Header);
}

TEST_CASE("A multiple wait that times out is removed from every object's list") {
  Model model(2);
  model.start(0);
  KTHREAD& t = model.start(1);
  KEVENT& e0 = model.notification_event(false);
  KEVENT& e1 = model.notification_event(false);
  const CallResult r = model.wait_multiple(1, {&e0.Header, &e1.Header}, WAIT_TYPE::WaitAny, -10 * 10000);
  CHECK(r.Kind == Outcome::Blocked);
  CHECK(t.Timer.Inserted);
  CHECK(t.WaitBlock[TIMER_WAIT_BLOCK].WaitKey == STATUS_TIMEOUT);
  model.tick();
  CHECK(t.State == KTHREAD_STATE::Standby);
  CHECK(t.WaitStatus == STATUS_TIMEOUT);
  CHECK_NO_WAITERS(e0.Header);
  CHECK_NO_WAITERS(e1.Header);
  model.dispatch(1);
  CHECK(model.d.wait_status(t) == STATUS_TIMEOUT);
  CHECK(model.set_event(0, e1).Status == 0);
  CHECK(e1.Header.SignalState == 1);
}

TEST_CASE("Object-count limits: more than 3 objects need a wait-block array, more than 64 are never allowed") {
  Model model(2);
  KTHREAD& t = model.start(0);
  model.start(1);
  std::vector<DISPATCHER_HEADER*> objects;
  for (int i = 0; i < 65; ++i) objects.push_back(&model.notification_event(false).Header);
  auto first = [&](std::size_t n) {
    return std::vector<DISPATCHER_HEADER*>(objects.begin(), objects.begin() + static_cast<long>(n));
  };

  SUBCASE("4 objects without an array") {
    const CallResult r = model.wait_multiple(0, first(4), WAIT_TYPE::WaitAny);
    // ref §1.4 / §2.7: Count > THREAD_WAIT_OBJECTS without an array → bugcheck 0xC.
    CHECK(r.Kind == Outcome::Bugcheck);
    REQUIRE(model.d.bugcheck().has_value());
    CHECK(model.d.bugcheck()->Code == MAXIMUM_WAIT_OBJECTS_EXCEEDED);
    CHECK(model.d.bugcheck()->Code == 0xCu);
    CHECK(model.d.bugcheck()->Thread == t.Header.Self);
    CHECK(model.d.bugcheck()->Processor == 0);
    CHECK(t.State == KTHREAD_STATE::Running);
    CHECK_NO_WAITERS(*objects[0]);
  }
  SUBCASE("65 objects with an array") {
    const CallResult r = model.wait_multiple(0, first(65), WAIT_TYPE::WaitAny, kInfinite, kWaitBlockArrayBase);
    CHECK(r.Kind == Outcome::Bugcheck);
    REQUIRE(model.d.bugcheck().has_value());
    CHECK(model.d.bugcheck()->Code == MAXIMUM_WAIT_OBJECTS_EXCEEDED);
  }
  SUBCASE("64 objects with an array block on all of them, the blocks in the caller's array") {
    const CallResult r = model.wait_multiple(0, first(64), WAIT_TYPE::WaitAny, kInfinite, kWaitBlockArrayBase);
    CHECK(r.Kind == Outcome::Blocked);
    CHECK(model.d.bugcheck() == std::nullopt);
    CHECK(t.WaitBlockCount == 64);
    CHECK(t.WaitBlockList->WaitListEntry.Self == kWaitBlockArrayBase);
    for (std::size_t k = 0; k < 64; ++k) {
      CHECK(waiter_blocks(*objects[k]) == std::vector<Address>{kWaitBlockArrayBase + k * KWAIT_BLOCK::Size});
    }
    CHECK(model.set_event(1, *reinterpret_cast<KEVENT*>(objects[63])).Status == 0);
    CHECK(t.WaitStatus == 63);
    for (std::size_t k = 0; k < 64; ++k) CHECK(IsListEmpty(objects[k]->WaitListHead));
  }
  SUBCASE("a supplied array is used even for 3 objects or fewer") {
    // WRK/Docs: WaitBlockArray may be NULL for Count ≤ THREAD_WAIT_OBJECTS; when supplied, the
    // wait uses it (KTHREAD.WaitBlockList points at it).
    const CallResult r = model.wait_multiple(0, first(2), WAIT_TYPE::WaitAll, kInfinite, kWaitBlockArrayBase);
    CHECK(r.Kind == Outcome::Blocked);
    CHECK(t.WaitBlockList->WaitListEntry.Self == kWaitBlockArrayBase);
    CHECK(waiter_blocks(*objects[0]) == std::vector<Address>{kWaitBlockArrayBase});
    CHECK(waiter_blocks(*objects[1]) == std::vector<Address>{kWaitBlockArrayBase + KWAIT_BLOCK::Size});
  }
  SUBCASE("after a bugcheck nothing else happens") {
    CHECK(model.wait_multiple(0, first(4), WAIT_TYPE::WaitAny).Kind == Outcome::Bugcheck);
    KEVENT& e = *reinterpret_cast<KEVENT*>(objects[0]);
    CHECK(model.set_event(0, e).Kind == Outcome::Bugcheck);
    CHECK(e.Header.SignalState == 0);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Bugcheck);
    CHECK(model.d.bugcheck()->Code == MAXIMUM_WAIT_OBJECTS_EXCEEDED);  // the first one stands
  }
}

TEST_CASE("A wait at DISPATCH_LEVEL: a poll is allowed, a blocking wait is a bugcheck") {
  Model model;
  KTHREAD& t = model.start(0);
  KEVENT& e = model.notification_event(false);
  t.Irql = DISPATCH_LEVEL;
  // ref §2.10: at DISPATCH_LEVEL only a zero timeout is allowed.
  const CallResult poll = model.wait(0, e.Header, 0);
  CHECK(poll.Kind == Outcome::Continue);
  CHECK(poll.Status == STATUS_TIMEOUT);
  CHECK(model.d.bugcheck() == std::nullopt);

  SUBCASE("infinite") {
    const CallResult r = model.wait(0, e.Header);
    CHECK(r.Kind == Outcome::Bugcheck);
  }
  SUBCASE("non-zero timeout") {
    const CallResult r = model.wait(0, e.Header, -10000);
    CHECK(r.Kind == Outcome::Bugcheck);
  }
  SUBCASE("WaitForMultipleObjects") {
    const CallResult r = model.wait_multiple(0, {&e.Header}, WAIT_TYPE::WaitAny);
    CHECK(r.Kind == Outcome::Bugcheck);
  }
  // The model reports IRQL_NOT_LESS_OR_EQUAL (0xA) with the IRQL as Arg2, and links nothing.
  REQUIRE(model.d.bugcheck().has_value());
  CHECK(model.d.bugcheck()->Code == IRQL_NOT_LESS_OR_EQUAL);
  CHECK(model.d.bugcheck()->Args[1] == DISPATCH_LEVEL);
  CHECK(model.d.bugcheck()->Thread == t.Header.Self);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK_NO_WAITERS(e.Header);
  CHECK_FALSE(t.Timer.Inserted);
}

TEST_CASE("A blocking wait at APC_LEVEL is allowed and records WaitIrql") {
  Model model(2);
  model.start(0);
  KTHREAD& t = model.start(1);
  KEVENT& e = model.notification_event(false);
  t.Irql = APC_LEVEL;
  // ref §2.10: a NULL or non-zero timeout requires IRQL <= APC_LEVEL; §2.3: WaitIrql = entry IRQL.
  CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
  CHECK(model.d.bugcheck() == std::nullopt);
  CHECK(t.WaitIrql == APC_LEVEL);
  CHECK(t.State == KTHREAD_STATE::Waiting);
  CHECK(model.set_event(0, e).Status == 0);
  CHECK(t.State == KTHREAD_STATE::Standby);
}
