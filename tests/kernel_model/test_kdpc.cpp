// KDPC conformance: KeInsertQueueDpc / KeRemoveQueueDpc results, queue order by importance, when
// a processor's DPC interrupt is requested, DPC time, and the waits a DPC may not make (0xB8).
#include "model_fixture.h"

using namespace kmtest;

namespace {
constexpr LONG64 ms(LONG64 n) { return n * 10000; }  // 100 ns units

KDPC& low_importance(Model& model, Address self) {
  KDPC& dpc = model.dpc(self);
  model.d.KeSetImportanceDpc(dpc, KDPC_IMPORTANCE::LowImportance);
  return dpc;
}

std::vector<Address> queued(const Model& model, ULONG cpu) {
  std::vector<Address> dpcs;
  for (const KDPC* dpc = model.d.Prcb(cpu).DpcList.first(); dpc; dpc = KDPC_LIST::next(*dpc)) dpcs.push_back(dpc->Self);
  return dpcs;
}
}  // namespace

TEST_CASE("KeInsertQueueDpc queues a DPC once; KeRemoveQueueDpc takes it off once") {
  Model model;
  model.start(0);
  KDPC& dpc = model.dpc();
  CHECK(model.d.KeInsertQueueDpc(0, dpc, 1, 2));
  CHECK(dpc.DpcData == &model.d.Prcb(0));
  CHECK(dpc.SystemArgument1 == 1);
  // Already queued: FALSE, and the arguments of the first insertion stay.
  CHECK_FALSE(model.d.KeInsertQueueDpc(0, dpc, 3, 4));
  CHECK(dpc.SystemArgument1 == 1);
  CHECK(queued(model, 0) == std::vector<Address>{kDpcBase});
  model.verify();
  CHECK(model.d.KeRemoveQueueDpc(dpc));
  CHECK_FALSE(model.d.KeRemoveQueueDpc(dpc));
  CHECK(queued(model, 0).empty());
  CHECK(model.d.dpc_summary() == 0);
  CHECK(model.retire_dpcs().empty());
}

TEST_CASE("High importance goes to the head of the queue, the others to the tail") {
  Model model;
  model.start(0);
  KDPC& a = model.dpc(kDpcBase);
  KDPC& b = model.dpc(kDpcBase + 0x40);
  KDPC& c = model.dpc(kDpcBase + 0x80);
  model.d.KeSetImportanceDpc(c, KDPC_IMPORTANCE::HighImportance);
  CHECK(model.d.KeInsertQueueDpc(0, a, 0, 0));
  CHECK(model.d.KeInsertQueueDpc(0, b, 0, 0));
  CHECK(model.d.KeInsertQueueDpc(0, c, 0, 0));
  CHECK(model.retire_dpcs() == std::vector<Address>{c.Self, a.Self, b.Self});
  CHECK(model.d.Prcb(0).DpcCount == 3);
}

TEST_CASE("KeRemoveQueueDpc unlinks from the head, the middle or the tail; later DPCs queue behind the rest") {
  Model model;
  model.start(0);
  std::vector<KDPC*> dpcs;
  for (Address i = 0; i < 4; ++i) dpcs.push_back(&low_importance(model, kDpcBase + i * 0x40));
  for (int i = 0; i < 3; ++i) CHECK(model.d.KeInsertQueueDpc(0, *dpcs[i], 0, 0));
  CHECK(model.d.Prcb(0).DpcQueueDepth == 3);
  CHECK(model.d.KeRemoveQueueDpc(*dpcs[2]));  // the tail: the queue's last entry moves back
  CHECK(model.d.KeInsertQueueDpc(0, *dpcs[3], 0, 0));
  CHECK(queued(model, 0) == std::vector<Address>{dpcs[0]->Self, dpcs[1]->Self, dpcs[3]->Self});
  model.verify();
  CHECK(model.d.KeRemoveQueueDpc(*dpcs[1]));  // the middle
  CHECK(model.d.KeRemoveQueueDpc(*dpcs[0]));  // the head
  CHECK(queued(model, 0) == std::vector<Address>{dpcs[3]->Self});
  CHECK(model.d.KeRemoveQueueDpc(*dpcs[3]));
  CHECK(model.d.Prcb(0).DpcQueueDepth == 0);
  CHECK(model.d.Prcb(0).DpcList.LastEntry == nullptr);
  CHECK(model.d.KeInsertQueueDpc(0, *dpcs[2], 0, 0));
  CHECK(queued(model, 0) == std::vector<Address>{dpcs[2]->Self});
  model.verify();
}

TEST_CASE("A busy processor's DPC interrupt: at once for medium importance, later for low") {
  Model model(2);
  model.start(0);
  KDPC& medium = model.dpc(kDpcBase);
  CHECK(model.d.KeInsertQueueDpc(0, medium, 0, 0));
  CHECK(model.d.dpc_summary() == 1);
  CHECK(model.retire_dpcs() == std::vector<Address>{medium.Self});
  CHECK(model.d.dpc_summary() == 0);

  SUBCASE("low importance waits for the next clock tick") {
    KDPC& low = low_importance(model, kDpcBase + 0x40);
    CHECK(model.d.KeInsertQueueDpc(0, low, 0, 0));
    CHECK(model.d.dpc_summary() == 0);
    model.tick();
    CHECK(model.d.dpc_summary() == 1);
  }
  SUBCASE("or for a queue MaximumDpcQueueDepth deep") {
    for (Address i = 1; i <= MaximumDpcQueueDepth; ++i) {
      KDPC& low = low_importance(model, kDpcBase + i * 0x40);
      CHECK(model.d.dpc_summary() == 0);
      CHECK(model.d.KeInsertQueueDpc(0, low, 0, 0));
    }
    CHECK(model.d.dpc_summary() == 1);
  }
  SUBCASE("an idle processor's loop takes any queue") {
    KDPC& low = low_importance(model, kDpcBase + 0x40);
    CHECK(model.d.KeInsertQueueDpc(1, low, 0, 0));
    CHECK(model.d.dpc_summary() == 2);
  }
}

