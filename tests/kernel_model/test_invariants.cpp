// check_invariants() must itself be able to fail: each test breaks one rule on purpose, checks the
// checker names it, repairs the state and checks the model is consistent again.
// The rules are the paired checks of style-examples.md item 14.
#include <algorithm>
#include <cstdio>

#include "model_fixture.h"

using namespace kmtest;

namespace {

bool mentions(const std::vector<std::string>& broken, const std::string& text) {
  return std::any_of(broken.begin(), broken.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

std::string hex(Address a) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(a));
  return text;
}

KPRCB& writable(const KPRCB& prcb) { return const_cast<KPRCB&>(prcb); }

#define CHECK_BROKEN(model, text)                                                               \
  do {                                                                                          \
    const std::vector<std::string> broken_ = (model).d.check_invariants();                      \
    CHECK_MESSAGE(mentions(broken_, text), "expected a violation mentioning '", text,           \
                  "', got:", describe(broken_));                                                \
  } while (0)

// A machine with something in every structure: owned mutexes, waiters, ready queues, Standby.
struct Busy {
  Model model{2};
  KTHREAD& owner = model.start(0);
  KTHREAD& waiter1 = model.start(1);
  KMUTANT& m = model.mutex();
  KEVENT& e = model.notification_event(false);
  KTHREAD* waiter2 = nullptr;
  KTHREAD* queued = nullptr;
  KTHREAD* standby = nullptr;

  Busy() {
    REQUIRE(model.wait(0, m.Header).Status == STATUS_SUCCESS);
    REQUIRE(model.wait(1, e.Header).Kind == Outcome::Blocked);
    waiter2 = &model.start(1);
    REQUIRE(model.wait(1, e.Header).Kind == Outcome::Blocked);
    // Six more threads, so the checker walks many threads (not one per processor): the first
    // becomes processor 1's Standby thread (it is idle), the rest queue on processor 0.
    standby = &model.ready_thread(0);
    REQUIRE(standby->State == KTHREAD_STATE::Standby);
    for (int i = 0; i < 5; ++i) {
      KTHREAD& t = model.ready_thread(0);
      REQUIRE(t.State == KTHREAD_STATE::Ready);
      if (i == 0) queued = &t;
    }
    REQUIRE(model.d.Prcb(0).ReadySummary == (1u << 8));
    REQUIRE(model.d.check_invariants().empty());
  }
};

}  // namespace

TEST_CASE("A consistent machine with many threads, owners, waiters, queues and a Standby thread passes") {
  Busy busy;
  CHECK(busy.model.d.check_invariants().empty());
  CHECK(ready_queue(busy.model.d.Prcb(0), 8).size() == 5);
  CHECK(busy.model.d.Prcb(1).NextThread == busy.standby);
  CHECK(waiters(busy.e.Header) == std::vector<const KTHREAD*>{&busy.waiter1, busy.waiter2});
}

TEST_CASE("A corrupt wait list is caught") {
  Busy busy;
  LIST_ENTRY& second = busy.waiter2->WaitBlock[0].WaitListEntry;
  LIST_ENTRY* const saved = second.Blink;
  second.Blink = &busy.e.Header.WaitListHead;  // the first block's Flink no longer comes back
  CHECK_BROKEN(busy.model, "wait list of " + hex(busy.e.Header.Self) + " is corrupt");
  second.Blink = saved;
  busy.model.verify();
}

TEST_CASE("A corrupt ready list is caught") {
  Busy busy;
  LIST_ENTRY& link = busy.queued->WaitListEntry;
  LIST_ENTRY* const saved = link.Flink->Blink;
  link.Flink->Blink = link.Flink;  // the next entry's Blink points at itself
  CHECK_BROKEN(busy.model, "ready list 8 of processor 0 is corrupt");
  link.Flink->Blink = saved;
  busy.model.verify();
}

