// Drivers' own misuse ends in the bugcheck Windows raises, with its code and parameters; a
// deadlock and a budget end the run with a report. Small drivers in tests/sim/drivers/.
#include <algorithm>

#include "sim_fixture.h"
#include "viz/debugger.h"

namespace {

std::unique_ptr<simtest::Run> run_driver(const std::string& file, std::uint32_t cpus = 6) {
  ksim::RunRequest request;
  request.target = simtest::driver_path(file);
  request.cpus = cpus;
  return simtest::run(request);
}

std::vector<std::string> printed(const simtest::Run& r) {
  std::vector<std::string> lines;
  for (const auto& line : r.machine->debug_output()) lines.push_back(line.text);
  return lines;
}

std::string command(const km::Snapshot& s, const std::string& text) {
  viz::DebuggerContext context{0, {}};
  return viz::execute(s, text, context);
}

}  // namespace

TEST_CASE("a system thread exiting while it owns a KMUTEX bugchecks 0x20 (0, 0xFFFF, 0, 1)") {
  const auto r = run_driver("exit_holding_kmutex.c");
  CHECK(r->reason == ksim::StopReason::Bugcheck);
  const auto& bugcheck = r->machine->model().bugcheck();
  REQUIRE(bugcheck);
  CHECK(bugcheck->Code == 0x20);
  CHECK(bugcheck->Args == std::array<std::uint64_t, 4>{0, 0xFFFF, 0, 1});
}

TEST_CASE("releasing a KMUTEX the thread does not own is an unhandled STATUS_MUTANT_NOT_OWNED") {
  const auto r = run_driver("release_not_owned.c");
  CHECK(r->reason == ksim::StopReason::Bugcheck);
  const auto& bugcheck = r->machine->model().bugcheck();
  REQUIRE(bugcheck);
  CHECK(bugcheck->Code == 0x7E);
  CHECK(bugcheck->Args[0] == 0xC0000046);
  CHECK(command(r->machine->snapshot(), "!analyze -v").find("SYSTEM_THREAD_EXCEPTION_NOT_HANDLED (7e)") != std::string::npos);
}

TEST_CASE("two threads taking two mutexes in opposite orders deadlock, and the report names the cycle") {
  const auto r = run_driver("abba_deadlock.c");
  CHECK(r->reason == ksim::StopReason::Deadlock);
  const km::Snapshot s = r->machine->snapshot();
  int waiting_on_mutants = 0;
  for (const km::ThreadView& t : s.Threads) {
    if (t.State != km::KTHREAD_STATE::Waiting || t.WaitBlocks.empty()) continue;
    const km::ObjectView* object = s.find_object(t.WaitBlocks[0].Object);
    if (object && object->Type == km::MutantObject && object->OwnerThread != 0) ++waiting_on_mutants;
  }
  CHECK(waiting_on_mutants == 2);
  const std::string report = command(s, "!mex.deadlock");
  CHECK(report.find("No deadlock") == std::string::npos);
}

TEST_CASE("events, semaphores and DbgPrint: the waiter wakes with the status and prints in time order") {
  const auto r = run_driver("events_and_prints.c");
  CHECK(r->reason == ksim::StopReason::Completed);
  const std::vector<std::string> lines = printed(*r);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "consumer: woke with 0x00000000, semaphore was 0");
  CHECK(lines[1] == "producer: set event, previous 0");
}

TEST_CASE("a driver that never stops ends at the virtual-time budget") {
  ksim::RunRequest request;
  request.target = simtest::driver_path("delay_forever.c");
  std::string error;
  auto prepared = ksim::prepare_run(request, error);
  REQUIRE(prepared);
  prepared->config.time_budget = 36000000000;  // an hour
  km::DefaultChoices choices;
  auto machine = ksim::make_machine(*prepared, choices);
  CHECK(machine->run() == ksim::StopReason::Budget);
}

