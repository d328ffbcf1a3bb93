// KeDelayExecutionThread and wait timeouts: the thread's own timer, relative/absolute/infinite
// timeouts, expiry on clock ticks, a timeout racing a signal, zero-interval yields.
// Expectations are documented Windows behaviour (nt-dispatcher.md §2.3, §2.6, §2.8, §2.9, §3.4).
#include "model_fixture.h"

using namespace kmtest;

namespace {
constexpr LONG64 ms(LONG64 n) { return n * 10000; }  // 100 ns units
}  // namespace

TEST_CASE("A relative delay: a timer-only DelayExecution wait, ended by the first tick at or after it") {
  Model model;
  KTHREAD& t = model.start(0);
  model.tick();
  model.advance_to(kTick + ms(3));
  const ULONG switches = t.ContextSwitches;

  const CallResult r = model.delay(0, -ms(20));
  // ref §2.8: a timer-only wait, WaitReason DelayExecution (4), KernelMode, non-alertable.
  CHECK(r.Kind == Outcome::Blocked);
  CHECK(t.State == KTHREAD_STATE::Waiting);
  CHECK(t.WaitReason == KWAIT_REASON::DelayExecution);
  CHECK(static_cast<int>(t.WaitReason) == 4);
  CHECK(t.WaitMode == KPROCESSOR_MODE::KernelMode);
  CHECK_FALSE(t.Alertable);
  CHECK(t.WaitTime == 1);  // KeTickCount when the wait began
  CHECK(t.WaitBlockCount == 0);
  CHECK(t.Timer.Inserted);
  CHECK(t.Timer.DueTime == kTick + ms(3) + ms(20));
  const KWAIT_BLOCK& timer_block = t.WaitBlock[TIMER_WAIT_BLOCK];
  CHECK(timer_block.WaitListEntry.Self == wait_block_address(t, TIMER_WAIT_BLOCK));
  CHECK(timer_block.BlockState == KWAIT_BLOCK_STATE::WaitBlockActive);
  CHECK(timer_block.WaitKey == STATUS_TIMEOUT);
  CHECK(timer_block.Object == &t.Timer.Header);
  CHECK(model.d.is_idle(0));
  CHECK(model.d.next_timer_due() == std::optional<ULONG64>(kTick + ms(23)));

  model.tick();  // 31.25 ms < 38.625 ms
  CHECK(t.State == KTHREAD_STATE::Waiting);
  model.tick();  // 46.875 ms ≥ due
  CHECK(t.State == KTHREAD_STATE::Standby);
  CHECK(t.WaitStatus == STATUS_TIMEOUT);
  CHECK(timer_block.BlockState == KWAIT_BLOCK_STATE::WaitBlockInactive);
  CHECK_FALSE(t.Timer.Inserted);
  CHECK(&model.dispatch(0) == &t);
  CHECK(t.ContextSwitches == switches + 1);
  // ref §2.8: the timer's STATUS_TIMEOUT is returned as STATUS_SUCCESS.
  CHECK(model.d.wait_status(t) == STATUS_SUCCESS);
}

TEST_CASE("An absolute delay counts from the boot system time; one already past returns at once") {
  Model model;
  KTHREAD& t = model.start(0);
  const CallResult r = model.delay(0, kBootSystemTime + 3 * kTick);
  CHECK(r.Kind == Outcome::Blocked);
  CHECK(t.Timer.DueTime == 3 * kTick);
  model.ticks(2);
  CHECK(t.State == KTHREAD_STATE::Waiting);
  model.tick();
  CHECK(t.State == KTHREAD_STATE::Standby);
  model.dispatch(0);
  CHECK(model.d.wait_status(t) == STATUS_SUCCESS);

  const ULONG switches = t.ContextSwitches;
  const ULONG wait_time = t.WaitTime;
  const CallResult past = model.delay(0, kBootSystemTime + kTick);
  CHECK(past.Kind == Outcome::Continue);
  CHECK(past.Status == STATUS_SUCCESS);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK(t.ContextSwitches == switches);
  CHECK(t.WaitTime == wait_time);
  CHECK_FALSE(t.Timer.Inserted);
}

