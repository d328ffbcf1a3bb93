// KEVENT conformance: set/reset/pulse return values, wake-all vs wake-one, polls.
// Expectations are documented Windows behaviour (nt-dispatcher.md §1.1, §2.1, §2.3, §2.6, §5.3).
#include "model_fixture.h"

using namespace kmtest;

TEST_CASE("KeInitializeEvent: Type 0/1, Size 6, SignalState = State, an empty wait list") {
  Model model;
  KEVENT& notification = model.notification_event(false);
  KEVENT& synchronization = model.synchronization_event(true);
  // ref §1.1, §2.1; DUMP3 shows a synchronization event header as Lock 0x00060001.
  CHECK(notification.Header.Type == EventNotificationObject);
  CHECK(notification.Header.Size == 6);
  CHECK(notification.Header.SignalState == 0);
  CHECK(notification.Header.Reserved1 == 0);
  CHECK_NO_WAITERS(notification.Header);
  CHECK(synchronization.Header.Type == EventSynchronizationObject);
  CHECK(synchronization.Header.Size == 6);
  CHECK(synchronization.Header.SignalState == 1);
  CHECK_NO_WAITERS(synchronization.Header);
}

TEST_CASE("KeSetEvent / KeResetEvent / KeClearEvent return and store the documented states") {
  Model model;
  model.start(0);
  KEVENT& e = model.notification_event(false);

  // ref §2.6: KeSetEvent returns the previous state; a set event stays set.
  CallResult r = model.set_event(0, e);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == 0);
  CHECK(e.Header.SignalState == 1);
  r = model.set_event(0, e);
  CHECK(r.Status == 1);
  CHECK(e.Header.SignalState == 1);
  // KeResetEvent returns the previous state.
  CHECK(model.reset_event(e) == 1);
  CHECK(e.Header.SignalState == 0);
  CHECK(model.reset_event(e) == 0);
  CHECK(e.Header.SignalState == 0);
  CHECK(model.set_event(0, e).Status == 0);
  model.clear_event(e);
  CHECK(e.Header.SignalState == 0);
  CHECK_NO_WAITERS(e.Header);
}

TEST_CASE("Waiting on a signalled event: a notification event stays set, a synchronization event resets") {
  Model model;
  KTHREAD& t = model.start(0);
  KEVENT& notification = model.notification_event(true);
  KEVENT& synchronization = model.synchronization_event(true);
  const ULONG switches = t.ContextSwitches;
  const ULONG wait_time = t.WaitTime;
  const KWAIT_REASON reason = t.WaitReason;

  // ref §2.2: notification objects are unchanged by a satisfied wait; sync events go to 0.
  CallResult r = model.wait(0, notification.Header, kInfinite, KWAIT_REASON::UserRequest);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == STATUS_SUCCESS);
  CHECK(notification.Header.SignalState == 1);
  r = model.wait(0, synchronization.Header, kInfinite, KWAIT_REASON::UserRequest);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == STATUS_SUCCESS);
  CHECK(synchronization.Header.SignalState == 0);
  // ref §2.3 step 3, §5.3: State, WaitReason, WaitTime, ContextSwitches untouched.
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK(t.WaitReason == reason);
  CHECK(t.WaitTime == wait_time);
  CHECK(t.ContextSwitches == switches);
  CHECK_NO_WAITERS(notification.Header);
  CHECK_NO_WAITERS(synchronization.Header);
}

TEST_CASE("A zero-timeout poll returns STATUS_TIMEOUT without blocking") {
  Model model;
  KTHREAD& t = model.ready_thread(0);
  model.dispatch(0);
  model.tick();  // so that WaitTime (0) and the current tick differ
  KEVENT& e = model.synchronization_event(false);
  const ULONG switches = t.ContextSwitches;
  const ULONG wait_time = t.WaitTime;
  const KWAIT_REASON reason = t.WaitReason;

  // ref §2.3 step 5: the `*Timeout == 0` poll.
  const CallResult r = model.wait(0, e.Header, 0, KWAIT_REASON::WrKernel);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == STATUS_TIMEOUT);
  CHECK(static_cast<ULONG>(r.Status) == 0x102u);
  // ref §5.3: a poll leaves the wait fields untouched and links nothing.
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK(t.WaitReason == reason);
  CHECK(t.WaitTime == wait_time);
  CHECK(t.ContextSwitches == switches);
  CHECK_FALSE(t.Timer.Inserted);
  CHECK_NO_WAITERS(e.Header);
  CHECK(model.d.next_timer_due() == std::nullopt);

  // A poll of a signalled synchronization event acquires it.
  CHECK(model.set_event(0, e).Status == 0);
  const CallResult hit = model.wait(0, e.Header, 0);
  CHECK(hit.Kind == Outcome::Continue);
  CHECK(hit.Status == STATUS_SUCCESS);
  CHECK(e.Header.SignalState == 0);
}

TEST_CASE("Notification event: KeSetEvent wakes every waiter and stays signalled (wake-all)") {
  Model model(4);
  model.start(0);
  KTHREAD& w1 = model.start(1);
  KTHREAD& w2 = model.start(2);
  KTHREAD& w3 = model.start(3);
  KEVENT& e = model.notification_event(false);
  for (ULONG cpu = 1; cpu <= 3; ++cpu) CHECK(model.wait(cpu, e.Header).Kind == Outcome::Blocked);
  CHECK(waiters(e.Header) == std::vector<const KTHREAD*>{&w1, &w2, &w3});
  CHECK(links(e.Header.WaitListHead) == std::make_pair(wait_block_address(w1, 0), wait_block_address(w3, 0)));

  const CallResult r = model.set_event(0, e);
  // ref §2.6: notification → unwait all, stays 1; returns the previous state.
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == 0);
  CHECK(e.Header.SignalState == 1);
  CHECK_NO_WAITERS(e.Header);
  for (KTHREAD* w : {&w1, &w2, &w3}) {
    CHECK(w->State == KTHREAD_STATE::Standby);
    CHECK(w->WaitStatus == 0);
    CHECK(w->Priority == 9);  // EVENT_INCREMENT
    CHECK(w->WaitBlock[0].BlockState == KWAIT_BLOCK_STATE::WaitBlockInactive);
  }
  for (ULONG cpu = 1; cpu <= 3; ++cpu) {
    KTHREAD& running = model.dispatch(cpu);
    CHECK(model.d.wait_status(running) == STATUS_SUCCESS);
  }
}

