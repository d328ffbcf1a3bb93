// dt over the modelled structures, !analyze and !di on the lab machine.
#include <doctest/doctest.h>

#include "viz/bugcheck_catalog.h"
#include "viz/lab_fixture.h"
#include "viz/run_command.h"

TEST_CASE("dt without an address lists the type's fields") {
  CHECK(run(lab::snapshot(), "dt nt!_KSEMAPHORE") ==
        "nt!_KSEMAPHORE\n"
        "   +0x000 Header           : _DISPATCHER_HEADER\n"
        "   +0x018 Limit            : Int4B\n");
  CHECK(run(lab::snapshot(), "dt nt!_KMUTANT").find("   +0x030 Spare1           : Pos 1, 7 Bits\n") !=
        std::string::npos);
}

TEST_CASE("dt nt!_KMUTANT shows the owner and the owner's list entry") {
  CHECK(run(lab::snapshot(), "dt nt!_KMUTANT ffff900000100000") ==
        "nt!_KMUTANT\n"
        "   +0x000 Header           : _DISPATCHER_HEADER\n"
        "   +0x018 MutantListEntry  : _LIST_ENTRY [ 0xffff9000`00010348 - 0xffff9000`00010348 ]\n"
        "   +0x028 OwnerThread      : 0xffff9000`00010040 _KTHREAD\n"
        "   +0x030 MutantFlags      : 0 ''\n"
        "   +0x030 Abandoned        : 0y0\n"
        "   +0x030 Spare1           : 0y0000000 (0)\n"
        "   +0x030 Abandoned2       : 0y0\n"
        "   +0x030 AbEnabled        : 0y0\n"
        "   +0x030 Spare2           : 0y000000 (0)\n"
        "   +0x031 ApcDisable       : 0x1 ''\n");
}

TEST_CASE("dt nt!_KWAIT_BLOCK links a queued block to its neighbours on the object's list") {
  // The first of the event's two waiters: Flink is the second block, Blink the list head (event+8).
  CHECK(run(lab::snapshot(), "dt _KWAIT_BLOCK ffff900000013180") ==
        "nt!_KWAIT_BLOCK\n"
        "   +0x000 WaitListEntry    : _LIST_ENTRY [ 0xffff9000`00014180 - 0xffff9000`00100308 ]\n"
        "   +0x010 WaitType         : 0x1 ''\n"
        "   +0x011 BlockState       : 0x4 ''\n"
        "   +0x012 WaitKey          : 0\n"
        "   +0x018 Thread           : 0xffff9000`00013040 _KTHREAD\n"
        "   +0x018 NotificationQueue : 0xffff9000`00013040 _KQUEUE\n"
        "   +0x020 Object           : 0xffff9000`00100300 Void\n"
        "   +0x028 SparePtr         : (null) \n");
}

TEST_CASE("dt nt!_DISPATCHER_HEADER decodes the header bytes of a synchronization event") {
  const std::string out = run(lab::snapshot(), "dt nt!_DISPATCHER_HEADER ffff900000100300");
  CHECK(out.find("   +0x000 Lock             : 0n393217\n") != std::string::npos);  // 0x60001: Type 1, Size 6
  CHECK(out.find("   +0x002 CounterProfiling : 0y1\n") != std::string::npos);
  CHECK(out.find("   +0x001 EncodedTolerableDelay : 0y000000 (0)\n") != std::string::npos);
  CHECK(out.find("   +0x001 Timer2ReservedFlags : 0y00 (0n0)\n") != std::string::npos);
  CHECK(out.find("   +0x008 WaitListHead     : _LIST_ENTRY [ 0xffff9000`00013180 - 0xffff9000`00014180 ]\n") !=
        std::string::npos);
}

