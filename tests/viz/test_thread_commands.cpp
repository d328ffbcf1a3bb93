// !mex.t, !thread, !us and !mex.lt on the lab machine and the seed.
#include <doctest/doctest.h>

#include "viz/lab_fixture.h"
#include "viz/run_command.h"
#include "viz/seed_fixture.h"

TEST_CASE("!mex.t shows a semaphore wait with its limit and no priority block at base priority") {
  CHECK(run(lab::snapshot(), "!mex.t ffff900000012040") ==
        "Process                   Thread                       CID       UserTime KernelTime ContextSwitches Wait "
        "Reason    Time State\n"
        "System (ffff900000001000) ffff900000012040 (E|K|W|R|V) 4.108            0          0               1 "
        "Executive   47s.000 Waiting\n"
        "\n"
        "WaitBlockList:\n"
        "    Object           Type      Other Waiters Info\n"
        "    ffff900000100200 Semaphore             0 Limit: 1\n"
        "\n"
        "# Child-SP         Return           Call Site                       Source\n"
        "0 ffffa00000120400 fffff800000cb3f5 nt!KiSwapContext+0x76           \n"
        "1 ffffa00000120490 fffff800000cd5d7 nt!KiSwapThread+0xab5           \n"
        "2 ffffa00000120520 fffff800000cf4f6 nt!KiCommitThreadWait+0x137     \n"
        "3 ffffa000001205b0 fffff8001000107c nt!KeWaitForSingleObject+0x256  \n"
        "4 ffffa00000120640 fffff800001573d7 TestDriver!SemaphoreWaiter+0x40 C:\\lab\\Driver.c @ 60\n"
        "5 ffffa000001206d0 fffff8000021b8d4 nt!PspSystemThreadStartup+0x57  \n"
        "6 ffffa00000120760 0000000000000000 nt!KiStartSystemThread+0x34\n");
}

TEST_CASE("!mex.t of an event waiter counts the other waiter and has no Info column") {
  const std::string out = run(lab::snapshot(), "!mex.t ffff900000013040");
  CHECK(out.find("    Object           Type                 Other Waiters\n"
                 "    ffff900000100300 SynchronizationEvent             1\n") != std::string::npos);
  CHECK(out.find("3s.125 Waiting\n") != std::string::npos);  // 200 ticks
}

TEST_CASE("!mex.t without an address shows the thread running on the prompt's processor, with its boost") {
  CHECK(run(lab::snapshot(), "!mex.t", 1) ==
        "Process                   Thread                       CID       UserTime KernelTime ContextSwitches Wait "
        "Reason Time State\n"
        "System (ffff900000001000) ffff900000015040 (E|K|W|R|V) 4.114            0      109ms            5686 "
        "Executive      0 Running on processor 1\n"
        "\n"
        "Priority:\n"
        "    Current Base Decrement ForegroundBoost IO Page\n"
        "    13      12   0         0               0  5\n"
        "\n"
        "# Child-SP         Return           Call Site                      Source\n"
        "0 ffffa00000150400 fffff800001573d7 TestDriver!Spin+0x12           C:\\lab\\Driver.c @ 90\n"
        "1 ffffa00000150490 fffff8000021b8d4 nt!PspSystemThreadStartup+0x57 \n"
        "2 ffffa00000150520 0000000000000000 nt!KiStartSystemThread+0x34\n");
}

TEST_CASE("!mex.t of a terminated thread: no Source column when no frame has one, and the warning") {
  CHECK(run(lab::snapshot(), "!mex.t ffff900000017040") ==
        "Process                   Thread                       CID       UserTime KernelTime ContextSwitches Wait "
        "Reason  Time State\n"
        "System (ffff900000001000) ffff900000017040 (E|K|W|R|V) 4.11c            0          0               2 "
        "WrTerminated    0 Terminated\n"
        "\n"
        "# Child-SP         Return           Call Site\n"
        "0 ffffa00000170400 fffff800000cb3f5 nt!KiSwapContext+0x76\n"
        "1 ffffa00000170490 fffff800004dc507 nt!KiSwapThread+0xab5\n"
        "2 ffffa00000170520 fffff80000570613 nt!KeTerminateThread+0x19f\n"
        "3 ffffa000001705b0 fffff80000107181 nt!PspExitThread+0x4c3\n"
        "4 ffffa00000170640 fffff8000021bb94 nt!PspTerminateThreadByPointer+0x53\n"
        "5 ffffa000001706d0 fffff8000021b8d4 nt!PspSystemThreadStartup+0x71\n"
        "6 ffffa00000170760 0000000000000000 nt!KiStartSystemThread+0x34\n"
        "\n"
        "Warning!!! Thread is marked as terminated\n");
}

