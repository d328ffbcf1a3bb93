// Scheduler conformance: per-processor ready queues and ReadySummary, Standby, preemption, idle
// processors, quantum end on clock ticks, the unwait boost and its decay, time accounting.
// Expectations are documented Windows behaviour (nt-dispatcher.md §3, §5.3).
#include "model_fixture.h"

using namespace kmtest;

namespace {

// A new thread whose base and current priority are `priority` (as a thread of a process with
// that base priority starts), not yet readied.
KTHREAD& thread_at_priority(Model& model, KPRIORITY priority) {
  KTHREAD& t = model.new_thread();
  t.Priority = t.BasePriority = priority;
  model.verify();
  return t;
}

KPRIORITY set_priority(Model& model, KTHREAD& t, KPRIORITY priority) {
  const KPRIORITY previous = model.d.KeSetPriorityThread(t, priority);
  model.verify();
  return previous;
}

void ready(Model& model, KTHREAD& t, ULONG cpu) {
  t.NextProcessor = t.IdealProcessor = cpu;
  model.d.ready_new_thread(t);
  model.verify();
}

}  // namespace

TEST_CASE("A fresh machine: every processor runs its idle thread; all ready queues are empty") {
  Model model(3);
  for (ULONG cpu = 0; cpu < 3; ++cpu) {
    const KPRCB& prcb = model.d.Prcb(cpu);
    CHECK(prcb.Number == cpu);
    CHECK(model.d.is_idle(cpu));
    REQUIRE(prcb.IdleThread != nullptr);
    CHECK(prcb.CurrentThread == prcb.IdleThread);
    CHECK(prcb.NextThread == nullptr);
    CHECK(prcb.ReadySummary == 0);
    CHECK(prcb.IdleThread->State == KTHREAD_STATE::Running);
    CHECK(prcb.IdleThread->Priority == 0);
    CHECK(prcb.IdleThread->Header.Self == kIdleThreadBase + cpu * kIdleThreadStride);
    CHECK(prcb.IdleThread->Process->UniqueProcessId == 0);
    for (const LIST_ENTRY& head : prcb.DispatcherReadyListHead) CHECK(IsListEmpty(head));
  }
}

TEST_CASE("A new thread readied onto an idle processor becomes its Standby thread, then runs") {
  Model model(2);
  KTHREAD& t = model.new_thread();
  CHECK(t.State == KTHREAD_STATE::Initialized);
  CHECK(t.Priority == 8);  // System process base 8 (ref §3.1)
  CHECK(t.BasePriority == 8);
  CHECK(t.Quantum == 6);   // THREAD_QUANTUM: 2 ticks of 3 units (ref §3.4)
  CHECK(t.QuantumReset == 6);
  ready(model, t, 1);
  // ref §3.1/§3.2: an idle processor takes it as NextThread (Standby).
  CHECK(t.State == KTHREAD_STATE::Standby);
  CHECK(model.d.Prcb(1).NextThread == &t);
  CHECK(t.NextProcessor == 1);
  CHECK_FALSE(model.d.is_idle(1));
  CHECK(&model.dispatch(1) == &t);
  CHECK(t.State == KTHREAD_STATE::Running);
  CHECK(t.ContextSwitches == 1);  // ref §3.4: each switch-in counts
  CHECK(model.d.Prcb(1).CurrentThread == &t);
  CHECK(model.d.Prcb(1).NextThread == nullptr);
  CHECK(model.idle_thread(1).State == KTHREAD_STATE::Running);  // idle threads are never queued
  CHECK(model.d.is_idle(0));
}