TEST_CASE("Wait timeouts: relative, absolute and infinite") {
  Model model(2);
  model.start(0);
  KTHREAD& t = model.start(1);
  KEVENT& e = model.notification_event(false);

  SUBCASE("relative") {
    CHECK(model.wait(1, e.Header, -ms(16)).Kind == Outcome::Blocked);
    CHECK(t.Timer.DueTime == static_cast<ULONG64>(ms(16)));
    model.tick();  // 15.625 ms < 16 ms
    CHECK(t.State == KTHREAD_STATE::Waiting);
    model.tick();
    CHECK(t.State == KTHREAD_STATE::Standby);
    CHECK(t.WaitStatus == STATUS_TIMEOUT);
    model.dispatch(1);
    CHECK(model.d.wait_status(t) == STATUS_TIMEOUT);
  }
  SUBCASE("absolute") {
    CHECK(model.wait(1, e.Header, kBootSystemTime + kTick).Kind == Outcome::Blocked);
    model.tick();
    CHECK(t.State == KTHREAD_STATE::Standby);
    model.dispatch(1);
    CHECK(model.d.wait_status(t) == STATUS_TIMEOUT);
  }
  SUBCASE("an absolute time already past is a poll") {
    model.ticks(2);
    const CallResult r = model.wait(1, e.Header, kBootSystemTime + kTick);
    CHECK(r.Kind == Outcome::Continue);
    CHECK(r.Status == STATUS_TIMEOUT);
    CHECK(t.State == KTHREAD_STATE::Running);
  }
  SUBCASE("infinite") {
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK_FALSE(t.Timer.Inserted);
    CHECK(model.d.next_timer_due() == std::nullopt);
    model.ticks(100);
    CHECK(t.State == KTHREAD_STATE::Waiting);
    CHECK(model.set_event(0, e).Status == 0);
    CHECK(t.State == KTHREAD_STATE::Standby);
    model.dispatch(1);
    CHECK(model.d.wait_status(t) == STATUS_SUCCESS);
  }
  CHECK_NO_WAITERS(e.Header);
  CHECK_FALSE(t.Timer.Inserted);
}

TEST_CASE("A timeout racing a signal in the same tick: whichever the step order applies first wins") {
  Model model(2);
  model.start(0);
  KTHREAD& t = model.start(1);
  KEVENT& e = model.synchronization_event(false);
  CHECK(model.wait(1, e.Header, -ms(10)).Kind == Outcome::Blocked);

  SUBCASE("the signal comes first, within the tick") {
    model.advance_to(ms(12));  // past the due time, but no tick has processed it
    CHECK(t.State == KTHREAD_STATE::Waiting);
    CHECK(model.set_event(0, e).Status == 0);
    CHECK(t.State == KTHREAD_STATE::Standby);
    CHECK(t.WaitStatus == STATUS_SUCCESS);
    CHECK(e.Header.SignalState == 0);  // consumed by the waiter
    CHECK_FALSE(t.Timer.Inserted);      // the unwait cancelled the timeout
    model.tick();
    CHECK(t.WaitStatus == STATUS_SUCCESS);
    model.dispatch(1);
    CHECK(model.d.wait_status(t) == STATUS_SUCCESS);
  }
  SUBCASE("the tick comes first; the signal later in the same tick finds no waiter") {
    model.tick();
    CHECK(t.State == KTHREAD_STATE::Standby);
    CHECK(t.WaitStatus == STATUS_TIMEOUT);
    CHECK_NO_WAITERS(e.Header);
    model.advance_to(kTick + 1000);
    CHECK(model.set_event(0, e).Status == 0);
    CHECK(e.Header.SignalState == 1);  // nobody took it
    model.dispatch(1);
    CHECK(model.d.wait_status(t) == STATUS_TIMEOUT);
  }
}