TEST_CASE("!thread prints kdexts' layout with the wait objects and truncated CPU times") {
  const std::string out = run(seed::snapshot(), "!thread ffffc983f3fb4040");
  CHECK(out.rfind("THREAD ffffc983f3fb4040  Cid 0004.0878  Teb: 0000000000000000 Win32Thread: 0000000000000000 "
                  "WAIT: (Executive) KernelMode Non-Alertable\n"
                  "    ffffc983f2cf36a0  Mutant - owning thread ffffc983f2d47040\n"
                  "Not impersonating\n",
                  0) == 0);
  CHECK(out.find("Owning Process            ffffc983ebceb040       Image:         System\n") != std::string::npos);
  CHECK(out.find("Wait Start TickCount      57917          Ticks: 7511 (0:00:01:57.359)\n") != std::string::npos);
  CHECK(out.find("Win32 Start Address TestDriver!FileMoveThread (0xfffff805735d1280)\n") != std::string::npos);
  CHECK(out.find("Priority 8 BasePriority 8 PriorityDecrement 0 IoPriority 2 PagePriority 5\n") != std::string::npos);
  CHECK(out.find("ffffc60b`86657240 fffff805`4d5573d7     : 00000000`00000000 00000000`00000000 00000000`00000000 "
                 "00000000`00000000 : TestDriver!FileMoveThread+0x47 "
                 "[C:\\Users\\User\\source\\repos\\TestDriver\\TestDriver\\Driver.c @ 58]\n") != std::string::npos);

  const std::string creation = run(seed::snapshot(), "!thread ffffc983f2d47040");
  CHECK(creation.find("KernelTime                00:00:00.593\n") != std::string::npos);  // !thread truncates
  CHECK(creation.find("WAIT: (DelayExecution) KernelMode Non-Alertable\nNot impersonating\n") != std::string::npos);
}

TEST_CASE("!thread names the state of threads that are not waiting") {
  const km::Snapshot snap = lab::snapshot();
  CHECK(run(snap, "!thread", 1).find("RUNNING on processor 1\n") != std::string::npos);
  CHECK(run(snap, "!thread ffff900000016040").find("READY on processor 0\n") != std::string::npos);
  CHECK(run(snap, "!thread ffff900000017040").find("Win32Thread: 0000000000000000 TERMINATED\n") != std::string::npos);
}

TEST_CASE("!mex.us groups identical stacks, fewest threads first, and counts the process's threads") {
  const km::Snapshot snap = seed::snapshot();
  const std::string all = run(snap, "!us");
  CHECK(all.find("255 threads [stats]: ffffc983ec100040 ffffc983ec101040") != std::string::npos);
  CHECK(all.find("1 thread [stats]: ffffc983f2d47040") < all.find("1 thread [stats]: ffffc983f3fb4040"));
  CHECK(all.find("1 thread [stats]: ffffc983f3fb4040") < all.find("255 threads"));
  const std::string footer = "\n3 stack(s) with 257 threads displayed (257 Total threads)\n";
  CHECK(all.compare(all.size() - footer.size(), footer.size(), footer) == 0);
  CHECK(run(snap, "!mex.us KEDELAY").find("Threads matching filter: 1 out of 257\n") != std::string::npos);
  CHECK(run(snap, "!mex.us NoSuchDriver") == "Threads matching filter: 0 out of 257\n");
}

TEST_CASE("!mex.lt filters by wait reason, state and process") {
  const km::Snapshot snap = lab::snapshot();
  CHECK(run(snap, "!mex.lt ffff900000001000 -state ready,running") ==
        "Process PID Thread            Id State    Time Reason\n"
        "======= === ================ === ======= ===== ===========\n"
        "System    4 ffff900000015040 114 Running     0 Executive\n"
        "System    4 ffff900000016040 118 Ready   156ms WrPreempted\n"
        "\n"
        "Thread Count: 2\n");
  const std::string delays = run(snap, "!lt -wr DelayExecution,WrTerminated");
  CHECK(delays.find("ffff900000017040 11c Terminated      0 WrTerminated\n") != std::string::npos);
  CHECK(delays.find("ffff900000018040 120 Waiting    1s.000 DelayExecution\n") != std::string::npos);
  CHECK(delays.find("Thread Count: 2\n") != std::string::npos);
}
