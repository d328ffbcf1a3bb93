// The Preemption choice: at a kernel-call boundary the running thread's quantum may end when a
// ready thread of at least its priority waits on its processor.
#include "kernel_model/model_fixture.h"

using namespace kmtest;

TEST_CASE("a completed call offers the processor to a ready thread of the caller's priority") {
  ScriptedChoices choices({0, 1});
  Model model(1, &choices);
  KTHREAD& a = model.start(0);
  KTHREAD& b = model.ready_thread(0);
  REQUIRE(b.State == KTHREAD_STATE::Ready);
  choices.asked.clear();

  CHECK_FALSE(model.d.offer_preemption(0));  // answered 0: a runs on
  CHECK(choices.asked == std::vector<std::pair<ChoiceKind, ULONG>>{{ChoiceKind::Preemption, 2}});
  CHECK(model.d.Prcb(0).NextThread == nullptr);

  CHECK(model.d.offer_preemption(0));  // answered 1: a's quantum ends here
  model.verify();
  CHECK(model.dispatch(0).Header.Self == b.Header.Self);
  CHECK(a.State == KTHREAD_STATE::Ready);
  CHECK(a.WaitReason == KWAIT_REASON::WrQuantumEnd);
  CHECK(ready_queue(model.d.Prcb(0), a.Priority) == std::vector<const KTHREAD*>{&a});
}

TEST_CASE("nothing is offered when no ready thread has at least the caller's priority") {
  ScriptedChoices choices;
  Model model(1, &choices);
  KTHREAD& a = model.start(0);
  a.Priority = 9;
  KTHREAD& b = model.ready_thread(0);
  REQUIRE(b.Priority < a.Priority);
  choices.asked.clear();
  CHECK_FALSE(model.d.offer_preemption(0));
  CHECK(choices.asked.empty());
}