TEST_CASE("dt of timers, threads and events") {
  const km::Snapshot snap = lab::snapshot();
  const std::string timer = run(snap, "dt nt!_KTIMER ffff900000100400");
  CHECK(timer.find("   +0x018 DueTime          : _ULARGE_INTEGER 0x5dbb3570\n") != std::string::npos);
  CHECK(timer.find("   +0x030 Dpc              : 0xffff9000`00100480 _KDPC\n") != std::string::npos);
  CHECK(timer.find("   +0x03c Period           : 0x3e8\n") != std::string::npos);
  const std::string thread = run(snap, "dt nt!_KTHREAD ffff900000015040");
  CHECK(thread.find("   +0x0c3 Priority         : 0n13 ''\n") != std::string::npos);
  CHECK(thread.find("   +0x184 State            : 0x2 ''\n") != std::string::npos);
  CHECK(thread.find("   +0x218 NextProcessor    : 0y0000000000000000000000000000001 (0x1)\n") != std::string::npos);
  CHECK(run(snap, "dt nt!_KEVENT ffff900000100300") == "nt!_KEVENT\n   +0x000 Header           : _DISPATCHER_HEADER\n");
}

TEST_CASE("!analyze -v blames the first frame past the bugcheck plumbing when all frames are nt") {
  const std::string out = run(lab::snapshot(), "!analyze -v");
  CHECK(out.find("THREAD_TERMINATE_HELD_MUTEX (4000008a)\n") != std::string::npos);
  CHECK(out.find("Arg2: ffff900000100600, address of the mutex\n") != std::string::npos);
  CHECK(out.find("BUGCHECK_CODE:  4000008a\n\nBUGCHECK_P1: ffff900000017040\n") != std::string::npos);
  CHECK(out.find("PROCESS_NAME:  System\n") != std::string::npos);
  CHECK(out.find("SYMBOL_NAME:  nt!PspExitThread+1c8\n\nMODULE_NAME: nt\n\nIMAGE_NAME:  ntoskrnl.exe\n") !=
        std::string::npos);
  CHECK(out.find("FAILURE_BUCKET_ID:  0x4000008A_nt!PspExitThread\n") != std::string::npos);
  CHECK(out.find("OS_VERSION:  10.0.22621.1\n\nBUILDLAB_STR:  ni_release\n") != std::string::npos);
}

TEST_CASE("!analyze of an unknown code, and with no bugcheck at all") {
  km::Snapshot snap = lab::snapshot();
  snap.Bugcheck->Code = 0x12345;
  const std::string unknown = run(snap, "!analyze -v");
  CHECK(unknown.find("Unknown bugcheck code (12345)\nUnknown bugcheck description\nArguments:\n"
                     "Arg1: ffff900000017040\n") != std::string::npos);
  snap.Bugcheck.reset();
  CHECK(run(snap, "!analyze -v").find("BUGCHECK_CODE:  0\n") != std::string::npos);
}

TEST_CASE("the bugcheck catalog covers the codes ksim's scenarios raise") {
  for (const km::ULONG code : {0xD1U, 0xAU, 0x1U, 0xCU, 0x1EU, 0x20U, 0x39U, 0x4AU, 0x7EU, 0xB8U, 0xBFU, 0xF7U,
                               0x4000008AU, 0xE3U, 0x161U, 0xC4U, 0x50U, 0x3BU}) {
    const viz::BugcheckInfo* info = viz::find_bugcheck(code);
    REQUIRE_MESSAGE(info != nullptr, "code " << code);
    CHECK(!info->name.empty());
    CHECK(!info->description.empty());
    for (const auto& argument : info->arguments) CHECK(!argument.empty());
  }
  CHECK(viz::find_bugcheck(0xD1)->name == "DRIVER_IRQL_NOT_LESS_OR_EQUAL");
}

TEST_CASE("!di leaves out the lines the machine has no value for; positive time zones print +") {
  CHECK(run(lab::snapshot(), "!mex.di") ==
        "Computer Name:  LAB\n"
        "Windows 10 Kernel Version 22621 MP (2 procs) Free x64\n"
        "Edition build lab: 22621.1.amd64fre.ni_release.220506-1250\n"
        "Kernel base = 0x00000000`00000000 PsLoadedModuleList = 0x00000000`00000000\n"
        "Debug session time: Thu Feb 29 13:00:00.000 2024 (UTC + 1:00)\n"
        "System Uptime: 0 days 0:02:36.255\n"
        "Bugcheck: 4000008A (FFFF900000017040, FFFF900000100600, 0, 0)\n");
}