TEST_CASE("A wrong ReadySummary bit is caught, set or clear") {
  Busy busy;
  KPRCB& prcb = writable(busy.model.d.Prcb(0));
  prcb.ReadySummary |= 1u << 5;
  CHECK_BROKEN(busy.model, "ReadySummary bit 5 of processor 0 disagrees with its list");
  prcb.ReadySummary &= ~(1u << 5);
  busy.model.verify();
  prcb.ReadySummary &= ~(1u << 8);
  CHECK_BROKEN(busy.model, "ReadySummary bit 8 of processor 0 disagrees with its list");
  prcb.ReadySummary |= 1u << 8;
  busy.model.verify();
}

TEST_CASE("A mutant whose owner and SignalState disagree, or that is missing from its owner's list, is caught") {
  Busy busy;
  busy.m.Header.SignalState = 1;  // owned, but says free
  CHECK_BROKEN(busy.model, "mutant " + hex(busy.m.Header.Self) + " has an owner iff SignalState <= 0 does not hold");
  busy.m.Header.SignalState = 0;
  busy.model.verify();

  RemoveEntryList(busy.m.MutantListEntry);
  CHECK_BROKEN(busy.model, "mutant " + hex(busy.m.Header.Self) + " is not on its owner's MutantListHead");
  InsertTailList(busy.owner.MutantListHead, busy.m.MutantListEntry);
  busy.model.verify();
}

TEST_CASE("A signalled object with a WaitAny waiter (a lost wake-up) is caught") {
  Busy busy;
  busy.e.Header.SignalState = 1;
  CHECK_BROKEN(busy.model, "object " + hex(busy.e.Header.Self) + " is signalled with a WaitAny waiter");
  busy.e.Header.SignalState = 0;
  busy.model.verify();
}

TEST_CASE("A queued wait block of a thread that is not Waiting, and a Waiting thread's missing block, are caught") {
  Busy busy;
  busy.waiter1.State = KTHREAD_STATE::Ready;
  CHECK_BROKEN(busy.model, "thread " + hex(busy.waiter1.Header.Self) + " is queued on " + hex(busy.e.Header.Self) +
                               " but not Waiting");
  CHECK_BROKEN(busy.model, "is Ready but in no queue");
  CHECK_BROKEN(busy.model, "is not Waiting but has an active wait block");
  busy.waiter1.State = KTHREAD_STATE::Waiting;
  busy.model.verify();

  KWAIT_BLOCK& block = busy.waiter2->WaitBlock[0];
  RemoveEntryList(block.WaitListEntry);
  CHECK_BROKEN(busy.model, "waiting thread " + hex(busy.waiter2->Header.Self) + " has a block missing from " +
                               hex(busy.e.Header.Self));
  InsertTailList(busy.e.Header.WaitListHead, block.WaitListEntry);
  busy.model.verify();

  block.Object = &busy.m.Header;
  CHECK_BROKEN(busy.model, "a wait block on " + hex(busy.e.Header.Self) + " names another object");
  block.Object = &busy.e.Header;
  block.BlockState = KWAIT_BLOCK_STATE::WaitBlockInactive;
  CHECK_BROKEN(busy.model, "an inactive wait block is queued on " + hex(busy.e.Header.Self));
  block.BlockState = KWAIT_BLOCK_STATE::WaitBlockActive;
  busy.model.verify();
}

TEST_CASE("Ready-queue membership: wrong state, wrong priority, two places at once") {
  Busy busy;
  KTHREAD& q = *busy.queued;
  q.State = KTHREAD_STATE::Waiting;
  CHECK_BROKEN(busy.model, "thread " + hex(q.Header.Self) + " is queued but not Ready");
  q.State = KTHREAD_STATE::Ready;
  q.Priority = 9;
  CHECK_BROKEN(busy.model, "thread " + hex(q.Header.Self) + " is queued at the wrong priority");
  q.Priority = 8;
  busy.model.verify();

  KPRCB& prcb = writable(busy.model.d.Prcb(0));
  KTHREAD* const saved = prcb.NextThread;
  prcb.NextThread = &q;  // queued and Standby at once
  CHECK_BROKEN(busy.model, "processor 0's NextThread is not Standby");
  CHECK_BROKEN(busy.model, "thread " + hex(q.Header.Self) + " is in more than one queue");
  prcb.NextThread = saved;
  busy.model.verify();
}

