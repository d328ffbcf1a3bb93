// The file scenarios under exploration, with the sizes (20 files of 5 writes): the race
// breaks both of its properties quickly; the mutex keeps the threads apart in every schedule but
// does not order them, and exploration finds the schedule that shows it.
#include <algorithm>

#include "explore/decision_text.h"
#include "explore_fixture.h"

using namespace extest;

namespace {

bool mentions(const ex::Violation& v, const std::string& text) {
  return std::any_of(v.details.begin(), v.details.end(), [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("kmutex-race breaks exclusive and all-moved within 200 random schedules") {
  for (const std::string property : {"exclusive", "all-moved"}) {
    Target race = prepare("kmutex-race", small_files(), {property});
    const auto result = explore(race, {.strategy = ex::Strategy::Random, .schedules = 200});
    REQUIRE(result.failure);
    CHECK(result.failure->schedule <= 200);
    CHECK(result.failure->result.violation->property == property);
  }
}

TEST_CASE("kmutex-sync keeps exclusive in every schedule explored") {
  Target sync = prepare("kmutex-sync", small_files(), {"exclusive"});
  const auto result = explore(sync, {.strategy = ex::Strategy::Random, .schedules = 300, .seed = 7, .jobs = 2});
  CHECK_FALSE(result.failure);
  CHECK(result.explored == 300);
}

TEST_CASE("kmutex-sync: exploration finds FileMoveThread taking the mutex first, and says why it matters") {
  Target sync = prepare("kmutex-sync", small_files());
  const auto result = explore(sync, {.strategy = ex::Strategy::Random, .schedules = 200});
  REQUIRE(result.failure);
  const ex::Violation& v = *result.failure->result.violation;
  CHECK(v.property == "all-moved");
  CHECK(v.summary.starts_with("20 of 20 files did not end up in C:\\Temp2"));
  CHECK(mentions(v, "FileMoveThread acquired the mutex at"));
  CHECK(mentions(v, "The mutex excludes, it does not order"));
  CHECK(mentions(v, "FileMoveThread      opened   STATUS_OBJECT_NAME_NOT_FOUND"));

  // On the full machine `ksim run` builds, the token fails the same way; shortened, it is one
  // decision: FileCreationThread reaching its start routine late.
  const auto full = ex::replay(sync.run, sync.spec, ex::picks_of(result.failure->result.decisions));
  REQUIRE(full.violation);
  CHECK(full.violation->summary == v.summary);
  const ex::Shrunk shrunk = ex::shrink(sync.run, sync.spec, full);
  const auto picks = ex::picks_of(shrunk.result.decisions);
  CHECK(std::count_if(picks.begin(), picks.end(), [](km::ULONG p) { return p != 0; }) == 1);
  const auto lines = ex::describe_decisions(sync.run, picks);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("ThreadStart: FileCreationThread takes") != std::string::npos);
  CHECK(shrunk.result.violation->property == "all-moved");
}

TEST_CASE("a deadlock is reported with its wait-for cycle, a bugcheck with its name") {
  Target abba = prepare("sim/drivers/abba_deadlock.c");
  auto result = explore(abba, {.strategy = ex::Strategy::Random, .schedules = 20});
  REQUIRE(result.failure);
  const ex::Violation& deadlock = *result.failure->result.violation;
  CHECK(deadlock.property == "deadlock");
  CHECK(mentions(deadlock, "Cycle 1:"));
  CHECK_FALSE(mentions(deadlock, "Other waits"));

  Target null = prepare("sim/drivers/null_pointer.c");
  result = explore(null, {.strategy = ex::Strategy::Random, .schedules = 20});
  REQUIRE(result.failure);
  CHECK(result.failure->result.violation->property == "bugcheck");
  CHECK(result.failure->result.violation->summary == "bugcheck 0x7E SYSTEM_THREAD_EXCEPTION_NOT_HANDLED");
}

TEST_CASE("properties are the scenario's to declare") {
  ksim::RunRequest request;
  request.target = "kmutex-sync";
  std::string error;
  auto run = ksim::prepare_run(request, error);
  REQUIRE(run);
  CHECK_FALSE(ex::make_check_spec(*run, {}, {"no-such"}, error));
  CHECK(error == "kmutex-sync declares no property 'no-such' (it declares: exclusive, all-moved)");
  const auto all = ex::make_check_spec(*run, {{"files", "3"}}, {}, error);
  REQUIRE(all);
  CHECK(all->properties == std::vector<std::string>{"exclusive", "all-moved"});
  CHECK(all->context.parameters.at("files") == 3);
  CHECK(all->context.parameters.at("writes") == 100);
}