TEST_CASE("driver code touching a NULL pointer is an unhandled access violation, not a host crash") {
  const auto r = run_driver("null_pointer.c");
  CHECK(r->reason == ksim::StopReason::Bugcheck);
  const auto& bugcheck = r->machine->model().bugcheck();
  REQUIRE(bugcheck);
  CHECK(bugcheck->Code == 0x7E);
  CHECK(bugcheck->Args[0] == 0xC0000005);
  // Arg2 is the faulting instruction in the driver's simulated image.
  CHECK(bugcheck->Args[1] >= r->machine->profile().driver_base);
}

TEST_CASE("unbounded recursion overflows the kernel stack: a double fault (0x7F, 8)") {
  const auto r = run_driver("recurse_forever.c");
  CHECK(r->reason == ksim::StopReason::Bugcheck);
  const auto& bugcheck = r->machine->model().bugcheck();
  REQUIRE(bugcheck);
  CHECK(bugcheck->Code == 0x7F);
  CHECK(bugcheck->Args[0] == 8);
}

TEST_CASE("DriverEntry spinning without kernel calls ends the run instead of hanging ksim") {
  const auto r = run_driver("spin_forever.c");
  CHECK(r->reason == ksim::StopReason::Budget);
  CHECK(r->machine->stop_detail().find("without a kernel call") != std::string::npos);
}

TEST_CASE("a work routine that returns owning a KMUTEX bugchecks SYSTEM_EXIT_OWNED_MUTEX (0x39)") {
  const auto r = run_driver("work_item_owns_mutex.c");
  CHECK(r->reason == ksim::StopReason::Bugcheck);
  const auto& bugcheck = r->machine->model().bugcheck();
  REQUIRE(bugcheck);
  CHECK(bugcheck->Code == 0x39);
  CHECK(bugcheck->Args[0] >= r->machine->profile().driver_base);  // the work routine
  // The parameter (the mutex) and the work item are the driver's globals, in its image.
  CHECK(bugcheck->Args[1] >= r->machine->profile().driver_base);
  CHECK(bugcheck->Args[2] >= r->machine->profile().driver_base);
  CHECK(bugcheck->Args[1] != bugcheck->Args[2]);
}

TEST_CASE("an I/O work item runs on a worker thread and can wake a waiting thread") {
  const auto r = run_driver("io_work_item.c");
  CHECK(r->reason == ksim::StopReason::Completed);
  const std::vector<std::string> lines = printed(*r);
  CHECK(lines == std::vector<std::string>{"work item: context 7", "waiter: done"});
}

TEST_CASE("a zero delay yields the processor: two threads on one processor take turns") {
  const auto r = run_driver("yield_turns.c", 1);
  CHECK(r->reason == ksim::StopReason::Completed);
  const std::vector<std::string> lines = printed(*r);
  CHECK(lines == std::vector<std::string>{"thread 0 turn 0", "thread 1 turn 0", "thread 0 turn 1", "thread 1 turn 1",
                                          "thread 0 turn 2", "thread 1 turn 2"});
}

TEST_CASE("a DPC runs at DISPATCH_LEVEL as KeInsertQueueDpc returns, or when the IRQL drops below DISPATCH_LEVEL") {
  const auto r = run_driver("dpc_queue.c");
  CHECK(r->reason == ksim::StopReason::Completed);
  CHECK(printed(*r) == std::vector<std::string>{
                           "dpc 1: irql 2 context 7 arguments 1 2, interrupted the inserter 1",
                           "inserted 1, runs 1",
                           "at DISPATCH_LEVEL: inserted 1, again 0, runs 1",
                           "dpc 2: irql 2 context 7 arguments 3 4, interrupted the inserter 1",
                           "lowered: runs 2",
                           "removed 1, again 0, runs 2",
                       });
  const km::Snapshot s = r->machine->snapshot();
  km::ULONG retired = 0;
  for (const km::PrcbView& p : s.Processors) {
    retired += p.DpcCount;
    CHECK(p.DpcQueue.empty());
  }
  CHECK(retired == 2);
}