TEST_CASE("An equal-priority thread never preempts: it joins the tail of its ready queue") {
  Model model(1);
  model.tick();
  KTHREAD& running = model.start(0);
  KTHREAD& a = model.ready_thread(0);
  KTHREAD& b = model.ready_thread(0);
  // ref §3.1: Ready = queued at the tail; ReadySummary bit p set; queuing sets WaitTime.
  CHECK(model.d.Prcb(0).CurrentThread == &running);
  CHECK(model.d.Prcb(0).NextThread == nullptr);
  CHECK(a.State == KTHREAD_STATE::Ready);
  CHECK(b.State == KTHREAD_STATE::Ready);
  CHECK(a.WaitTime == 1);
  CHECK(a.NextProcessor == 0);
  CHECK(model.d.Prcb(0).ReadySummary == (1u << 8));
  CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&a, &b});
  const LIST_ENTRY& head = model.d.Prcb(0).DispatcherReadyListHead[8];
  CHECK(links(head) == std::make_pair(a.Header.Self + 0xd8, b.Header.Self + 0xd8));  // KTHREAD.WaitListEntry
  CHECK(links(a.WaitListEntry) == std::make_pair(b.Header.Self + 0xd8, head.Self));
}

TEST_CASE("ReadySummary has one bit per non-empty priority; the highest runs first") {
  Model model(1);
  KTHREAD& boss = model.start(0);
  CHECK(set_priority(model, boss, 15) == 8);
  KTHREAD& p8 = thread_at_priority(model, 8);
  KTHREAD& p10 = thread_at_priority(model, 10);
  KTHREAD& p12 = thread_at_priority(model, 12);
  KTHREAD& p12b = thread_at_priority(model, 12);
  for (KTHREAD* t : {&p8, &p10, &p12, &p12b}) ready(model, *t, 0);
  CHECK(model.d.Prcb(0).ReadySummary == ((1u << 8) | (1u << 10) | (1u << 12)));
  CHECK(ready_queue(model.d.Prcb(0), 12) == std::vector<const KTHREAD*>{&p12, &p12b});

  KEVENT& e = model.notification_event(false);
  CHECK(model.wait(0, e.Header).Kind == Outcome::Blocked);
  // ref §3.1: pick the highest non-empty level, take its head.
  CHECK(model.d.Prcb(0).CurrentThread == &p12);
  CHECK(model.d.Prcb(0).ReadySummary == ((1u << 8) | (1u << 10) | (1u << 12)));
  CHECK(model.wait(0, e.Header).Kind == Outcome::Blocked);
  CHECK(model.d.Prcb(0).CurrentThread == &p12b);
  CHECK(model.d.Prcb(0).ReadySummary == ((1u << 8) | (1u << 10)));  // bit 12 clears with its list
  CHECK(model.wait(0, e.Header).Kind == Outcome::Blocked);
  CHECK(model.d.Prcb(0).CurrentThread == &p10);
  CHECK(model.d.Prcb(0).ReadySummary == (1u << 8));
  CHECK(model.wait(0, e.Header).Kind == Outcome::Blocked);
  CHECK(model.d.Prcb(0).CurrentThread == &p8);
  CHECK(model.d.Prcb(0).ReadySummary == 0);
  CHECK(model.wait(0, e.Header).Kind == Outcome::Blocked);
  CHECK(model.d.is_idle(0));
}

TEST_CASE("Preemption: a higher-priority thread becomes Standby; the preempted thread goes to the head of its queue") {
  Model model(1);
  KTHREAD& running = model.start(0);
  KTHREAD& queued = model.ready_thread(0);
  model.tick();
  KTHREAD& urgent = thread_at_priority(model, 12);
  ready(model, urgent, 0);
  // ref §3.2: priority > running → NextThread; the running thread is marked Preempted.
  CHECK(urgent.State == KTHREAD_STATE::Standby);
  CHECK(model.d.Prcb(0).NextThread == &urgent);
  CHECK(running.Preempted);
  CHECK(running.State == KTHREAD_STATE::Running);  // until the switch happens

  CHECK(&model.dispatch(0) == &urgent);
  CHECK(urgent.State == KTHREAD_STATE::Running);
  // ref §3.2, §5.3: WaitReason WrDispatchInt, queue time, head of its queue (before `queued`).
  CHECK(running.State == KTHREAD_STATE::Ready);
  CHECK(running.WaitReason == KWAIT_REASON::WrDispatchInt);
  CHECK(running.WaitTime == 1);
  CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&running, &queued});

  // When the urgent thread waits, the preempted thread resumes first.
  KEVENT& e = model.notification_event(false);
  CHECK(model.wait(0, e.Header).Kind == Outcome::Blocked);
  CHECK(model.d.Prcb(0).CurrentThread == &running);
  CHECK_FALSE(running.Preempted);
}

