// KSEMAPHORE conformance: counts, previous-count returns, the limit, and FIFO wake-ups.
// Expectations are documented Windows behaviour (nt-dispatcher.md §1.2, §2.1, §2.2, §2.6).
#include "model_fixture.h"

using namespace kmtest;

TEST_CASE("KeInitializeSemaphore: Type 5, Size 8, SignalState = Count, Limit") {
  Model model;
  KSEMAPHORE& s = model.semaphore(2, 5);
  CHECK(s.Header.Type == SemaphoreObject);
  CHECK(s.Header.Size == 8);
  CHECK(s.Header.SignalState == 2);
  CHECK(s.Limit == 5);
  CHECK_NO_WAITERS(s.Header);
}

TEST_CASE("Each satisfied wait takes one count; at 0 a wait blocks") {
  Model model(2);
  model.start(0);
  KTHREAD& t = model.start(1);
  KSEMAPHORE& s = model.semaphore(2, 2);
  // ref §2.2: semaphore −1 per satisfied wait.
  CHECK(model.wait(1, s.Header).Status == STATUS_SUCCESS);
  CHECK(s.Header.SignalState == 1);
  CHECK(model.wait(1, s.Header).Status == STATUS_SUCCESS);
  CHECK(s.Header.SignalState == 0);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK(model.wait(1, s.Header).Kind == Outcome::Blocked);
  CHECK(t.State == KTHREAD_STATE::Waiting);
  CHECK(waiters(s.Header) == std::vector<const KTHREAD*>{&t});
  CHECK(s.Header.SignalState == 0);

  const CallResult r = model.release_semaphore(0, s, 1);
  // ref §2.6: returns the previous count; the waiter consumes the new count at once.
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == 0);
  CHECK(s.Header.SignalState == 0);
  CHECK(t.State == KTHREAD_STATE::Standby);
  CHECK(t.WaitStatus == 0);
  CHECK_NO_WAITERS(s.Header);
}

TEST_CASE("KeReleaseSemaphore returns the previous count; past Limit it raises and changes nothing") {
  Model model;
  model.start(0);
  KSEMAPHORE& s = model.semaphore(0, 3);

  CallResult r = model.release_semaphore(0, s, 2);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == 0);
  CHECK(s.Header.SignalState == 2);
  r = model.release_semaphore(0, s, 1);
  CHECK(r.Status == 2);
  CHECK(s.Header.SignalState == 3);

  // ref §2.6: new count > Limit → raise STATUS_SEMAPHORE_LIMIT_EXCEEDED, count unchanged.
  r = model.release_semaphore(0, s, 1);
  CHECK(r.Kind == Outcome::Raised);
  CHECK(r.Status == STATUS_SEMAPHORE_LIMIT_EXCEEDED);
  CHECK(static_cast<ULONG>(r.Status) == 0xC0000047u);
  CHECK(s.Header.SignalState == 3);

  KSEMAPHORE& big = model.semaphore(MAXLONG - 1, MAXLONG);
  // … and when the sum would overflow a LONG.
  r = model.release_semaphore(0, big, 2);
  CHECK(r.Kind == Outcome::Raised);
  CHECK(r.Status == STATUS_SEMAPHORE_LIMIT_EXCEEDED);
  CHECK(big.Header.SignalState == MAXLONG - 1);
  r = model.release_semaphore(0, big, 1);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == MAXLONG - 1);
  CHECK(big.Header.SignalState == MAXLONG);
  r = model.release_semaphore(0, big, MAXLONG);
  CHECK(r.Kind == Outcome::Raised);
  CHECK(big.Header.SignalState == MAXLONG);

  // A negative adjustment lowers the count, which WRK's overflow test (new < old) rejects.
  r = model.release_semaphore(0, s, -1);
  CHECK(r.Kind == Outcome::Raised);
  CHECK(r.Status == STATUS_SEMAPHORE_LIMIT_EXCEEDED);
  CHECK(s.Header.SignalState == 3);
  // A zero adjustment is neither above the limit nor an overflow: it returns the count and
  // changes nothing (the reference's rule; the DDI documentation asks for a positive value).
  r = model.release_semaphore(0, s, 0);
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == 3);
  CHECK(s.Header.SignalState == 3);
}

TEST_CASE("A release of 2 wakes the first two WaitAny waiters, in FIFO order") {
  Model model(4);
  model.start(0);
  KTHREAD& w1 = model.start(1);
  KTHREAD& w2 = model.start(2);
  KTHREAD& w3 = model.start(3);
  KSEMAPHORE& s = model.semaphore(0, 10);
  for (ULONG cpu = 1; cpu <= 3; ++cpu) CHECK(model.wait(cpu, s.Header).Kind == Outcome::Blocked);
  CHECK(waiters(s.Header) == std::vector<const KTHREAD*>{&w1, &w2, &w3});

  const CallResult r = model.release_semaphore(0, s, 2);
  // ref §2.6: KiWaitTest satisfies up to `new` WaitAny waiters, FIFO.
  CHECK(r.Kind == Outcome::Continue);
  CHECK(r.Status == 0);
  CHECK(s.Header.SignalState == 0);
  CHECK(w1.State == KTHREAD_STATE::Standby);
  CHECK(w2.State == KTHREAD_STATE::Standby);
  CHECK(w3.State == KTHREAD_STATE::Waiting);
  CHECK(w1.Priority == 9);  // SEMAPHORE_INCREMENT
  CHECK(waiters(s.Header) == std::vector<const KTHREAD*>{&w3});
  CHECK(links(s.Header.WaitListHead) == std::make_pair(wait_block_address(w3, 0), wait_block_address(w3, 0)));

  // A release of 3 with one waiter left: one count taken, two remain.
  const CallResult more = model.release_semaphore(0, s, 3);
  CHECK(more.Status == 0);
  CHECK(w3.State == KTHREAD_STATE::Standby);
  CHECK(s.Header.SignalState == 2);
  CHECK_NO_WAITERS(s.Header);
}

TEST_CASE("A release while the count is already positive does not wake anyone it should not") {
  Model model(2);
  model.start(0);
  KSEMAPHORE& s = model.semaphore(1, 4);
  const CallResult r = model.release_semaphore(0, s, 2);
  CHECK(r.Status == 1);
  CHECK(s.Header.SignalState == 3);
  CHECK_NO_WAITERS(s.Header);
}