TEST_CASE("a periodic timer's DPC runs on the setting processor: on its idle thread, or between the setter's calls") {
  const auto r = run_driver("timer_dpc.c", 1);
  CHECK(r->reason == ksim::StopReason::Completed);
  const std::vector<std::string> lines = printed(*r);
  REQUIRE(lines.size() == 10);
  // Due 10 ms after it is set, then 20 ms after each expiry: the ticks at 15.625, 46.875, ... ms.
  CHECK(lines[0] == "timer dpc 1 on processor 0 in the tick of 300015625 us, 1 us after the expiry, interrupted the setter 0");
  CHECK(lines[4] == "timer dpc 5 on processor 0 in the tick of 300140625 us, 1 us after the expiry, interrupted the setter 0");
  CHECK(lines[5] == "woken after 5 runs");
  CHECK(lines[6] == "timer dpc 6 on processor 0 in the tick of 300156250 us, 1 us after the expiry, interrupted the setter 1");
  CHECK(lines[9] == "busy until 8 runs");
  CHECK(r->machine->snapshot().Processors[0].DpcCount == 8);
}

TEST_CASE("a thread switched out inside a kernel call shows that call's frame, though it never blocked") {
  ksim::RunRequest request;
  request.target = simtest::driver_path("spin_calls.c");
  request.cpus = 1;
  request.crash_at = 10000000;  // 1 s: both threads have had many quantum ends
  const auto r = simtest::run(request);
  CHECK(r->reason == ksim::StopReason::Crash);
  std::vector<std::string> shown;  // each spinner's innermost driver frame, with its call's line
  for (const km::ThreadView& t : r->machine->snapshot().Threads) {
    for (const km::FrameView& frame : t.Stack) {
      if (frame.Function.find("Spinner") == std::string::npos) continue;
      shown.push_back(frame.Function + " @ " + std::to_string(frame.SourceLine));
      break;
    }
  }
  std::sort(shown.begin(), shown.end());
  REQUIRE(shown.size() == 2);
  CHECK((shown[0] == "PoolSpinner @ 18" || shown[0] == "PoolSpinner @ 19"));  // ExAllocatePool2 or ExFreePoolWithTag
  CHECK(shown[1] == "Spinner @ 11");  // KeSetEvent
}

TEST_CASE("the clock queries read the last tick's time; the Precise ones read the time now") {
  const auto r = run_driver("time_queries.c", 1);
  CHECK(r->reason == ksim::StopReason::Completed);
  const std::string facts = ": on a tick 1, the tick's 1, within the tick 1, system time as interrupt time 1, qpc 1";
  CHECK(printed(*r) == std::vector<std::string>{"running" + facts, "after a delay" + facts});
}

TEST_CASE("a DPC that waits on an unsignalled event bugchecks ATTEMPTED_SWITCH_FROM_DPC (0xB8)") {
  const auto r = run_driver("dpc_waits.c");
  CHECK(r->reason == ksim::StopReason::Bugcheck);
  CHECK(printed(*r) == std::vector<std::string>{"signalled wait: 0x00000000"});
  const auto& bugcheck = r->machine->model().bugcheck();
  REQUIRE(bugcheck);
  CHECK(bugcheck->Code == 0xB8);
  // Arg1: the driver's thread, which the DPC interrupted; Arg2: the idle thread the switch would run.
  const km::Address inserter = r->machine->threads().back()->kthread->Header.Self;
  CHECK(bugcheck->Args[0] == inserter);
  CHECK(bugcheck->Args[1] == r->machine->model().Prcb(bugcheck->Processor).IdleThread->Header.Self);
  CHECK(command(r->machine->snapshot(), "!analyze -v").find("ATTEMPTED_SWITCH_FROM_DPC (b8)") != std::string::npos);
}