TEST_CASE("A Standby thread is displaced by a still higher-priority one and goes back to a ready queue") {
  Model model(1);
  KTHREAD& running = model.start(0);
  KTHREAD& p10 = thread_at_priority(model, 10);
  KTHREAD& p12 = thread_at_priority(model, 12);
  KTHREAD& p11 = thread_at_priority(model, 11);
  ready(model, p10, 0);
  CHECK(model.d.Prcb(0).NextThread == &p10);
  ready(model, p12, 0);
  // ref §3.2: priority > the Standby thread's → it becomes NextThread; the displaced one is re-readied.
  CHECK(model.d.Prcb(0).NextThread == &p12);
  CHECK(p12.State == KTHREAD_STATE::Standby);
  CHECK(p10.State == KTHREAD_STATE::Ready);
  CHECK(ready_queue(model.d.Prcb(0), 10) == std::vector<const KTHREAD*>{&p10});
  ready(model, p11, 0);  // not above the Standby thread: queued
  CHECK(p11.State == KTHREAD_STATE::Ready);
  CHECK(model.d.Prcb(0).NextThread == &p12);
  CHECK(&model.dispatch(0) == &p12);
  CHECK(running.State == KTHREAD_STATE::Ready);
  CHECK(model.d.Prcb(0).ReadySummary == ((1u << 8) | (1u << 10) | (1u << 11)));
}

TEST_CASE("Idle processors take readied threads: the ideal processor first, then the last one, then the lowest") {
  SUBCASE("the last processor is busy: the ideal processor takes it") {
    Model model(3);
    KTHREAD& busy = model.start(0);
    KTHREAD& t = model.new_thread();
    t.NextProcessor = 0;
    t.IdealProcessor = 2;
    model.d.ready_new_thread(t);
    model.verify();
    // ref §3.2: pick a CPU (idle, ideal, last) → idle CPU: Standby there.
    CHECK(t.State == KTHREAD_STATE::Standby);
    CHECK(model.d.Prcb(2).NextThread == &t);
    CHECK(t.NextProcessor == 2);
    CHECK(busy.State == KTHREAD_STATE::Running);
    CHECK_FALSE(busy.Preempted);
  }
  SUBCASE("ideal and last processors both idle: the ideal one wins") {
    Model model(3);
    KTHREAD& t = model.new_thread();
    t.NextProcessor = 1;
    t.IdealProcessor = 2;
    model.d.ready_new_thread(t);
    model.verify();
    CHECK(model.d.Prcb(2).NextThread == &t);
    CHECK(t.NextProcessor == 2);
  }
  SUBCASE("no idle processor: the thread queues on its ideal processor, not the last one") {
    Model model(2);
    model.start(0);
    model.start(1);
    KTHREAD& t = model.new_thread();
    t.NextProcessor = 0;
    t.IdealProcessor = 1;
    model.d.ready_new_thread(t);
    model.verify();
    CHECK(t.State == KTHREAD_STATE::Ready);
    CHECK(t.NextProcessor == 1);
    CHECK(ready_queue(model.d.Prcb(1), 8) == std::vector<const KTHREAD*>{&t});
    CHECK(model.d.Prcb(0).ReadySummary == 0);
  }
  SUBCASE("several idle processors: the choice point picks; 0 is the preferred one") {
    ScriptedChoices choices({2});
    Model model(3, &choices);
    KTHREAD& t = model.new_thread();
    t.NextProcessor = t.IdealProcessor = 1;
    model.d.ready_new_thread(t);
    model.verify();
    REQUIRE(choices.asked.size() == 1);
    CHECK(choices.asked[0] == std::make_pair(ChoiceKind::IdleProcessor, 3u));
    // The offered order is [last = 1, then 0, 2]: answer 2 picks processor 2.
    CHECK(model.d.Prcb(2).NextThread == &t);
    KTHREAD& u = model.new_thread();
    u.NextProcessor = u.IdealProcessor = 1;
    model.d.ready_new_thread(u);
    model.verify();
    CHECK(model.d.Prcb(1).NextThread == &u);  // default answer 0: its last processor
  }
  SUBCASE("a processor that goes idle takes a thread queued on another processor") {
    Model model(2);
    KTHREAD& t0 = model.start(0);
    KTHREAD& t1 = model.start(1);
    KTHREAD& queued = model.ready_thread(0);
    CHECK(queued.State == KTHREAD_STATE::Ready);
    CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&queued});
    KEVENT& e = model.notification_event(false);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.d.Prcb(1).CurrentThread == &queued);
    CHECK(queued.State == KTHREAD_STATE::Running);
    CHECK(queued.NextProcessor == 1);
    CHECK(model.d.Prcb(0).ReadySummary == 0);
    CHECK(t0.State == KTHREAD_STATE::Running);
    CHECK(t1.State == KTHREAD_STATE::Waiting);
  }
}

