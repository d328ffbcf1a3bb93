// The seed scenario, run by the engine, held against the real dump's command outputs
// (shared/golden/kmutant-wait/). Allowances, and only these:
// - addresses are ksim's own but one-to-one with the dump's everywhere (golden_diff's remapping),
//   and related as in the dump (checked directly below);
// - thread ids (the CID and Id columns) are ksim's own, like addresses;
// - the driver frame's offset and source line come from ksim's gcc build of Driver.c, not the
//   original MSVC build, and ksim shows the line of the call (MSVC's return address fell on the
//   next statement for the delay: @ 47 where the call is on line 44);
// - the delaying thread's Time within ±100 ms of 1m:53.953, its KernelTime within ±25 % of 594ms
//   and its ContextSwitches within ±10 % of 4118 (the I/O cost model's calibration).
// The waiter's Time must be exactly 1m:57.359.
#include <regex>

#include "sim_fixture.h"
#include "support/golden_diff.h"
#include "viz/debugger.h"

namespace {

using simtest::run;

std::string normalise(std::string line) {
  static const std::regex address("(0x)?[0-9a-f]{8}`?[0-9a-f]{8}");
  static const std::regex driver_frame("TestDriver!(\\w+)\\+0x[0-9a-f]+");
  static const std::regex source_line("@ [0-9]+");
  static const std::regex cid(" 4\\.[0-9a-f]+ ");
  static const std::regex spaces(" +");
  line = std::regex_replace(line, address, "ADDR");
  line = std::regex_replace(line, driver_frame, "TestDriver!$1+OFFSET");
  line = std::regex_replace(line, source_line, "@ LINE");
  line = std::regex_replace(line, cid, " 4.TID ");
  line = std::regex_replace(line, spaces, " ");
  static const std::regex waiter_id("^System ADDR [0-9a-f]+ ");  // !mex.obj -waiters' Id column
  return std::regex_replace(line, waiter_id, "System ADDR TID ");
}

// "1m:53.953" / "594ms" / "2s.031" in milliseconds.
long mex_ms(const std::string& text) {
  std::smatch m;
  if (std::regex_match(text, m, std::regex("(\\d+)m:(\\d+)\\.(\\d+)")))
    return std::stol(m[1]) * 60000 + std::stol(m[2]) * 1000 + std::stol(m[3]);
  if (std::regex_match(text, m, std::regex("(\\d+)s\\.(\\d+)"))) return std::stol(m[1]) * 1000 + std::stol(m[2]);
  if (std::regex_match(text, m, std::regex("(\\d+)ms"))) return std::stol(m[1]);
  return -1;
}

// The delaying thread's !mex.t row: KernelTime, ContextSwitches and Time within their tolerances.
bool calibrated_row(const std::string& expected, const std::string& actual) {
  static const std::regex row("(.*\\(E\\|K\\|W\\|R\\|V\\) )\\S+ +0 +(\\S+) +(\\d+) DelayExecution +(\\S+) Waiting");
  std::smatch e, a;
  if (!std::regex_match(expected, e, row) || !std::regex_match(actual, a, row)) return false;
  const long kernel = mex_ms(a[2]), switches = std::stol(a[3]), time = mex_ms(a[4]);
  const long kernel_want = mex_ms(e[2]), switches_want = std::stol(e[3]), time_want = mex_ms(e[4]);
  return std::abs(kernel - kernel_want) * 4 <= kernel_want && std::abs(switches - switches_want) * 10 <= switches_want &&
         std::abs(time - time_want) <= 100;
}

bool tolerated(std::string_view expected, std::string_view actual) {
  const std::string e(expected), a(actual);
  return normalise(e) == normalise(a) || calibrated_row(e, a);
}

struct Seed {
  std::unique_ptr<simtest::Run> run;
  km::Snapshot snapshot;
  const km::ThreadView* creation = nullptr;
  const km::ThreadView* move = nullptr;
  const km::ObjectView* mutex = nullptr;
};

const km::ThreadView* thread_in(const km::Snapshot& s, const std::string& function) {
  for (const km::ThreadView& t : s.Threads) {
    for (const km::FrameView& f : t.Stack) {
      if (f.Module == "TestDriver" && f.Function == function) return &t;
    }
  }
  return nullptr;
}

Seed run_seed() {
  Seed seed;
  ksim::RunRequest request;
  request.target = "kmutex-delay";
  request.crash_at = 1173590000;  // 1m57.359s
  seed.run = run(request);
  seed.snapshot = seed.run->machine->snapshot();
  seed.creation = thread_in(seed.snapshot, "FileCreationThread");
  seed.move = thread_in(seed.snapshot, "FileMoveThread");
  REQUIRE(seed.creation);
  REQUIRE(seed.move);
  REQUIRE(seed.move->WaitBlocks.size() == 1);
  seed.mutex = seed.snapshot.find_object(seed.move->WaitBlocks[0].Object);
  REQUIRE(seed.mutex);
  return seed;
}

std::string hex(std::uint64_t a) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(a));
  return text;
}

}  // namespace