TEST_CASE("KeDelayExecutionThread(0): a yield (NtYieldExecution)") {
  Model model(1);
  KTHREAD& t = model.start(0);

  SUBCASE("no ready thread: STATUS_NO_YIELD_PERFORMED and no switch") {
    const ULONG switches = t.ContextSwitches;
    const CallResult r = model.delay(0, 0);
    // ref §2.8: NoWait with a zero interval returns NtYieldExecution's status.
    CHECK(r.Kind == Outcome::Continue);
    CHECK(r.Status == STATUS_NO_YIELD_PERFORMED);
    CHECK(t.State == KTHREAD_STATE::Running);
    CHECK(t.ContextSwitches == switches);
  }
  SUBCASE("an equal-priority ready thread runs; the caller goes behind it") {
    KTHREAD& other = model.ready_thread(0);
    KTHREAD& third = model.ready_thread(0);
    model.tick();  // quantum 6 → 3
    CHECK(t.Quantum == 3);
    const CallResult r = model.delay(0, 0);
    CHECK(r.Kind == Outcome::Continue);
    CHECK(r.Status == STATUS_SUCCESS);
    CHECK(model.d.Prcb(0).CurrentThread == &other);
    CHECK(other.State == KTHREAD_STATE::Running);
    // ref §2.8: quantum reset, WaitReason WrYieldExecution, to the tail of its queue.
    CHECK(t.State == KTHREAD_STATE::Ready);
    CHECK(t.WaitReason == KWAIT_REASON::WrYieldExecution);
    CHECK(t.WaitTime == 1);
    CHECK(t.Quantum == 6);
    CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&third, &t});
  }
  SUBCASE("a boosted caller decays one step as it yields") {
    KEVENT& e = model.synchronization_event(false);
    KTHREAD& setter = model.ready_thread(0);
    CHECK(model.wait(0, e.Header).Kind == Outcome::Blocked);
    CHECK(model.d.Prcb(0).CurrentThread == &setter);
    CHECK(model.set_event(0, e).Status == 0);  // t: 9 > 8 → preempts the setter
    CHECK(t.Priority == 9);
    model.dispatch(0);
    CHECK(model.d.Prcb(0).CurrentThread == &t);
    const CallResult r = model.delay(0, 0);
    CHECK(r.Status == STATUS_SUCCESS);
    CHECK(t.Priority == 8);  // ref §2.8: decay one step
    CHECK(model.d.Prcb(0).CurrentThread == &setter);
    CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&t});
  }
  SUBCASE("a lower-priority ready thread (priority >= 1) gets the processor too") {
    KTHREAD& low = model.new_thread();
    low.Priority = low.BasePriority = 4;  // as a thread of a base-4 process starts
    model.d.ready_new_thread(low);
    model.verify();
    CHECK(low.State == KTHREAD_STATE::Ready);
    const CallResult r = model.delay(0, 0);
    CHECK(r.Status == STATUS_SUCCESS);
    CHECK(model.d.Prcb(0).CurrentThread == &low);
    CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&t});
    // At low's quantum end the higher-priority caller takes the processor back.
    model.ticks(2);
    CHECK(model.d.Prcb(0).NextThread == &t);
    model.dispatch(0);
    CHECK(model.d.Prcb(0).CurrentThread == &t);
  }
}

TEST_CASE("An alertable delay of an alerted thread returns STATUS_ALERTED and clears the alert") {
  Model model;
  KTHREAD& t = model.start(0);
  t.Alerted[static_cast<std::size_t>(KPROCESSOR_MODE::KernelMode)] = true;
  // ref §2.9: Alertable and Alerted[Mode] → clear it, STATUS_ALERTED.
  const CallResult r = model.delay(0, -ms(10), true);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == STATUS_ALERTED);
  CHECK_FALSE(t.Alerted[0]);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK_FALSE(t.Timer.Inserted);

  // Not alertable: the alert stays pending and the delay blocks.
  t.Alerted[0] = true;
  CHECK(model.delay(0, -ms(10), false).Kind == Outcome::Blocked);
  CHECK(t.Alerted[0]);
}

TEST_CASE("A delay at DISPATCH_LEVEL is a bugcheck, even a zero one (it may switch threads)") {
  Model model;
  KTHREAD& t = model.start(0);
  model.ready_thread(0);
  t.Irql = DISPATCH_LEVEL;
  SUBCASE("zero") { CHECK(model.delay(0, 0).Kind == Outcome::Bugcheck); }
  SUBCASE("relative") { CHECK(model.delay(0, -ms(10)).Kind == Outcome::Bugcheck); }
  REQUIRE(model.d.bugcheck().has_value());
  CHECK(model.d.bugcheck()->Code == IRQL_NOT_LESS_OR_EQUAL);
  CHECK(model.d.Prcb(0).CurrentThread == &t);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK_FALSE(t.Timer.Inserted);
}