TEST_CASE("Quantum end at clock ticks: 3 units per tick; a ready thread of equal priority takes over") {
  Model model(1);
  KTHREAD& t = model.start(0);
  KTHREAD& other = model.ready_thread(0);

  model.tick();
  // ref §3.4: KernelTime += 1, quantum −= 3.
  CHECK(t.KernelTime == 1);
  CHECK(t.Quantum == 3);
  CHECK(model.d.Prcb(0).NextThread == nullptr);
  CHECK(other.KernelTime == 0);
  CHECK(other.Quantum == 6);

  model.tick();
  // ref §3.4: quantum end: reset, decay, a ready thread with priority ≥ current takes over.
  CHECK(t.KernelTime == 2);
  CHECK(t.Quantum == 6);
  CHECK(model.d.Prcb(0).NextThread == &other);
  CHECK(other.State == KTHREAD_STATE::Standby);
  CHECK(&model.dispatch(0) == &other);
  CHECK(t.State == KTHREAD_STATE::Ready);
  CHECK(t.WaitReason == KWAIT_REASON::WrQuantumEnd);
  CHECK(t.WaitTime == 2);
  CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&t});

  model.ticks(2);  // round robin
  CHECK(model.d.Prcb(0).NextThread == &t);
  model.dispatch(0);
  CHECK(model.d.Prcb(0).CurrentThread == &t);
  CHECK(other.WaitReason == KWAIT_REASON::WrQuantumEnd);
}

TEST_CASE("Quantum end without a ready thread of at least equal priority: the thread continues") {
  Model model(1);
  KTHREAD& t = model.start(0);
  KTHREAD& low = thread_at_priority(model, 6);
  ready(model, low, 0);
  CHECK(low.State == KTHREAD_STATE::Ready);
  model.ticks(2);
  CHECK(t.Quantum == 6);
  CHECK(model.d.Prcb(0).NextThread == nullptr);
  CHECK(model.d.Prcb(0).CurrentThread == &t);
  CHECK(low.State == KTHREAD_STATE::Ready);
  model.ticks(4);
  CHECK(t.KernelTime == 6);
  CHECK(model.d.Prcb(0).CurrentThread == &t);
}

TEST_CASE("Unwait boost: a base-8 thread unwaited with increment 1 is at 9, back to 8 after its next quantum end") {
  Model model(2);
  model.start(0);
  KTHREAD& t = model.start(1);
  KEVENT& e = model.synchronization_event(false);
  model.tick();  // quantum 6 → 3 before the wait
  CHECK(t.Quantum == 3);
  CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
  CHECK(model.set_event(0, e, EVENT_INCREMENT).Status == 0);
  // ref §3.3: Priority = min(Base + Inc, 15) when above Priority; quantum reset (PD 0, Inc > 0).
  CHECK(t.Priority == 9);
  CHECK(t.BasePriority == 8);
  CHECK(t.PriorityDecrement == 0);
  CHECK(t.Quantum == 6);
  CHECK(t.AdjustReason == ADJUST_REASON::AdjustNone);  // applied when it was placed
  CHECK(t.AdjustIncrement == EVENT_INCREMENT);
  model.dispatch(1);
  CHECK(t.Priority == 9);
  model.tick();
  CHECK(t.Priority == 9);
  CHECK(t.Quantum == 3);
  model.tick();
  // ref §3.3/§3.4: the next quantum end decays one step, not below the base.
  CHECK(t.Priority == 8);
  CHECK(t.Quantum == 6);
  model.ticks(2);
  CHECK(t.Priority == 8);
}

