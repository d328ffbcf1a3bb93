// `ksim explore`'s engine: runs many schedules of one driver, each on a fresh machine, and finds
// the first that breaks a check (schedule_check.h).
//
// Strategies:
//   random  Schedule i answers every decision at random from its own seed, derived from --seed
//           and i, so any schedule can be run alone and --jobs changes nothing.
//   pct     Probabilistic concurrency testing, adapted to ksim's decisions (pct_choices.h), with
//           bug depth --depth (default 3).
//   dfs     Bounded exhaustive search of the decision tree (dfs.h), with --preemption-bound and
//           --depth; it reports when it has exhausted the bounded tree.
//
// Schedules run on the lean machine (MachineProfile::lean): it schedules a driver decision for
// decision as the full one; the failure a caller reports must be replayed on the full machine
// (shrink.h does). With jobs > 1 each host thread has its own machine and its own copy of the
// driver image (a loaded image's globals are per copy). Work is handed out in units — 256
// schedules for random and pct, one subtree below the first schedule for dfs — and the merge walks
// them in order, so results are those of one job: the same failure, the same schedule count.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "schedule_check.h"

namespace ksim::explore {

enum class Strategy : std::uint8_t { Random, Pct, Dfs };
std::optional<Strategy> parse_strategy(std::string_view name);

struct ExploreOptions {
  Strategy strategy = Strategy::Random;
  std::uint64_t schedules = 1000;            // at most
  std::optional<unsigned> depth{};           // pct: bug depth (default 3); dfs: branch below this decision
  std::optional<unsigned> preemption_bound{};  // dfs: most non-default picks per schedule
  std::uint64_t seed = 0;
  unsigned jobs = 1;
  bool sleep_sets = true;  // dfs: the sleep-set reduction (off: the plain search, to compare with)
};

struct Failure {
  std::uint64_t schedule = 0;  // its number in exploration order, from 1
  ScheduleResult result;
};

struct ExploreResult {
  std::uint64_t explored = 0;
  bool exhausted = false;  // dfs visited its whole bounded tree
  std::optional<Failure> failure;
};

// The seed random schedule i runs with.
std::uint64_t schedule_seed(std::uint64_t seed, std::uint64_t index);

// On failure to set up (a driver copy does not load) returns nothing and sets `error`.
std::optional<ExploreResult> explore(const PreparedRun& run, const CheckSpec& spec, const ExploreOptions& options,
                                     std::string& error);

}  // namespace ksim::explore
