// !mex.mut, !mex.obj -waiters and !mex.deadlock.
#include <doctest/doctest.h>

#include "viz/lab_fixture.h"
#include "viz/run_command.h"
#include "viz/seed_fixture.h"

TEST_CASE("!mex.mut of a mutex nobody owns") {
  const std::string out = run(lab::snapshot(), "!mex.mut ffff900000100500");
  CHECK(out.find("   +0x028 OwnerThread          : (null) \n") != std::string::npos);
  CHECK(out.find("\n\n\nNumber of waiters: 0\nNo owning thread\n") != std::string::npos);
}

TEST_CASE("!mex.obj -waiters lists an object's waiters in queue order") {
  CHECK(run(lab::snapshot(), "!mex.obj -waiters ffff900000100300") ==
        "Process Thread            Id CSwitches User Kernel State     Time Reason    Wait Function\n"
        "======= ================ === ========= ==== ====== ======= ====== ========= ===========================\n"
        "System  ffff900000013040 10c         1    0      0 Waiting 3s.125 Executive TestDriver!EventWaiter+0x40\n"
        "System  ffff900000014040 110         1    0      0 Waiting 1s.562 Executive TestDriver!EventWaiter+0x40\n");
}

TEST_CASE("!mex.deadlock prints the cycle of two mutexes first, then the other waits") {
  CHECK(
      run(lab::snapshot(), "!mex.deadlock") ==
      "Deadlock: 1 cycle\n"
      "\n"
      "Cycle 1:\n"
      "    ffff900000010040 (4.100 TestDriver!WorkerA+0x40) -> Mutant ffff900000100100 -> "
      "ffff900000011040 (4.104 TestDriver!WorkerB+0x40) -> Mutant ffff900000100000 -> "
      "ffff900000010040 (4.100 TestDriver!WorkerA+0x40)\n"
      "\n"
      "Other waits:\n"
      "    ffff900000012040 (4.108 TestDriver!SemaphoreWaiter+0x40) -> Semaphore ffff900000100200 (no owner)\n"
      "    ffff900000013040 (4.10c TestDriver!EventWaiter+0x40) -> SynchronizationEvent ffff900000100300 (no owner)\n"
      "    ffff900000014040 (4.110 TestDriver!EventWaiter+0x40) -> SynchronizationEvent ffff900000100300 (no owner)\n");
}

TEST_CASE("!mex.deadlock on the seed: a wait on an owned mutex but no cycle") {
  CHECK(run(seed::snapshot(), "!mex.deadlock") ==
        "No deadlock\n"
        "\n"
        "Waits:\n"
        "    ffffc983f3fb4040 (4.878 TestDriver!FileMoveThread+0x47) -> Mutant ffffc983f2cf36a0 -> "
        "ffffc983f2d47040 (4.c1c TestDriver!FileCreationThread+0x164)\n");
}

TEST_CASE("!mex.deadlock with no waiting thread at all") {
  km::Snapshot empty;
  CHECK(run(empty, "!mex.deadlock") == "No deadlock\n");
}