TEST_CASE("Unwait boost limits: capped at 15, none for real-time threads, DisableBoost, or a higher current priority") {
  Model model(2);
  model.start(0);

  SUBCASE("capped below the real-time range") {
    KTHREAD& t = model.start(1);
    KEVENT& e = model.synchronization_event(false);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.set_event(0, e, 8).Status == 0);  // IO_SOUND_INCREMENT
    CHECK(t.Priority == 15);
  }
  SUBCASE("a real-time thread keeps its priority") {
    KTHREAD& t = thread_at_priority(model, 16);
    ready(model, t, 1);
    model.dispatch(1);
    KEVENT& e = model.synchronization_event(false);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.set_event(0, e, 2).Status == 0);
    CHECK(t.Priority == 16);
  }
  SUBCASE("a base priority of 14 or more always gets a fresh quantum, even with no increment") {
    KTHREAD& t = thread_at_priority(model, 14);
    ready(model, t, 1);
    model.dispatch(1);
    model.tick();
    CHECK(t.Quantum == 3);
    KEVENT& e = model.synchronization_event(false);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.set_event(0, e, IO_NO_INCREMENT).Status == 0);
    CHECK(t.Quantum == 6);  // ref §3.3: Base >= 14 → reset
    CHECK(t.Priority == 14);
  }
  SUBCASE("below 14 and no increment: the quantum is not reset") {
    KTHREAD& t = model.start(1);
    model.tick();
    CHECK(t.Quantum == 3);
    KEVENT& e = model.synchronization_event(false);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.set_event(0, e, IO_NO_INCREMENT).Status == 0);
    CHECK(t.Quantum == 3);
  }
  SUBCASE("DisableBoost") {
    KTHREAD& t = model.start(1);
    t.DisableBoost = true;
    KEVENT& e = model.synchronization_event(false);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.set_event(0, e, 2).Status == 0);
    CHECK(t.Priority == 8);
  }
  SUBCASE("already above Base + Inc") {
    KTHREAD& t = model.start(1);
    KEVENT& e = model.synchronization_event(false);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.set_event(0, e, 4).Status == 0);
    CHECK(t.Priority == 12);
    model.dispatch(1);
    CHECK(model.wait(1, e.Header).Kind == Outcome::Blocked);
    CHECK(model.set_event(0, e, 1).Status == 0);
    CHECK(t.Priority == 12);  // 8 + 1 is not above 12
  }
}

TEST_CASE("Clock ticks charge KernelTime to each processor's running thread, idle threads included") {
  Model model(2);
  KTHREAD& t = model.start(0);
  model.ticks(3);
  CHECK(t.KernelTime == 3);
  CHECK(t.UserTime == 0);
  // ref §3.4: the idle thread accrues KernelTime too (idle time); only its quantum is not charged.
  CHECK(model.idle_thread(1).KernelTime == 3);
  CHECK(model.idle_thread(0).KernelTime == 0);
  CHECK(model.d.TickCount() == 3);
  CHECK(model.d.InterruptTime() == 3 * kTick);
  CHECK(model.d.SystemTime() == kBootSystemTime + 3 * kTick);
}

TEST_CASE("skip_idle_ticks advances time on an idle machine in one step") {
  Model model(2);
  model.d.skip_idle_ticks(10);
  model.verify();
  CHECK(model.d.TickCount() == 10);
  CHECK(model.d.InterruptTime() == 10 * kTick);
  CHECK(model.idle_thread(0).KernelTime == 10);
  CHECK(model.idle_thread(1).KernelTime == 10);
  KTHREAD& t = model.start(0);
  CHECK(t.KernelTime == 0);
}

