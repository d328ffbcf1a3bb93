// The teaching session of issue 5 on the seed scenario, at its full size: stop at the delay, look
// at both threads, step back and forward, and find the machine exactly as it was.
#include "debug_fixture.h"

using namespace debugtest;

namespace {

// Everything a student would look at, at one stop.
std::string views(ksim::debug::Session& s) {
  std::string text;
  const std::vector<std::string> commands = {"~",       "k",        "!mex.t " + creation_thread, "!mex.t " + move_thread,
                                            "!us TestDriver", "!mex.mut", "!running", "!ready", "!timer"};
  for (const std::string& command : commands) {
    text += s.prompt() + command + "\n";
    text += s.execute(command);
  }
  return text;
}

}  // namespace

TEST_CASE("kmutex-delay: stop at the delay, show both threads, step back and forward") {
  ksim::debug::SessionOptions options;
  options.request.target = "kmutex-delay";
  const auto s = open(options);
  CHECK(contains(s->banner(), "Time Travel Position: 0:0 (uptime 0:15:04.966)"));

  CHECK(s->execute("bp nt!KeDelayExecutionThread").empty());
  const std::string hit = s->execute("g");
  CHECK(contains(hit, "Breakpoint 0 hit\nnt!KeDelayExecutionThread:\nFileCreationThread (ffffc983`ebdf9040) calls it "
                      "from TestDriver!FileCreationThread+"));
  CHECK(contains(hit, "TestDriver\\Driver.c @ 44]\n"));
  const std::string at_delay = position_of(hit);

  // Both threads: the one about to delay owns the mutant, the other waits for it.
  const std::string threads = s->execute("~");
  CHECK(contains(threads, ".  0 ffffc983`ebdf9040 4.404 Running on processor"));
  CHECK(contains(threads, "TestDriver!FileCreationThread owns Mutant ffffc983`"));
  CHECK(contains(threads, "   1 ffffc983`ebdfa040 4.408 Waiting"));
  CHECK(contains(threads, "TestDriver!FileMoveThread     waits on Mutant ffffc983`"));
  CHECK(contains(threads, "(owner FileCreationThread)"));
  CHECK(contains(threads, "255 other threads in System"));
  CHECK(contains(s->execute("!mex.t " + move_thread), "Owning Thread: ffffc983ebdf9040 (System)"));
  const std::string stack = s->execute("k");
  CHECK(stack.rfind(" # Child-SP          RetAddr               Call Site\n00 ", 0) == 0);
  CHECK(contains(stack, "     TestDriver!FileCreationThread+0x"));
  const std::string before = views(*s);

  // One event on: the delay itself; one back, and forward again to the same views.
  const std::string step = s->execute("p");
  CHECK(contains(step, "FileCreationThread delays: its timer goes into the timer table, due at uptime 0:45:0"));
  CHECK(contains(step, "the thread becomes Waiting (DelayExecution)"));
  const std::string after_delay = position_of(step);
  CHECK(after_delay != at_delay);
  CHECK(contains(s->execute("~"), "DelayExecution"));
  const std::string delayed = views(*s);

  const std::string back = s->execute("p-");
  CHECK(position_of(back) == at_delay);
  CHECK(views(*s) == before);
  CHECK(position_of(s->execute("p")) == after_delay);
  CHECK(views(*s) == delayed);

  // Back to the breakpoint (the last hit before here), then to the start, then !tt forward.
  const std::string again = s->execute("g-");
  CHECK(contains(again, "Breakpoint 0 hit\n"));
  CHECK(position_of(again) == at_delay);
  CHECK(views(*s) == before);
  const std::string start = s->execute("g-");
  CHECK(contains(start, "ksim: no breakpoint hit before this position; back at the start\n"));
  CHECK(position_of(start) == "0:0");
  const std::string jumped = s->execute("!tt " + at_delay);
  CHECK(contains(jumped, "Setting position: " + at_delay + "\n"));
  CHECK(position_of(jumped) == at_delay);
  CHECK(views(*s) == before);
  CHECK(s->execute("!tt " + after_delay).find("Time Travel Position: " + after_delay) != std::string::npos);
  CHECK(views(*s) == delayed);
}

TEST_CASE("a transcript is the same, byte for byte, every time") {
  const std::vector<std::string> commands = {"bp nt!KeReleaseMutex", "ba w8 ffffc983ebdfa040", ".explain on", "g", "p",
                                             "~", "k", "p-", "g-", "t", "t-", "g 1m", "!mex.t", ".crash", "p-", "q"};
  const std::string first = ksim::debug::transcript(small(), commands);
  CHECK(first == ksim::debug::transcript(small(), commands));
  CHECK(contains(first, "quit:\n"));
}

TEST_CASE("a breakpoint hit inside a DPC names the DPC's routine and the thread it interrupts") {
  ksim::debug::SessionOptions options;
  options.request.target = std::string(KSIM_TEST_SOURCE_DIR) + "/sim/drivers/dpc_queue.c";
  const auto s = open(options);
  CHECK(s->execute("bp nt!KeSetEvent").empty());
  const std::string hit = s->execute("g");
  CHECK(contains(hit, "Breakpoint 0 hit\nnt!KeSetEvent:\na DPC interrupting Inserting (ffffc983`"));
  CHECK(contains(hit, ") calls it from dpc_queue!CountingDpc\n"));
  // The step that follows the DPC's call is the inserter's own: no DPC named.
  const std::string next = s->execute("t");
  CHECK(contains(next, "Inserting (ffffc983`"));
  CHECK_FALSE(contains(next, "a DPC"));
}