TEST_CASE("kmutex-delay crashed at 1m57.359s reproduces the seed dump's views") {
  const Seed seed = run_seed();
  CHECK(seed.run->reason == ksim::StopReason::Crash);
  const km::Snapshot& s = seed.snapshot;
  golden::Session session({.remap_addresses = true, .tolerance = tolerated, .max_reported = 5});
  viz::DebuggerContext context{s.Machine.CurrentProcessor, seed.run->machine->profile().create_time_bias_minutes};
  const std::string system = hex(s.Processes.at(1).Self);
  REQUIRE(s.Processes.at(1).ImageFileName == "System");

  const std::pair<std::string, std::string> walk[] = {
      {"di", "!di"},
      {"tl_system", "!tl system"},
      {"mex_p", "!mex.p " + system},
      {"", "~0s"},
      {"us_TestDriver", "!us TestDriver"},
      {"mex_t_creation_thread", "!mex.t " + hex(seed.creation->Self)},
      {"mex_t_move_thread", "!mex.t " + hex(seed.move->Self)},
      {"mex_mut", "!mex.mut " + hex(seed.mutex->Self)},
      {"mex_obj_waiters", "!mex.obj -waiters " + hex(seed.mutex->Self)},
  };
  for (const auto& [file, command] : walk) {
    const std::string echoed = viz::prompt(context) + command;
    const std::string output = viz::execute(s, command, context);
    if (file.empty()) continue;
    const std::string golden = simtest::read_file(simtest::shared_dir() + "/golden/kmutant-wait/" + file + ".txt");
    REQUIRE_MESSAGE(!golden.empty(), "missing golden " << file);
    const std::string report = session.compare(file, golden, echoed + "\n" + output);
    CHECK_MESSAGE(report.empty(), report);
  }
}

TEST_CASE("the seed's relations hold: owner, MutantListEntry at owner+0x308, the waiter's block") {
  const Seed seed = run_seed();
  CHECK(seed.mutex->OwnerThread == seed.creation->Self);
  CHECK(seed.mutex->SignalState == 0);
  CHECK(seed.mutex->ApcDisable == 1);
  CHECK(seed.mutex->MutantListEntry.Flink == seed.creation->Self + 0x308);
  CHECK(seed.mutex->MutantListEntry.Blink == seed.creation->Self + 0x308);
  CHECK(seed.mutex->Waiters == std::vector<km::Address>{seed.move->Self + 0x140});
  CHECK(seed.creation->KernelApcDisable == -1);
  CHECK(seed.creation->WaitReason == km::KWAIT_REASON::DelayExecution);
  CHECK(seed.move->WaitReason == km::KWAIT_REASON::Executive);
  CHECK(seed.creation->Priority == 9);
  CHECK(seed.creation->BasePriority == 8);
  // The waiter's Time is exact: it began waiting in the tick the driver was loaded in.
  CHECK(seed.snapshot.Machine.TickCount - seed.move->WaitTime == 7511);
}

TEST_CASE("the same run twice gives byte-identical views") {
  const Seed a = run_seed();
  const Seed b = run_seed();
  for (const std::string command : {"!mex.lt", "!us", "!running", "!timer"}) {
    viz::DebuggerContext ca{0, {}}, cb{0, {}};
    CHECK(viz::execute(a.snapshot, command, ca) == viz::execute(b.snapshot, command, cb));
  }
}
