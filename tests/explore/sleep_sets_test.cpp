// The DFS's sleep sets (sleep_set.h): the reduced search runs fewer schedules, yet ends in every
// state the plain search ends in, still finds the scenarios' violations, and two jobs give one's
// results. mutex_order.c makes tied steps that depend on each other (two threads racing for a
// mutex at the same moment): a reduction that called them independent would lose end states.
#include <set>

#include "engine/fault_guard.h"
#include "explore/dfs.h"
#include "explore_fixture.h"

using namespace extest;

namespace {

// What a completed run ends in, as far as the dispatcher shows it: swapping two independent steps
// changes none of it, and which thread took a mutex first changes its waits and switches.
std::string end_state(ksim::Machine& machine) {
  const km::Dispatcher& d = machine.model();
  std::string state = std::to_string(d.InterruptTime()) + " " + std::to_string(d.TickCount()) + ";";
  for (const km::KTHREAD& t : d.threads()) {
    for (const std::uint64_t v : {t.Header.Self, static_cast<std::uint64_t>(t.State), static_cast<std::uint64_t>(t.WaitStatus),
                                  std::uint64_t{t.KernelTime}, std::uint64_t{t.ContextSwitches},
                                  static_cast<std::uint64_t>(t.Priority), std::uint64_t{t.NextProcessor}})
      state += std::to_string(v) + " ";
    state += ";";
  }
  for (km::ULONG cpu = 0; cpu < d.processor_count(); ++cpu) state += std::to_string(d.Prcb(cpu).CurrentThread->Header.Self) + " ";
  return state;
}

struct Search {
  std::uint64_t schedules = 0;
  std::uint64_t abandoned = 0;
  std::set<std::string> ends;  // of the runs that were not abandoned
};

// The whole tree under a preemption bound, on the lean machine as explore() runs it.
Search search(Target& t, unsigned bound, bool sleep_sets) {
  std::string error;
  ksim::PreparedRun lean{t.run.scenario, t.run.image->load_copy(error), t.run.config, t.run.profile.lean(t.run.config.processors)};
  REQUIRE_MESSAGE(lean.image, error);
  const ksim::FaultGuard guard;
  Search s;
  const auto outcome = ex::explore_subtree({}, {bound, std::nullopt}, ~0ull, [&](const ex::DfsNode& node) {
    ex::DfsRun r = ex::run_prefix(lean, t.spec, node, sleep_sets);
    if (r.abandoned) {
      ++s.abandoned;
      return r;
    }
    ksim::ReplayChoices replay(ex::picks_of(r.result.decisions));
    auto machine = ksim::make_machine(lean, replay);
    machine->run();
    s.ends.insert(end_state(*machine));
    return r;
  });
  REQUIRE_FALSE(outcome.failure);
  s.schedules = outcome.schedules;
  return s;
}

}  // namespace

TEST_CASE("sleep sets: fewer schedules, the same end states as the plain search") {
  for (const auto& [target, bound] : {std::pair{"bench/mutex_event.c", 3u}, std::pair{"explore/mutex_order.c", 2u}}) {
    INFO(target, " with at most ", bound, " non-default decisions");
    Target program = prepare(target);
    const Search plain = search(program, bound, false);
    const Search reduced = search(program, bound, true);
    CHECK(plain.abandoned == 0);
    CHECK(reduced.schedules < plain.schedules);
    CHECK(reduced.ends == plain.ends);
    CHECK(reduced.ends.size() > 1);
  }
}

TEST_CASE("sleep sets: the scenarios' violations are still found, the same with two jobs") {
  for (const auto& [scenario, property] : {std::pair{"kmutex-race", "exclusive"}, std::pair{"kmutex-sync", "all-moved"}}) {
    INFO(scenario, " breaking ", property);
    Target t = prepare(scenario, small_files(), {property});
    ex::ExploreResult results[2];
    for (unsigned jobs : {1u, 2u}) {
      results[jobs - 1] = explore(t, {.strategy = ex::Strategy::Dfs, .schedules = 2000, .preemption_bound = 1, .jobs = jobs});
      REQUIRE(results[jobs - 1].failure);
      CHECK(results[jobs - 1].failure->result.violation->property == property);
    }
    CHECK(results[0].failure->schedule == results[1].failure->schedule);
    CHECK(ksim::encode_schedule(results[0].failure->result.decisions) ==
          ksim::encode_schedule(results[1].failure->result.decisions));
  }
}

TEST_CASE("sleep sets: a whole bounded tree, the same with two jobs") {
  Target program = prepare("explore/mutex_order.c");
  const ex::ExploreOptions one{.strategy = ex::Strategy::Dfs, .schedules = 100000, .preemption_bound = 2, .jobs = 1};
  ex::ExploreOptions two = one;
  two.jobs = 2;
  const ex::ExploreResult a = explore(program, one);
  const ex::ExploreResult b = explore(program, two);
  CHECK(a.exhausted);
  CHECK(b.exhausted);
  CHECK(a.explored == b.explored);
  ex::ExploreOptions plain = one;
  plain.sleep_sets = false;
  CHECK(a.explored < explore(program, plain).explored);
}