TEST_CASE("A displaced Standby thread is readied again and may preempt on its own ideal processor") {
  Model model(2);
  KTHREAD& a = model.start(0);
  KTHREAD& x = thread_at_priority(model, 10);
  x.IdealProcessor = 0;
  x.NextProcessor = 1;
  model.d.ready_new_thread(x);  // processor 0 is busy, processor 1 idle: x is Standby on 1
  model.verify();
  CHECK(model.d.Prcb(1).NextThread == &x);

  KTHREAD& y = thread_at_priority(model, 12);
  ready(model, y, 1);
  // ref §3.2: y (12) displaces x (10) on processor 1; x is re-readied, goes to its ideal
  // processor 0 and preempts a (8) there.
  CHECK(model.d.Prcb(1).NextThread == &y);
  CHECK(model.d.Prcb(0).NextThread == &x);
  CHECK(x.State == KTHREAD_STATE::Standby);
  CHECK(x.NextProcessor == 0);
  CHECK(a.Preempted);
  model.dispatch(0);
  model.dispatch(1);
  CHECK(model.d.Prcb(0).CurrentThread == &x);
  CHECK(model.d.Prcb(1).CurrentThread == &y);
  CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&a});
  CHECK(a.WaitReason == KWAIT_REASON::WrDispatchInt);
}

TEST_CASE("A quantum end while a preemption is pending: the thread goes to the tail, as a quantum end") {
  Model model(1);
  KTHREAD& t = model.start(0);
  KTHREAD& peer = model.ready_thread(0);
  model.tick();  // quantum 6 → 3
  KTHREAD& urgent = thread_at_priority(model, 12);
  ready(model, urgent, 0);
  CHECK(t.Preempted);
  CHECK(model.d.Prcb(0).NextThread == &urgent);
  model.tick();  // the quantum ends before the switch happens
  // WRK KiQuantumEnd: with NextThread already set, Preempted is cleared; WaitReason WrQuantumEnd.
  CHECK_FALSE(t.Preempted);
  CHECK(t.Quantum == 6);
  CHECK(model.d.Prcb(0).NextThread == &urgent);
  model.dispatch(0);
  CHECK(model.d.Prcb(0).CurrentThread == &urgent);
  CHECK(t.WaitReason == KWAIT_REASON::WrQuantumEnd);
  CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&peer, &t});
}

TEST_CASE("park_thread puts a never-run thread straight into a wait") {
  Model model(2);
  model.start(0);
  KEVENT& e = model.synchronization_event(false);
  KTHREAD& worker = model.new_thread();
  model.d.park_thread(worker, e.Header, KWAIT_REASON::WrQueue, 0);
  model.verify();
  CHECK(worker.State == KTHREAD_STATE::Waiting);
  CHECK(worker.WaitReason == KWAIT_REASON::WrQueue);
  CHECK(worker.WaitTime == 0);
  CHECK(worker.ContextSwitches == 1);
  CHECK(worker.WaitBlockCount == 1);
  CHECK(waiter_blocks(e.Header) == std::vector<Address>{wait_block_address(worker, 0)});
  CHECK(model.set_event(0, e).Status == 0);
  CHECK(worker.State == KTHREAD_STATE::Standby);
  model.dispatch(worker.NextProcessor);
  CHECK(model.d.wait_status(worker) == STATUS_SUCCESS);
}

TEST_CASE("KeSetPriorityThread sets the current priority only and returns the old one") {
  Model model(1);
  KTHREAD& t = model.start(0);
  model.tick();
  CHECK(t.Quantum == 3);
  // WRK KeSetPriorityThread: Priority changes, BasePriority stays, PriorityDecrement 0, quantum refilled.
  CHECK(set_priority(model, t, 12) == 8);
  CHECK(t.Priority == 12);
  CHECK(t.BasePriority == 8);
  CHECK(t.PriorityDecrement == 0);
  CHECK(t.Quantum == 6);
  // Above the base in the dynamic range, it decays one step per quantum end (ref §3.3).
  model.ticks(2);
  CHECK(t.Priority == 11);
  model.ticks(2);
  CHECK(t.Priority == 10);
  // The same priority again: nothing but the returned value.
  model.tick();
  CHECK(set_priority(model, t, 10) == 10);
  CHECK(t.Quantum == 3);
  // Priority 0 is kept for the zero-page thread: a thread with a non-zero base gets 1.
  CHECK(set_priority(model, t, 0) == 10);
  CHECK(t.Priority == 1);
  model.ticks(2);
  CHECK(t.Priority == 8);  // decay never leaves a thread below its base
}

