// !ready, !running, !mex.running, !timer, !locks, !process 0 0 and !tl.
#include <doctest/doctest.h>

#include "viz/lab_fixture.h"
#include "viz/run_command.h"
#include "viz/seed_fixture.h"

TEST_CASE("!ready lists each processor's ready queues, highest priority first") {
  CHECK(run(lab::snapshot(), "!ready") ==
        "Processor 0: Ready Threads at priority 8\n"
        "    THREAD ffff900000016040  Cid 0004.0118  Teb: 0000000000000000 Win32Thread: 0000000000000000 READY on "
        "processor 0\n"
        "Processor 1: No threads in READY state\n");
}

TEST_CASE("!running shows busy processors; -i adds the idle ones") {
  const km::Snapshot snap = lab::snapshot();
  const std::string header =
      "\n"
      "System Processors:  (0000000000000003)\n"
      "  Idle Processors:  (0000000000000001)\n"
      "\n"
      "       Prcbs             Current         (pri) Next            (pri) Idle\n";
  const std::string busy =
      "  1    0000000000000000  ffff900000015040 (13)                       fffff80000101000  ................\n";
  const std::string idle =
      "  0    0000000000000000  fffff80000100000 ( 0)                       fffff80000100000  ................\n";
  CHECK(run(snap, "!running") == header + busy);
  CHECK(run(snap, "!running -i") == header + idle + busy);
}

TEST_CASE("!mex.running lists the thread on each processor") {
  CHECK(run(lab::snapshot(), "!mex.running") ==
        "Process PID Thread            Id Pri Base Pri Next CPU CSwitches User Kernel State   Time Reason\n"
        "======= === ================ === === ======== ======== ========= ==== ====== ======= ==== =========\n"
        "Idle      0 fffff80000100000   0   0        0        0         1    0      0 Running    0 Executive\n"
        "System    4 ffff900000015040 114  13       12        1      5686    0  109ms Running    0 Executive\n"
        "\n"
        "Count: 2 | Show Unique Stacks\n");
}

TEST_CASE("!timer lists inserted timers soonest first with the thread or DPC they release") {
  CHECK(run(lab::snapshot(), "!timer") ==
        "Dump system timers\n"
        "\n"
        "Interrupt time: 5d229ef0 00000000 [ 2/29/2024 13:00:00.000]\n"
        "\n"
        "List Timer             Interrupt Low/High  Fire Time                   DPC/thread\n"
        " 80 ffff900000100400    5dbb3570 00000000 [ 2/29/2024 13:00:01.000]  (DPC @ ffff900000100480)\n"
        "144 ffff900000018140    63187ff0 00000000 [ 2/29/2024 13:00:10.000]  thread ffff900000018040\n"
        "\n"
        "Total Timers: 2, Maximum List: 1\n"
        "Current Hand: 16\n");
}

TEST_CASE("!locks finds no executive resources") {
  CHECK(run(lab::snapshot(), "!locks") ==
        "**** DUMP OF ALL RESOURCE OBJECTS ****\nKD: Scanning for held locks.\n\n0 total locks\n");
}

TEST_CASE("!process 0 0 lists every process in kdexts' brief form") {
  CHECK(run(lab::snapshot(), "!process 0 0") ==
        "**** NT ACTIVE PROCESS DUMP ****\n"
        "PROCESS fffff80000000f40\n"
        "    SessionId: none  Cid: 0000    Peb: 00000000  ParentCid: 0000\n"
        "    DirBase: 00000000  ObjectTable: 0000000000000000  HandleCount:   0.\n"
        "    Image: Idle\n"
        "\n"
        "PROCESS ffff900000001000\n"
        "    SessionId: none  Cid: 0004    Peb: 00000000  ParentCid: 0000\n"
        "    DirBase: 00000000  ObjectTable: 0000000000000000  HandleCount: 1234.\n"
        "    Image: System\n"
        "\n");
}

TEST_CASE("!tl -t counts each process's threads by state, '.' for none") {
  CHECK(run(lab::snapshot(), "!tl -t") ==
        "PID     Address          Name   !! Rn Ry Bk Lc IO Er\n"
        "======= ================ ====== == == == == == == ==\n"
        "0x0 0n0 fffff80000000f40 Idle    .  1  1  .  .  .  .\n"
        "0x4 0n4 ffff900000001000 System  .  1  1  .  .  .  .\n"
        "======= ================ ====== == == == == == == ==\n"
        "PID     Address          Name   !! Rn Ry Bk Lc IO Er\n");
}

TEST_CASE("!tl without a filter lists every live process and warns about the zombies") {
  const std::string out = run(seed::snapshot(), "!mex.tl");
  CHECK(out.find("0x80   0n128  ffffc983ebce5080 Registry\n") != std::string::npos);
  CHECK(out.find("SystemSettings.exe\n") == std::string::npos);  // a zombie
  CHECK(out.find("Warning! Zombie process(es) detected (not displayed). Count: 5 [zombie report]\n") !=
        std::string::npos);
}
