// Bounded depth-first search over the decision tree (stateless, as CHESS and Relacy's tree
// schedulers: every schedule is a fresh run replaying a prefix of picks, then the defaults).
//
// A run's decisions are the tree's path; its children differ from it at one decision k at or
// after the prefix (every other option there), deepest k first, and keep the defaults after k.
// Bounds: the preemption bound counts the non-default picks of a schedule (CHESS counts
// preemptions; in ksim every non-default answer is a deviation of that kind), and the depth bound
// branches only at the first D decisions.
//
// Reduction: a decision about one thread's timing or placement (ThreadStart, IoCompletion,
// IdleProcessor) taken while every other driver thread waits without a timeout, and no timer or
// other thread's disk I/O is pending, is not branched on. Nothing else can happen until this
// thread acts, so its other options only move the run along in time or onto another of the
// identical processors: the order of everything the threads do is the same (only the phase of
// the 15.625 ms clock tick moves, which matters to a quantum end with nobody ready: nothing).
// In the file scenarios this drops the disk timings of a thread that holds the mutex while the
// other waits for it. Sleep sets and DPOR proper are not done: their independence relation needs
// "which thread runs next" decisions, and ksim's are mostly about timing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "schedule_check.h"

namespace ksim::explore {

struct DfsBounds {
  std::optional<unsigned> preemptions;  // most non-default picks in a schedule
  std::optional<std::size_t> depth;     // branch only at decisions below this index
};

// A schedule run for the search: its result, and for each decision whether to branch on it.
struct DfsRun {
  ScheduleResult result;
  std::vector<bool> branchable;
};

// Runs the prefix's picks, then the defaults, with the checks of check_schedule.
DfsRun run_prefix(PreparedRun& run, const CheckSpec& spec, const std::vector<km::ULONG>& prefix);

// The prefixes of a run's children, in the order DFS visits them.
std::vector<std::vector<km::ULONG>> dfs_children(std::size_t prefix_size, const DfsRun& run, const DfsBounds& bounds);

struct SubtreeOutcome {
  std::uint64_t schedules = 0;              // run, up to and including a failing one
  std::optional<ScheduleResult> failure;    // the first schedule with a violation
};

// Explores the subtree under `prefix` (the prefix's own schedule first), at most `limit` schedules,
// stopping at the first violation.
SubtreeOutcome explore_subtree(const std::vector<km::ULONG>& prefix, const DfsBounds& bounds, std::uint64_t limit,
                               const std::function<DfsRun(const std::vector<km::ULONG>&)>& run);

}  // namespace ksim::explore
