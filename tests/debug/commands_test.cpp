// One test per command of `ksim debug`, on kmutex-delay with three files.
#include <chrono>
#include <thread>

#include "debug_fixture.h"

using namespace debugtest;

TEST_CASE("g runs to the end, and says so when asked to go on") {
  const auto s = open(small());
  const std::string end = s->execute("g");
  CHECK(contains(end, "ksim: stopped at uptime 0:45:04.9"));
  CHECK(contains(end, ": every driver thread finished\n"));
  CHECK(s->execute("g") == "ksim: the run has ended (every driver thread finished); g-, p-, t- or !tt <position> go back\n");
  CHECK(contains(s->execute("p"), "the run has ended"));
}

TEST_CASE("g <duration> advances virtual time, idle time included") {
  const auto s = open(small());
  const std::string stop = s->execute("g 1m57.359s");
  CHECK(contains(stop, "(uptime 0:17:02.325)\n"));
  // The seed dump's moment: the waiter has waited exactly as long as in the dump.
  CHECK(contains(s->execute("!mex.t " + move_thread), "Executive   1m:57.359 Waiting"));
  CHECK(contains(s->execute("g 10s"), "(uptime 0:17:12.325)\n"));
  CHECK(s->execute("g 5parsecs") == "Couldn't resolve error at '5parsecs'\n");
}

TEST_CASE("p takes one dispatcher event and tells it") {
  const auto s = open(small());
  const std::string first = s->execute("p");
  CHECK(contains(first, "[1 0:15:04.966] processor 2 switches from the idle thread to System worker thread ffffc983`"));
  CHECK(contains(first, "nt!ZwClose:\nSystem worker thread ffffc983`"));
  CHECK(contains(first, "calls it from TestDriver!DriverEntry+0x"));
  CHECK(position_of(first) == "2:0");
  CHECK(position_of(s->execute("")) == "3:0");  // an empty line repeats p
  CHECK(s->execute("p 2") == "       ^ Syntax error in 'p 2'\n");
}

TEST_CASE("t runs to a thread's next kernel call; t- goes back to its previous one") {
  const auto s = open(small());
  CHECK(s->execute("t ffffc983ebdfa040") == "TYPE mismatch for thread object at ffffc983ebdfa040\n");  // not created yet
  s->execute("g 1s");  // FileMoveThread waits for the mutex
  const std::string next = s->execute("t ffffc983ebdfa040");
  CHECK(contains(next, "nt!ZwOpenFile:\nFileMoveThread (ffffc983`ebdfa040) calls it from TestDriver!FileMoveThread+0x"));
  CHECK(contains(next, "(uptime 0:45:04.9"));
  const std::string back = s->execute("t-");  // the current thread's: FileMoveThread's
  CHECK(contains(back, "nt!KeWaitForSingleObject:\nFileMoveThread"));
  CHECK(!contains(back, "Breakpoint"));
  CHECK(contains(s->execute("t-"), "ksim: no earlier kernel call by that thread; back at the start\n"));
  CHECK(s->execute("t nothread") == "Couldn't resolve error at 'nothread'\n");
  CHECK(contains(s->execute("t"), "every driver thread finished"));  // the idle thread, current at the start, never calls
}

TEST_CASE(".crash raises NotMyFault's bugcheck now, and replays keep it") {
  const auto s = open(small());
  s->execute("g 1m");
  const std::string crash = s->execute(".crash");
  CHECK(contains(crash, "*** Fatal System Error: 0x000000d1\n"
                        "                       (0xFFFF8001ACDC6010,0x0000000000000002,0x0000000000000000,0xFFFFF805736312D0)\n"));
  CHECK(contains(crash, "ksim: stopped at uptime 0:16:04.966: the requested crash (NotMyFault)\n"));
  CHECK(s->prompt() == "2: kd> ");
  CHECK(contains(s->execute("!analyze -v"), "DRIVER_IRQL_NOT_LESS_OR_EQUAL"));
  s->execute("p-");
  CHECK(contains(s->execute("g"), "uptime 0:16:04.966: the requested crash"));
  CHECK(contains(s->execute(".crash"), "the run has ended"));
}