TEST_CASE("A timer's DPC is queued on the processor that set the timer, with the expiry's system time") {
  Model model(2);
  KTIMER& t = model.timer(TIMER_TYPE::NotificationTimer);
  KDPC& dpc = model.dpc();
  CHECK_FALSE(model.set_timer(t, -ms(1), 0, &dpc, 1));
  CHECK(t.Processor == 1);
  model.tick();
  CHECK(queued(model, 0).empty());
  CHECK(queued(model, 1) == std::vector<Address>{kDpcBase});
  const auto now = static_cast<ULONG64>(model.d.SystemTime());
  CHECK(dpc.SystemArgument1 == (now & 0xffffffff));
  CHECK(dpc.SystemArgument2 == (now >> 32));
  CHECK(model.retire_dpcs(1) == std::vector<Address>{kDpcBase});
}

TEST_CASE("A tick that finds a DPC running is DPC time, not the interrupted thread's kernel time") {
  Model model;
  KTHREAD& t = model.start(0);
  KDPC& dpc = model.dpc();
  CHECK(model.d.KeInsertQueueDpc(0, dpc, 0, 0));
  REQUIRE(model.d.begin_dpc(0) == &dpc);
  CHECK(model.d.Prcb(0).DpcRoutineActive);
  CHECK(dpc.DpcData == nullptr);  // it may queue itself again from its routine
  model.tick();
  CHECK(model.d.Prcb(0).DpcTime == 1);
  CHECK(t.KernelTime == 0);
  model.d.end_dpc(0);
  model.tick();
  CHECK(model.d.Prcb(0).DpcTime == 1);
  CHECK(t.KernelTime == 1);
}

TEST_CASE("A DPC's wait that would block bugchecks ATTEMPTED_SWITCH_FROM_DPC; one satisfied at once returns") {
  Model model;
  KTHREAD& interrupted = model.start(0);
  KTHREAD& ready = model.ready_thread(0);
  KEVENT& set = model.notification_event(true);
  KEVENT& clear = model.notification_event(false);
  KDPC& dpc = model.dpc();
  CHECK(model.d.KeInsertQueueDpc(0, dpc, 0, 0));
  REQUIRE(model.d.begin_dpc(0));
  interrupted.Irql = DISPATCH_LEVEL;  // where the engine runs a DPC

  CHECK(model.wait(0, set.Header).Status == STATUS_SUCCESS);
  CHECK(model.wait(0, clear.Header, 0).Status == STATUS_TIMEOUT);  // a poll
  CHECK(model.wait(0, clear.Header).Kind == Outcome::Bugcheck);
  REQUIRE(model.d.bugcheck());
  CHECK(model.d.bugcheck()->Code == 0xB8);
  // Arg1 the thread the DPC interrupted, Arg2 the one the switch would have run.
  CHECK(model.d.bugcheck()->Args == std::array<ULONG64, 4>{interrupted.Header.Self, ready.Header.Self, 0, 0});
  CHECK(interrupted.State == KTHREAD_STATE::Running);
}

TEST_CASE("A delay from a DPC bugchecks 0xB8 too, naming the idle thread when nothing else is ready") {
  Model model;
  KTHREAD& interrupted = model.start(0);
  KDPC& dpc = model.dpc();
  CHECK(model.d.KeInsertQueueDpc(0, dpc, 0, 0));
  REQUIRE(model.d.begin_dpc(0));
  interrupted.Irql = DISPATCH_LEVEL;
  CHECK(model.delay(0, 0).Status == STATUS_NO_YIELD_PERFORMED);  // a yield with nothing to yield to
  CHECK(model.delay(0, -ms(10)).Kind == Outcome::Bugcheck);
  REQUIRE(model.d.bugcheck());
  CHECK(model.d.bugcheck()->Code == 0xB8);
  CHECK(model.d.bugcheck()->Args[1] == model.idle_thread(0).Header.Self);
}

TEST_CASE("No preemption is offered to a thread at DISPATCH_LEVEL or under a DPC") {
  ScriptedChoices choices({1, 1});
  Model model(1, &choices);
  KTHREAD& t = model.start(0);
  model.ready_thread(0);
  t.Irql = DISPATCH_LEVEL;
  CHECK_FALSE(model.d.offer_preemption(0));
  t.Irql = PASSIVE_LEVEL;
  CHECK(model.d.KeInsertQueueDpc(0, model.dpc(), 0, 0));
  REQUIRE(model.d.begin_dpc(0));
  CHECK_FALSE(model.d.offer_preemption(0));
  model.d.end_dpc(0);
  CHECK(model.d.offer_preemption(0));
  CHECK(choices.asked.size() == 1);
}
