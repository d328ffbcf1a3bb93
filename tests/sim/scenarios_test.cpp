// The scenarios run to the ends their drivers imply, on the simulated volume.
#include "sim_fixture.h"
#include "volume/volume.h"

namespace {

std::unique_ptr<simtest::Run> run_scenario(const std::string& name, std::map<std::string, std::string> sets = {}) {
  ksim::RunRequest request;
  request.target = name;
  request.sets = std::move(sets);
  return simtest::run(request);
}

std::u16string file_name(const char16_t* directory, const char16_t* stem, int i) {
  const std::string n = std::to_string(i);
  return std::u16string(directory) + stem + std::u16string(n.begin(), n.end()) + u".txt";
}

}  // namespace

TEST_CASE("kmutex-sync: every file is created with all its bytes, then moved to C:\\Temp2") {
  const auto r = run_scenario("kmutex-sync", {{"files", "20"}, {"writes", "5"}});
  CHECK(r->reason == ksim::StopReason::Completed);
  auto& volume = r->machine->volume();
  CHECK(volume.list(u"C:\\Temp").empty());
  for (int i = 0; i < 20; ++i) {
    const auto contents = volume.contents(file_name(u"C:\\Temp2\\", u"NewFile_", i));
    REQUIRE(contents);
    CHECK(contents->size() == 5 * 15);
  }
}

TEST_CASE("kmutex-delay without a crash holds the mutex for 30 minutes, then both threads finish") {
  const auto r = run_scenario("kmutex-delay", {{"files", "10"}, {"writes", "2"}});
  CHECK(r->reason == ksim::StopReason::Completed);
  const std::uint64_t thirty_minutes = 18000000000;
  CHECK(r->machine->model().InterruptTime() > r->prepared.config.load_time + thirty_minutes);
  CHECK(r->machine->volume().list(u"C:\\Temp2").size() == 10);
}

TEST_CASE("kmutex-race runs both loops at once with no mutex at all") {
  const auto r = run_scenario("kmutex-race", {{"files", "20"}, {"writes", "5"}});
  CHECK(r->reason == ksim::StopReason::Completed);
  auto& volume = r->machine->volume();
  // The move loop runs alongside creation: some files are moved, some left behind or never seen.
  CHECK(volume.list(u"C:\\Temp").size() + volume.list(u"C:\\Temp2").size() == 20);
}

TEST_CASE("the seed's own code block compiles unchanged and runs to the same state") {
  const std::string seed = simtest::read_file(simtest::shared_dir() + "/seed/000_49dbd57117f58e18.txt");
  const auto start = seed.find("```c\n");
  REQUIRE(start != std::string::npos);
  const auto end = seed.find("```", start + 5);
  const std::string path = (std::filesystem::temp_directory_path() / "ksim-seed-Driver.c").string();
  std::ofstream(path) << seed.substr(start + 5, end - start - 5);
  ksim::RunRequest request;
  request.target = path;
  request.module = "TestDriver";
  request.crash_at = 1173590000;
  const auto r = simtest::run(request);
  CHECK(r->reason == ksim::StopReason::Crash);
  const km::Snapshot s = r->machine->snapshot();
  int delaying = 0, waiting_on_mutex = 0;
  for (const km::ThreadView& t : s.Threads) {
    if (t.Stack.size() < 5 || t.Stack[4].Module != "TestDriver") continue;
    if (t.WaitReason == km::KWAIT_REASON::DelayExecution && t.Stack[4].Function == "FileCreationThread") ++delaying;
    if (t.WaitReason == km::KWAIT_REASON::Executive && t.Stack[4].Function == "FileMoveThread") ++waiting_on_mutex;
  }
  CHECK(delaying == 1);
  CHECK(waiting_on_mutex == 1);
  CHECK(r->machine->volume().list(u"C:\\Temp").size() == 1000);
}