TEST_CASE("q ends the session") {
  const auto s = open(small());
  CHECK(s->execute("q") == "quit:\n");
  CHECK(s->finished());
  const std::string t = ksim::debug::transcript(small(), {"q", "g"});
  CHECK(t.substr(t.size() - 15) == "0: kd> q\nquit:\n");
}

TEST_CASE("bp on a kernel routine, on a driver function; bl, bd, be, bc") {
  const auto s = open(small());
  CHECK(s->execute("bp nt!KeReleaseMutex").empty());
  CHECK(s->execute("bp TestDriver!FileMoveThread").empty());
  CHECK(s->execute("bp nt!KeReleaseMutex") == "breakpoint 0 redefined\n");
  CHECK(s->execute("bp nt!KeNoSuchRoutine") == "Couldn't resolve error at 'nt!KeNoSuchRoutine'\n");
  CHECK(s->execute("bp") == "       ^ Syntax error in 'bp'\n");
  CHECK(s->execute("bd 1").empty());
  const std::string list = s->execute("bl");
  CHECK(contains(list, "     0 e Disable Clear  fffff805`4d4c4b10     0001 (0001) nt!KeReleaseMutex\n"));
  CHECK(contains(list, "     1 d Enable Clear  fffff805`735d"));
  CHECK(contains(list, "     0001 (0001) TestDriver!FileMoveThread\n"));
  // Breakpoint 1 is disabled: the first stop is the release.
  const std::string release = s->execute("g");
  CHECK(contains(release, "Breakpoint 0 hit\nnt!KeReleaseMutex:\nFileCreationThread (ffffc983`ebdf9040) calls it"));
  CHECK(s->execute("be 1").empty());
  CHECK(contains(s->execute("g"), "Breakpoint 1 hit\nnt!ZwOpenFile:\nFileMoveThread"));
  CHECK(s->execute("bc *").empty());
  CHECK(s->execute("bl").empty());
  CHECK(s->execute("bc x") == "       ^ Syntax error in 'bc x'\n");
  CHECK(contains(s->execute("g"), "every driver thread finished"));
}

TEST_CASE("ba breaks when an object is signalled or a thread changes state") {
  const auto s = open(small());
  CHECK(s->execute("ba w8 ffffc983ebdfa040").empty());  // FileMoveThread
  const std::string hit = s->execute("g");
  CHECK(contains(hit, "FileMoveThread starts (PsCreateSystemThread) and is readied for processor"));
  CHECK(contains(hit, "Breakpoint 0 hit\n"));
  CHECK(contains(s->execute("bl"), "     0 e Disable Clear  ffffc983`ebdfa040 w 8 0001 (0001)\n"));
  CHECK(contains(s->execute("g"), "processor 4 switches from the idle thread to FileMoveThread"));
  CHECK(s->execute("ba ffffc983ebdfa040") == "breakpoint 0 redefined\n");
  CHECK(s->execute("ba q9 ffffc983ebdfa040") == "       ^ Syntax error in 'ba q9 ffffc983ebdfa040'\n");
  CHECK(s->execute("ba w8 nowhere") == "Couldn't resolve error at 'nowhere'\n");
}

TEST_CASE("g- goes back to the last breakpoint hit, p- one event back") {
  const auto s = open(small());
  s->execute("bp nt!ZwCreateFile");
  const std::string first = position_of(s->execute("g"));
  const std::string second = position_of(s->execute("g"));
  CHECK(first != second);
  s->execute("p");
  const std::string back = s->execute("g-");
  CHECK(contains(back, "Breakpoint 0 hit\nnt!ZwCreateFile:"));
  CHECK(position_of(back) == second);
  CHECK(position_of(s->execute("g-")) == first);
  const std::string p_back = s->execute("p-");  // back over the step that led here, which it tells
  CHECK(contains(p_back, "processor 3 switches from the idle thread to FileCreationThread\n"));
  CHECK(position_of(p_back) == "3:0");
}

