// KTIMER conformance: KeSetTimerEx / KeCancelTimer results, expiry on clock ticks, periodic
// timers, DPCs, and wake-all vs wake-one.
// Expectations are documented Windows behaviour (nt-dispatcher.md §1.2, §2.3, §2.6, §3.4).
#include "model_fixture.h"

using namespace kmtest;

namespace {
constexpr LONG64 ms(LONG64 n) { return n * 10000; }  // 100 ns units
}  // namespace

TEST_CASE("KeInitializeTimerEx: Type 8/9, Size 0x10, not signalled, not inserted") {
  Model model;
  KTIMER& notification = model.timer(TIMER_TYPE::NotificationTimer);
  KTIMER& synchronization = model.timer(TIMER_TYPE::SynchronizationTimer);
  CHECK(notification.Header.Type == TimerNotificationObject);
  CHECK(synchronization.Header.Type == TimerSynchronizationObject);
  CHECK(notification.Header.Size == 0x10);
  CHECK(notification.Header.SignalState == 0);
  CHECK_FALSE(notification.Inserted);
  CHECK(notification.TimerListEntry.Self == notification.Header.Self + 0x20);
  CHECK_NO_WAITERS(notification.Header);
  CHECK_NO_WAITERS(synchronization.Header);
  CHECK(model.d.next_timer_due() == std::nullopt);
}

TEST_CASE("A relative timer expires at the first clock tick at or after its due time") {
  Model model;
  KTIMER& t = model.timer(TIMER_TYPE::NotificationTimer);

  SUBCASE("due inside the first tick") {
    CHECK_FALSE(model.set_timer(t, -ms(10)));  // FALSE: it was not inserted before
    CHECK(t.Inserted);
    CHECK(t.DueTime == static_cast<ULONG64>(ms(10)));
    CHECK(t.Header.SignalState == 0);
    CHECK(model.d.next_timer_due() == std::optional<ULONG64>(ms(10)));
    model.tick();
    CHECK(model.d.InterruptTime() == kTick);
    CHECK(t.Header.SignalState == 1);
    CHECK_FALSE(t.Inserted);
  }
  SUBCASE("due exactly on a tick") {
    CHECK_FALSE(model.set_timer(t, -static_cast<LONG64>(kTick)));
    model.tick();
    CHECK(t.Header.SignalState == 1);
  }
  SUBCASE("due just after a tick waits for the next one") {
    CHECK_FALSE(model.set_timer(t, -static_cast<LONG64>(kTick) - 1));
    model.tick();
    CHECK(t.Header.SignalState == 0);
    CHECK(t.Inserted);
    model.tick();
    CHECK(t.Header.SignalState == 1);
    CHECK_FALSE(t.Inserted);
  }
  SUBCASE("relative to the current time within a tick") {
    model.advance_to(ms(10));
    CHECK_FALSE(model.set_timer(t, -static_cast<LONG64>(kTick)));
    CHECK(t.DueTime == static_cast<ULONG64>(ms(10)) + kTick);
    model.tick();
    CHECK(t.Header.SignalState == 0);
    model.tick();
    CHECK(t.Header.SignalState == 1);
  }
}

TEST_CASE("An absolute due time counts from the boot system time; one already past signals at once") {
  Model model;
  KTIMER& future = model.timer(TIMER_TYPE::NotificationTimer);
  KTIMER& past = model.timer(TIMER_TYPE::NotificationTimer);
  model.advance_to(ms(5));

  // ref §2.3 step 1: positive = absolute system time.
  CHECK_FALSE(model.set_timer(future, kBootSystemTime + 2 * kTick));
  CHECK(future.DueTime == 2 * kTick);
  model.tick();
  CHECK(future.Header.SignalState == 0);
  model.tick();
  CHECK(future.Header.SignalState == 1);

  // ref §2.6: a past absolute time signals now, without waiting for a tick.
  CHECK_FALSE(model.set_timer(past, kBootSystemTime + ms(1), 0, &model.dpc()));
  CHECK(past.Header.SignalState == 1);
  CHECK_FALSE(past.Inserted);
  CHECK(model.retire_dpcs() == std::vector<Address>{kDpcBase});
}

TEST_CASE("KeSetTimerEx returns TRUE for an inserted timer and re-arms it; KeCancelTimer likewise") {
  Model model;
  KTIMER& t = model.timer(TIMER_TYPE::NotificationTimer);
  CHECK_FALSE(model.set_timer(t, -ms(10)));
  // ref §2.6: TRUE if it was in the timer table (cancelled first).
  CHECK(model.set_timer(t, -ms(40)));
  CHECK(t.DueTime == static_cast<ULONG64>(ms(40)));
  model.tick();
  CHECK(t.Header.SignalState == 0);  // the first due time no longer applies
  CHECK(model.cancel_timer(t));
  CHECK_FALSE(t.Inserted);
  CHECK_FALSE(model.cancel_timer(t));
  model.ticks(3);
  CHECK(t.Header.SignalState == 0);

  // Setting a signalled timer resets it; cancelling leaves the state alone.
  CHECK_FALSE(model.set_timer(t, -ms(1)));
  model.tick();
  CHECK(t.Header.SignalState == 1);
  CHECK_FALSE(model.set_timer(t, -ms(100)));
  CHECK(t.Header.SignalState == 0);
  CHECK(model.cancel_timer(t));
  CHECK(t.Header.SignalState == 0);
  CHECK_FALSE(model.set_timer(t, -ms(1)));
  model.tick();
  CHECK_FALSE(model.cancel_timer(t));
  CHECK(t.Header.SignalState == 1);
}

