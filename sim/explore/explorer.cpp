#include "explorer.h"

#include <algorithm>
#include <functional>
#include <mutex>
#include <thread>

#include "dfs.h"
#include "engine/fault_guard.h"
#include "engine/random_choices.h"
#include "pct_choices.h"

namespace ksim::explore {

namespace {

// MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the output.
std::uint64_t mix(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  return k ^ (k >> 33);
}

struct UnitOutcome {
  std::uint64_t schedules = 0;
  std::optional<ScheduleResult> failure;
};
using Unit = std::function<UnitOutcome(std::size_t unit, PreparedRun& run)>;

struct Merged {
  std::uint64_t explored = 0;
  bool all_done = false;
  std::optional<Failure> failure;
};

// Random and pct schedules are handed out this many to a unit: a unit per schedule cost a lock,
// a std::function call and a slot in the merge's table for each (1M schedules held 147 MB).
constexpr std::uint64_t SchedulesPerUnit = 256;

std::size_t units_for(std::uint64_t schedules) {
  return static_cast<std::size_t>((schedules + SchedulesPerUnit - 1) / SchedulesPerUnit);
}

// Schedules [u * SchedulesPerUnit, ...) up to `schedules`, each from a fresh source with the
// checks only, until one fails: that one runs once more recording its decisions (a fresh source
// replays the same run), so that passing schedules record nothing.
template <typename MakeSource>
UnitOutcome schedules_of_unit(std::size_t u, std::uint64_t schedules, PreparedRun& run, const CheckSpec& spec,
                              const MakeSource& make_source) {
  const std::uint64_t first = u * SchedulesPerUnit;
  const std::uint64_t end = std::min(schedules, first + SchedulesPerUnit);
  for (std::uint64_t i = first; i < end; ++i) {
    auto source = make_source(i);
    if (!run_checked(*make_machine(run, source), spec)) continue;
    auto again = make_source(i);
    ScheduleResult result = check_schedule(run, again, spec);
    if (result.violation) return {i - first + 1, std::move(result)};
  }
  return {end - first, std::nullopt};
}

// Runs units [0, count) on one host thread per job, then merges them in unit order as one job
// would have run them: up to the first failure, at most `limit` schedules. A unit is not started
// once an earlier one failed or the finished units before it already reach the limit.
Merged run_units(std::vector<PreparedRun>& jobs, std::size_t count, std::uint64_t limit, const Unit& unit) {
  std::mutex lock;
  std::vector<std::optional<UnitOutcome>> done(count);
  std::size_t next = 0;
  std::size_t stop = count;
  std::size_t finished_prefix = 0;  // units [0, finished_prefix) are all done
  std::uint64_t prefix_schedules = 0;
  auto work = [&](PreparedRun& run) {
    const FaultGuard guard;
    for (;;) {
      std::size_t u = 0;
      {
        const std::lock_guard hold(lock);
        if (next >= stop) return;
        u = next++;
      }
      UnitOutcome outcome = unit(u, run);
      const std::lock_guard hold(lock);
      if (outcome.failure) stop = std::min(stop, u + 1);
      done[u] = std::move(outcome);
      for (; finished_prefix < count && done[finished_prefix]; ++finished_prefix) {
        prefix_schedules += done[finished_prefix]->schedules;
        if (prefix_schedules >= limit) stop = std::min(stop, finished_prefix + 1);
      }
    }
  };
  if (jobs.size() == 1) {
    work(jobs.front());
  } else {
    std::vector<std::thread> threads;
    for (PreparedRun& run : jobs) threads.emplace_back(work, std::ref(run));
    for (std::thread& t : threads) t.join();
  }
  Merged merged;
  for (std::size_t u = 0; u < count; ++u) {
    UnitOutcome& outcome = *done[u];
    const std::uint64_t room = limit - merged.explored;
    if (outcome.failure && outcome.schedules <= room) {
      merged.explored += outcome.schedules;
      merged.failure = Failure{merged.explored, std::move(*outcome.failure)};
      return merged;
    }
    merged.explored += std::min(outcome.schedules, room);
    if (merged.explored >= limit) return merged;
  }
  merged.all_done = true;
  return merged;
}

ExploreResult result_of(Merged merged, std::uint64_t before) {
  ExploreResult result{before + merged.explored, merged.all_done, std::move(merged.failure)};
  if (result.failure) result.failure->schedule += before;
  return result;
}

ExploreResult explore_dfs(std::vector<PreparedRun>& jobs, const CheckSpec& spec, const ExploreOptions& options) {
  const DfsBounds bounds{options.preemption_bound, options.depth};
  DfsRun root = run_prefix(jobs.front(), spec, {}, options.sleep_sets);
  if (root.result.violation) return ExploreResult{1, false, Failure{1, std::move(root.result)}};
  const auto units = dfs_children({}, root, bounds);
  if (options.schedules <= 1) return ExploreResult{1, units.empty(), std::nullopt};
  const std::uint64_t limit = options.schedules - 1;
  return result_of(run_units(jobs, units.size(), limit,
                             [&](std::size_t u, PreparedRun& run) {
                               SubtreeOutcome o = explore_subtree(units[u], bounds, limit, [&](const DfsNode& node) {
                                 return run_prefix(run, spec, node, options.sleep_sets);
                               });
                               return UnitOutcome{o.schedules, std::move(o.failure)};
                             }),
                   1);
}

}  // namespace

std::optional<Strategy> parse_strategy(std::string_view name) {
  if (name == "random") return Strategy::Random;
  if (name == "pct") return Strategy::Pct;
  if (name == "dfs") return Strategy::Dfs;
  return std::nullopt;
}

std::uint64_t schedule_seed(std::uint64_t seed, std::uint64_t index) { return mix(seed ^ mix(index + 1)); }

std::optional<ExploreResult> explore(const PreparedRun& run, const CheckSpec& spec, const ExploreOptions& options,
                                     std::string& error) {
  std::vector<PreparedRun> jobs;
  for (unsigned j = 0; j < std::max(1u, options.jobs); ++j) {
    PreparedRun lean{run.scenario, run.image->load_copy(error), run.config, run.profile.lean(run.config.processors)};
    if (!lean.image) return std::nullopt;
    jobs.push_back(std::move(lean));
  }
  const FaultGuard guard;  // for the runs made on this thread
  switch (options.strategy) {
    case Strategy::Random:
      return result_of(run_units(jobs, units_for(options.schedules), options.schedules,
                                 [&](std::size_t u, PreparedRun& r) {
                                   return schedules_of_unit(u, options.schedules, r, spec, [&](std::uint64_t i) {
                                     return RandomChoices(schedule_seed(options.seed, i));
                                   });
                                 }),
                       0);
    case Strategy::Pct: {
      km::DefaultChoices defaults;
      const std::uint64_t length = check_schedule(jobs.front(), defaults, spec).decisions.size();
      return result_of(run_units(jobs, units_for(options.schedules), options.schedules,
                                 [&](std::size_t u, PreparedRun& r) {
                                   return schedules_of_unit(u, options.schedules, r, spec, [&](std::uint64_t i) {
                                     return PctChoices(schedule_seed(options.seed, i), options.depth.value_or(3), length);
                                   });
                                 }),
                       0);
    }
    case Strategy::Dfs: return explore_dfs(jobs, spec, options);
  }
  return std::nullopt;
}

}  // namespace ksim::explore