TEST_CASE("KeSetPriorityThread to a real-time priority does not decay") {
  Model model(1);
  KTHREAD& t = model.start(0);
  CHECK(set_priority(model, t, LOW_REALTIME_PRIORITY) == 8);
  model.ticks(6);
  CHECK(t.Priority == LOW_REALTIME_PRIORITY);
  CHECK(t.BasePriority == 8);
}

TEST_CASE("KeSetPriorityThread reschedules: a Ready thread moves queues, a raised one may preempt") {
  Model model(1);
  KTHREAD& running = model.start(0);
  KTHREAD& a = model.ready_thread(0);
  KTHREAD& b = model.ready_thread(0);
  KTHREAD& c = thread_at_priority(model, 6);
  ready(model, c, 0);
  CHECK(model.d.Prcb(0).ReadySummary == ((1u << 6) | (1u << 8)));

  // Lowered: to the tail of the new queue.
  CHECK(set_priority(model, a, 6) == 8);
  CHECK(ready_queue(model.d.Prcb(0), 6) == std::vector<const KTHREAD*>{&c, &a});
  CHECK(ready_queue(model.d.Prcb(0), 8) == std::vector<const KTHREAD*>{&b});
  CHECK(a.State == KTHREAD_STATE::Ready);
  // Raised above the running thread: readied again, it preempts.
  CHECK(set_priority(model, b, 9) == 8);
  CHECK(b.State == KTHREAD_STATE::Standby);
  CHECK(model.d.Prcb(0).NextThread == &b);
  CHECK(running.Preempted);
  CHECK(model.d.Prcb(0).ReadySummary == (1u << 6));
  model.dispatch(0);
  CHECK(model.d.Prcb(0).CurrentThread == &b);
}

TEST_CASE("KeSetPriorityThread lowering a running thread below a ready one switches to that one") {
  Model model(1);
  KTHREAD& t = model.start(0);
  KTHREAD& other = thread_at_priority(model, 7);
  ready(model, other, 0);
  CHECK(other.State == KTHREAD_STATE::Ready);
  CHECK(set_priority(model, t, 7) == 8);  // equal: no switch
  CHECK(model.d.Prcb(0).NextThread == nullptr);
  CHECK(set_priority(model, t, 6) == 7);  // below: the ready thread is selected
  CHECK(model.d.Prcb(0).NextThread == &other);
  CHECK(other.State == KTHREAD_STATE::Standby);
  CHECK_FALSE(t.Preempted);
  model.dispatch(0);
  CHECK(model.d.Prcb(0).CurrentThread == &other);
  CHECK(t.State == KTHREAD_STATE::Ready);
  CHECK(t.WaitReason == KWAIT_REASON::WrDispatchInt);
  CHECK(ready_queue(model.d.Prcb(0), 6) == std::vector<const KTHREAD*>{&t});
}

TEST_CASE("KeSetPriorityThread lowering a Standby thread below a ready one swaps them") {
  Model model(1);
  KTHREAD& running = model.start(0);
  KTHREAD& standby = thread_at_priority(model, 12);
  KTHREAD& queued = thread_at_priority(model, 10);
  ready(model, standby, 0);
  ready(model, queued, 0);
  CHECK(model.d.Prcb(0).NextThread == &standby);
  CHECK(queued.State == KTHREAD_STATE::Ready);
  CHECK(set_priority(model, standby, 9) == 12);
  CHECK(model.d.Prcb(0).NextThread == &queued);
  CHECK(queued.State == KTHREAD_STATE::Standby);
  // Readied again: 9 is above the running thread's 8, but the Standby slot holds a 10.
  CHECK(standby.State == KTHREAD_STATE::Ready);
  CHECK(ready_queue(model.d.Prcb(0), 9) == std::vector<const KTHREAD*>{&standby});
  CHECK(running.State == KTHREAD_STATE::Running);
}