TEST_CASE("A periodic timer is re-armed at each expiry, relative to the expiry, and queues its DPC each time") {
  Model model;
  KTIMER& t = model.timer(TIMER_TYPE::SynchronizationTimer);
  CHECK_FALSE(model.set_timer(t, -ms(10), 20, &model.dpc()));
  CHECK(t.Period == 20);
  CHECK(t.Dpc->Self == kDpcBase);
  model.tick();  // 15.625 ms: first expiry (due 10 ms)
  CHECK(model.retire_dpcs() == std::vector<Address>{kDpcBase});
  CHECK(t.Header.SignalState == 1);
  // WRK KiTimerListExpire: the next due time is Period after the expiry (a relative insertion).
  CHECK(t.Inserted);
  CHECK(t.DueTime == kTick + static_cast<ULONG64>(ms(20)));  // 35.625 ms
  model.tick();  // 31.25 ms
  CHECK(model.retire_dpcs().empty());
  model.tick();  // 46.875 ms
  CHECK(model.retire_dpcs() == std::vector<Address>{kDpcBase});
  CHECK(t.DueTime == 3 * kTick + static_cast<ULONG64>(ms(20)));
  CHECK(model.cancel_timer(t));
  model.ticks(4);
  CHECK(model.retire_dpcs().empty());
}

TEST_CASE("A periodic timer shorter than the clock tick fires once per tick") {
  Model model;
  KTIMER& t = model.timer(TIMER_TYPE::NotificationTimer);
  CHECK_FALSE(model.set_timer(t, -ms(1), 1, &model.dpc()));
  for (int i = 0; i < 4; ++i) {
    model.tick();
    CHECK(model.retire_dpcs() == std::vector<Address>{kDpcBase});
    CHECK(t.DueTime == model.d.InterruptTime() + static_cast<ULONG64>(ms(1)));
  }
}

TEST_CASE("Timers due in one tick expire by due time, then insertion, unless the choice point says otherwise") {
  const Address dpc_a = kDpcBase, dpc_b = kDpcBase + 0x40, dpc_c = kDpcBase + 0x80;

  SUBCASE("the default order") {
    Model model;
    KTIMER& a = model.timer(TIMER_TYPE::NotificationTimer);
    KTIMER& b = model.timer(TIMER_TYPE::NotificationTimer);
    KTIMER& c = model.timer(TIMER_TYPE::NotificationTimer);
    model.set_timer(a, -ms(12), 0, &model.dpc(dpc_a));
    model.set_timer(b, -ms(5), 0, &model.dpc(dpc_b));
    model.set_timer(c, -ms(12), 0, &model.dpc(dpc_c));
    model.tick();
    CHECK(model.retire_dpcs() == std::vector<Address>{dpc_b, dpc_a, dpc_c});
  }
  SUBCASE("a scripted order") {
    ScriptedChoices choices({2});
    Model model(1, &choices);
    KTIMER& a = model.timer(TIMER_TYPE::NotificationTimer);
    KTIMER& b = model.timer(TIMER_TYPE::NotificationTimer);
    KTIMER& c = model.timer(TIMER_TYPE::NotificationTimer);
    model.set_timer(a, -ms(1), 0, &model.dpc(dpc_a));
    model.set_timer(b, -ms(2), 0, &model.dpc(dpc_b));
    model.set_timer(c, -ms(3), 0, &model.dpc(dpc_c));
    model.tick();
    CHECK(model.retire_dpcs() == std::vector<Address>{dpc_c, dpc_a, dpc_b});
    REQUIRE(choices.asked.size() == 2);
    CHECK(choices.asked[0] == std::make_pair(ChoiceKind::TimerOrder, 3u));
    CHECK(choices.asked[1] == std::make_pair(ChoiceKind::TimerOrder, 2u));
  }
}

TEST_CASE("A notification timer releases every waiter; a synchronization timer releases one and resets") {
  Model model(3);
  model.start(0);
  KTHREAD& w1 = model.start(1);
  KTHREAD& w2 = model.start(2);

  SUBCASE("notification") {
    KTIMER& t = model.timer(TIMER_TYPE::NotificationTimer);
    model.set_timer(t, -ms(1));
    CHECK(model.wait(1, t.Header).Kind == Outcome::Blocked);
    CHECK(model.wait(2, t.Header).Kind == Outcome::Blocked);
    model.tick();
    CHECK(t.Header.SignalState == 1);
    CHECK(w1.State == KTHREAD_STATE::Standby);
    CHECK(w2.State == KTHREAD_STATE::Standby);
    CHECK(w1.WaitStatus == 0);
    CHECK(w1.Priority == 8);  // TIMER_EXPIRE_INCREMENT is 0 (ref §1.4)
    CHECK_NO_WAITERS(t.Header);
    // Still signalled: a later wait is satisfied at once.
    CHECK(model.wait(0, t.Header).Status == STATUS_SUCCESS);
  }
  SUBCASE("synchronization") {
    KTIMER& t = model.timer(TIMER_TYPE::SynchronizationTimer);
    model.set_timer(t, -ms(1));
    CHECK(model.wait(1, t.Header).Kind == Outcome::Blocked);
    CHECK(model.wait(2, t.Header).Kind == Outcome::Blocked);
    model.tick();
    CHECK(t.Header.SignalState == 0);
    CHECK(w1.State == KTHREAD_STATE::Standby);
    CHECK(w2.State == KTHREAD_STATE::Waiting);
    CHECK(waiters(t.Header) == std::vector<const KTHREAD*>{&w2});
  }
}