TEST_CASE("Processor state: a current thread that is not Running, a Standby thread that is not Standby") {
  Busy busy;
  busy.owner.State = KTHREAD_STATE::Ready;
  CHECK_BROKEN(busy.model, "processor 0 does not run a Running thread");
  busy.owner.State = KTHREAD_STATE::Running;
  busy.model.verify();
  busy.standby->State = KTHREAD_STATE::Ready;
  CHECK_BROKEN(busy.model, "processor 1's NextThread is not Standby");
  busy.standby->State = KTHREAD_STATE::Standby;
  busy.model.verify();
  busy.waiter1.State = KTHREAD_STATE::Running;
  CHECK_BROKEN(busy.model, "thread " + hex(busy.waiter1.Header.Self) + " is Running but in no queue");
  busy.waiter1.State = KTHREAD_STATE::Waiting;
  busy.model.verify();
}

TEST_CASE("An idle summary bit that disagrees with its processor's threads is caught") {
  Busy busy;
  // Processor 1 runs its idle thread with a Standby thread: not idle. Without the Standby it is.
  KPRCB& prcb = const_cast<KPRCB&>(busy.model.d.Prcb(1));
  prcb.NextThread = nullptr;
  CHECK_BROKEN(busy.model, "the idle summary bit of processor 1 disagrees with its threads");
  prcb.NextThread = busy.standby;
  busy.model.verify();
}

TEST_CASE("A terminated thread that still owns a mutant is caught") {
  Busy busy;
  busy.owner.State = KTHREAD_STATE::Terminated;
  CHECK_BROKEN(busy.model, "terminated thread " + hex(busy.owner.Header.Self) + " still owns mutants");
  busy.owner.State = KTHREAD_STATE::Running;
  busy.model.verify();
}

TEST_CASE("Timer bookkeeping: a stale timer-table key, a lost Inserted flag, a disarmed or leftover timeout") {
  Model model(2);
  model.start(0);
  KTHREAD& sleeper = model.start(1);
  KTIMER& t = model.timer(TIMER_TYPE::NotificationTimer);
  CHECK_FALSE(model.set_timer(t, -10 * 10000));
  CHECK(model.delay(1, -10 * 10000).Kind == Outcome::Blocked);
  model.verify();

  const ULONG64 due = t.DueTime;
  t.DueTime += 1;
  CHECK_BROKEN(model, "timer " + hex(t.Header.Self) + " is in the timer table under a stale key or not Inserted");
  t.DueTime = due;
  t.Inserted = false;
  CHECK_BROKEN(model, "timer " + hex(t.Header.Self) + " is in the timer table under a stale key or not Inserted");
  t.Inserted = true;
  model.verify();

  sleeper.Timer.Inserted = false;
  CHECK_BROKEN(model, "waiting thread " + hex(sleeper.Header.Self) + "'s timeout is not armed");
  CHECK_BROKEN(model, "is in the timer table under a stale key or not Inserted");
  sleeper.Timer.Inserted = true;
  model.verify();

  sleeper.PendingWait.HasTimeout = false;
  CHECK_BROKEN(model, "waiting thread " + hex(sleeper.Header.Self) + " has a timeout armed for an infinite wait");
  sleeper.PendingWait.HasTimeout = true;
  model.verify();

  model.tick();  // both expire
  CHECK(sleeper.State == KTHREAD_STATE::Standby);
  sleeper.WaitBlock[TIMER_WAIT_BLOCK].BlockState = KWAIT_BLOCK_STATE::WaitBlockActive;
  CHECK_BROKEN(model, "thread " + hex(sleeper.Header.Self) + " is not Waiting but its timeout is armed");
  sleeper.WaitBlock[TIMER_WAIT_BLOCK].BlockState = KWAIT_BLOCK_STATE::WaitBlockInactive;
  model.verify();
}