TEST_CASE("!tt jumps to a position, forward or back") {
  const auto s = open(small());
  s->execute("bp nt!KeReleaseMutex");
  const std::string release = position_of(s->execute("g"));
  CHECK(position_of(s->execute("!tt 5")) == "5:0");
  CHECK(position_of(s->execute("!tt")) == "5:0");
  const std::string forward = s->execute("!tt " + release);
  CHECK(contains(forward, "Setting position: " + release + "\nnt!KeReleaseMutex:\nFileCreationThread"));
  CHECK(position_of(s->execute("!tt 5:0")) == "5:0");
  CHECK(position_of(s->execute("!tt 1F")) >= "1F:0");  // between points: the first one after
  CHECK(s->execute("!tt x:y") == "Couldn't resolve error at 'x:y'\n");
  CHECK(contains(s->execute("!tt FFFFFF"), "every driver thread finished"));
}

TEST_CASE("~ lists the driver's threads, ~* every thread, ~<n>s switches, k shows the stack") {
  const auto s = open(small());
  s->execute("bp nt!KeDelayExecutionThread");
  s->execute("g");
  const std::string driver = s->execute("~");
  CHECK(contains(driver, ".  0 ffffc983`ebdf9040"));
  CHECK(contains(driver, "   1 ffffc983`ebdfa040"));
  CHECK(contains(driver, "255 other threads in System (~* lists every thread)\n"));
  const std::string all = s->execute("~*");
  CHECK(std::count(all.begin(), all.end(), '\n') == 257);
  CHECK(s->execute("~1s").empty());
  CHECK(contains(s->execute("~"), ".  1 ffffc983`ebdfa040"));
  const std::string stack = s->execute("k");
  CHECK(contains(stack, "03 ffffc60b`"));
  CHECK(contains(stack, "     nt!KeWaitForSingleObject+0x256\n"));
  CHECK(contains(stack, "     TestDriver!FileMoveThread+0x5b ["));
  CHECK(contains(s->execute("!thread"), "THREAD ffffc983ebdfa040"));  // the current thread
  CHECK(s->execute("~999s") == "       ^ Illegal thread error in '~999s'\n");
  CHECK(s->execute("~xs") == "       ^ Syntax error in '~xs'\n");
  CHECK(s->execute("k 5") == "       ^ Syntax error in 'k 5'\n");
}

TEST_CASE(".explain narrates every event in NT terms") {
  const auto s = open(small());
  CHECK(s->execute(".explain") == "Narration is off\n");
  CHECK(s->execute(".explain on") == "Narration is on: every dispatcher event is told in one line\n");
  s->execute("bp nt!KeDelayExecutionThread");
  const std::string told = s->execute("g");
  CHECK(contains(told, "FileMoveThread waits on Mutant ffffc983`"));
  CHECK(contains(told, ", owned by FileCreationThread; its wait block goes to the tail of the mutant's wait list; the "
                       "thread becomes Waiting (Executive)\n"));
  CHECK(contains(told, "the disk completes FileCreationThread's ZwCreateFile: the completion sets its I/O event"));
  s->execute(".explain off");
  CHECK(s->execute("g").find("FileCreationThread's timer expires") == std::string::npos);
  CHECK(s->execute(".explain maybe") == "       ^ Syntax error in '.explain maybe'\n");
}

TEST_CASE("every dump command works at every stop; unknown commands answer like WinDbg") {
  const auto s = open(small());
  CHECK(contains(s->execute("!di"), "System Uptime: 0 days 0:15:04.966"));
  s->execute("p");
  CHECK(contains(s->execute("!us TestDriver"), "TestDriver!DriverEntry+0x"));
  s->execute("g 30s");
  CHECK(contains(s->execute("!running"), "System Processors:"));
  CHECK(contains(s->execute("dt nt!_KTHREAD ffffc983ebdf9040"), "+0x"));
  CHECK(s->execute("frobnicate") == "       ^ Syntax error in 'frobnicate'\n");
  CHECK(s->execute("!mex.t zzz") == "Couldn't resolve error at 'zzz'\n");
  CHECK(s->execute("").empty());
  CHECK(contains(s->execute(".help"), "!tt <position>"));
}

TEST_CASE("Ctrl-C interrupts a long g and the session goes on") {
  auto options = small();
  options.request.sets = {{"files", "200000"}, {"writes", "1"}};
  const auto s = open(options);
  std::thread interrupter([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ksim::debug::request_interrupt();
  });
  const std::string stopped = s->execute("g");
  interrupter.join();
  CHECK(contains(stopped, "ksim: interrupted (Ctrl-C)\n"));
  CHECK(contains(s->execute("~"), "TestDriver!FileCreationThread"));
}