TEST_CASE("Synchronization event: KeSetEvent wakes one waiter and resets (wake-one)") {
  Model model(4);
  model.start(0);
  KTHREAD& w1 = model.start(1);
  KTHREAD& w2 = model.start(2);
  KTHREAD& w3 = model.start(3);
  KEVENT& e = model.synchronization_event(false);
  for (ULONG cpu = 1; cpu <= 3; ++cpu) CHECK(model.wait(cpu, e.Header).Kind == Outcome::Blocked);

  // ref §2.6: from the head, the first WaitAny block takes it (SignalState 0), stop.
  CHECK(model.set_event(0, e).Status == 0);
  CHECK(e.Header.SignalState == 0);
  CHECK(w1.State == KTHREAD_STATE::Standby);
  CHECK(w1.WaitStatus == 0);
  CHECK(w2.State == KTHREAD_STATE::Waiting);
  CHECK(w3.State == KTHREAD_STATE::Waiting);
  CHECK(waiters(e.Header) == std::vector<const KTHREAD*>{&w2, &w3});
  CHECK(links(e.Header.WaitListHead) == std::make_pair(wait_block_address(w2, 0), wait_block_address(w3, 0)));

  CHECK(model.set_event(0, e).Status == 0);
  CHECK(w2.State == KTHREAD_STATE::Standby);
  CHECK(waiters(e.Header) == std::vector<const KTHREAD*>{&w3});
  CHECK(links(e.Header.WaitListHead) == std::make_pair(wait_block_address(w3, 0), wait_block_address(w3, 0)));

  CHECK(model.set_event(0, e).Status == 0);
  CHECK(w3.State == KTHREAD_STATE::Standby);
  CHECK(e.Header.SignalState == 0);
  CHECK_NO_WAITERS(e.Header);

  // No waiters: it stays set until a wait consumes it.
  CHECK(model.set_event(0, e).Status == 0);
  CHECK(e.Header.SignalState == 1);
  CHECK(model.set_event(0, e).Status == 1);
}

TEST_CASE("KePulseEvent: releases the current waiters and leaves the event reset") {
  Model model(3);
  model.start(0);
  KTHREAD& w1 = model.start(1);
  KTHREAD& w2 = model.start(2);

  SUBCASE("notification: every waiter") {
    KEVENT& e = model.notification_event(false);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.wait(2, e.Header).Kind == Outcome::Blocked);
    const CallResult r = model.pulse_event(0, e);
    // ref §2.6: set 1 + KiWaitTest, then 0; returns the previous state.
    CHECK(r.Kind == Outcome::Continue);
    CHECK(r.Status == 0);
    CHECK(e.Header.SignalState == 0);
    CHECK(w1.State == KTHREAD_STATE::Standby);
    CHECK(w2.State == KTHREAD_STATE::Standby);
    CHECK_NO_WAITERS(e.Header);
  }
  SUBCASE("synchronization: one waiter") {
    KEVENT& e = model.synchronization_event(false);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.wait(2, e.Header).Kind == Outcome::Blocked);
    CHECK(model.pulse_event(0, e).Status == 0);
    CHECK(e.Header.SignalState == 0);
    CHECK(w1.State == KTHREAD_STATE::Standby);
    CHECK(w2.State == KTHREAD_STATE::Waiting);
    CHECK(waiters(e.Header) == std::vector<const KTHREAD*>{&w2});
  }
  SUBCASE("no waiters: nothing is left signalled") {
    KEVENT& e = model.notification_event(false);
    CHECK(model.pulse_event(0, e).Status == 0);
    CHECK(e.Header.SignalState == 0);
  }
  SUBCASE("an already signalled event is reset and reports 1") {
    KEVENT& e = model.notification_event(true);
    CHECK(model.pulse_event(0, e).Status == 1);
    CHECK(e.Header.SignalState == 0);
  }
}

TEST_CASE("KeResetEvent does not affect threads already waiting; a later set still wakes them") {
  Model model(2);
  model.start(0);
  KTHREAD& w = model.start(1);
  KEVENT& e = model.notification_event(false);
  CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
  CHECK(model.reset_event(e) == 0);
  CHECK(w.State == KTHREAD_STATE::Waiting);
  CHECK(waiters(e.Header) == std::vector<const KTHREAD*>{&w});
  CHECK(model.set_event(0, e).Status == 0);
  CHECK(w.State == KTHREAD_STATE::Standby);
}

TEST_CASE("A wait with IO_NO_INCREMENT readies the waiter without a boost") {
  Model model(2);
  model.start(0);
  KTHREAD& w = model.start(1);
  KEVENT& e = model.synchronization_event(false);
  CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
  CHECK(model.set_event(0, e, IO_NO_INCREMENT).Status == 0);
  // ref §3.3: new priority = Base + 0 is not above Priority, so it stays 8.
  CHECK(w.Priority == 8);
  CHECK(w.BasePriority == 8);
  CHECK(w.State == KTHREAD_STATE::Standby);
}
