// The three strategies, and --jobs: several host threads give the results of one.
#include "explore_fixture.h"

using namespace extest;

namespace {

struct Summary {
  std::uint64_t explored;
  bool exhausted;
  std::uint64_t failing_schedule;  // 0: none
  std::string token;
};

Summary summary(Target& t, ex::ExploreOptions options) {
  const auto r = explore(t, options);
  return {r.explored, r.exhausted, r.failure ? r.failure->schedule : 0,
          r.failure ? ksim::encode_schedule(r.failure->result.decisions) : ""};
}

void check_same(const Summary& one, const Summary& two) {
  CHECK(one.explored == two.explored);
  CHECK(one.exhausted == two.exhausted);
  CHECK(one.failing_schedule == two.failing_schedule);
  CHECK(one.token == two.token);
}

}  // namespace

TEST_CASE("random: schedules come from the seed, and two jobs find what one finds") {
  Target sync = prepare("kmutex-sync", small_files());
  const Summary one = summary(sync, {.strategy = ex::Strategy::Random, .schedules = 300, .seed = 5, .jobs = 1});
  REQUIRE(one.failing_schedule > 0);
  check_same(one, summary(sync, {.strategy = ex::Strategy::Random, .schedules = 300, .seed = 5, .jobs = 2}));
  CHECK(summary(sync, {.strategy = ex::Strategy::Random, .schedules = 300, .seed = 6, .jobs = 1}).token != one.token);
  CHECK(ex::schedule_seed(5, 0) != ex::schedule_seed(5, 1));
  CHECK(ex::schedule_seed(5, 1) != ex::schedule_seed(6, 0));
}

TEST_CASE("pct: the mover-first schedule within a few schedules, the same with two jobs") {
  Target sync = prepare("kmutex-sync", small_files());
  const Summary one = summary(sync, {.strategy = ex::Strategy::Pct, .schedules = 50, .depth = 2, .seed = 0, .jobs = 1});
  CHECK(one.failing_schedule > 0);
  check_same(one, summary(sync, {.strategy = ex::Strategy::Pct, .schedules = 50, .depth = 2, .seed = 0, .jobs = 2}));
}

TEST_CASE("dfs: one deviation from the default finds the mover-first schedule") {
  Target sync = prepare("kmutex-sync", small_files());
  const Summary one = summary(sync, {.strategy = ex::Strategy::Dfs, .schedules = 500, .preemption_bound = 1, .seed = 0, .jobs = 1});
  CHECK(one.failing_schedule > 1);
  check_same(one, summary(sync, {.strategy = ex::Strategy::Dfs, .schedules = 500, .preemption_bound = 1, .seed = 0, .jobs = 2}));
}

TEST_CASE("dfs exhausts a bounded tree and says so; the schedule limit cuts it") {
  Target program = prepare("bench/mutex_event.c");
  const Summary whole = summary(program, {.strategy = ex::Strategy::Dfs, .schedules = 100000, .preemption_bound = 1, .seed = 0, .jobs = 1});
  CHECK(whole.exhausted);
  CHECK(whole.failing_schedule == 0);
  CHECK(whole.explored > 1);
  check_same(whole, summary(program, {.strategy = ex::Strategy::Dfs, .schedules = 100000, .preemption_bound = 1, .seed = 0, .jobs = 2}));
  const Summary cut = summary(program, {.strategy = ex::Strategy::Dfs, .schedules = whole.explored - 1, .preemption_bound = 1, .seed = 0, .jobs = 2});
  CHECK(cut.explored == whole.explored - 1);
  CHECK_FALSE(cut.exhausted);
  // A bound of two explores more.
  CHECK(summary(program, {.strategy = ex::Strategy::Dfs, .schedules = 100000, .preemption_bound = 2, .seed = 0, .jobs = 1}).explored > whole.explored);
}
