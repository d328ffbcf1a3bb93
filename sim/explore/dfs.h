// Bounded depth-first search over the decision tree (stateless, as CHESS and Relacy's tree
// schedulers: every schedule is a fresh run replaying a prefix of picks, then the defaults).
//
// A run's decisions are the tree's path; its children differ from it at one decision k at or
// after the prefix (every other option there), deepest k first, and keep the defaults after k.
// Bounds: the preemption bound counts the non-default picks of a schedule (CHESS counts
// preemptions; in ksim every non-default answer is a deviation of that kind), and the depth bound
// branches only at the first D decisions.
//
// Two reductions; within what a step's footprint shows (see the end), neither prunes a schedule
// whose outcome could differ from one explored.
//
// Alone: a decision about one thread's timing or placement (ThreadStart, IoCompletion,
// IdleProcessor) taken while every other driver thread waits without a timeout, and no timer or
// other thread's disk I/O is pending, is not branched on. Nothing else can happen until this
// thread acts, so its other options only move the run along in time or onto another of the
// identical processors: the order of everything the threads do is the same (only the phase of
// the 15.625 ms clock tick moves, which matters to a quantum end with nobody ready: nothing).
// In the file scenarios this drops the disk timings of a thread that holds the mutex while the
// other waits for it.
//
// Sleep sets (Godefroid), over NextRunnable: the one decision that orders steps, choosing which
// of the processors tied at the earliest virtual time runs first (sleep_set.h has the steps and
// their footprints: the threads, objects and processors the trace shows each touching, and the
// time of their calls). When the
// default processor's step is explored first, its step sleeps in the subtrees of the other
// options until a step that touches what it touched runs; a run about to take a sleeping step is
// equivalent to one explored (the two steps swapped), so it is abandoned there and nothing after
// that point is branched on. And of two tied processors, when the second one's step followed the
// first's independently and readied no thread, running it first would only swap the two: that
// option is not run at all. Abandoned runs count as schedules. On mutex_event.c's whole tree the
// reduced search runs 389,340 schedules instead of 465,600 (31,260 of them abandoned) and ends in
// the same 41,310 distinct dispatcher states; on tests/explore/mutex_order.c's, 760,000 instead
// of 938,000 (tests/explore/sleep_sets_test.cpp checks the same on smaller bounded trees).
//
// What is left unreduced, and why:
//   - ThreadStart, IoCompletion: timing. Another option moves every later step of the thread in
//     virtual time, so it changes which steps tie and which clock tick falls between them: no
//     independence relation between options (beyond "alone").
//   - IdleProcessor: placement. Its options do not order two steps, they choose where one
//     thread's steps run, which moves them in the tie order of every later NextRunnable.
//   - Preemption: whether a quantum ends; the options are different runs, not reorderings.
//   - TimerOrder: it orders expiries, but inside a clock tick, a step that touches every
//     running thread (a tick's footprint is everything).
// The footprint is what the engine shows a tap: the dispatcher's trace, the routines that call
// before_call, file operations, the decisions. Driver memory read or written between kernel calls
// is not seen, so two steps are only as independent as the driver's shared data is protected by
// the dispatcher objects they touch (a data race between them is not explored both ways); nor are
// the calls that do not pass before_call (KeReadStateEvent/Mutex, KeResetEvent, KeClearEvent,
// KeSetTimerEx, KeCancelTimer, KeSetPriorityThread, pool, work items), so a driver that lets two
// threads race through those is explored only in the order found first.
//
// Bounds and sleep sets: a pruned schedule's equivalent keeps the default pick where the pruned
// one deviated at the tied decision, and its other decisions are the same (the state after the
// two steps is the same), so it has no more non-default picks: the preemption bound keeps it.
// The depth bound counts decisions, which the swap does not change either.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "schedule_check.h"
#include "sleep_set.h"

namespace ksim::explore {

struct DfsBounds {
  std::optional<unsigned> preemptions;  // most non-default picks in a schedule
  std::optional<std::size_t> depth;     // branch only at decisions below this index
};

// A node of the search: the picks that lead to it, and the steps asleep where it leaves its parent.
struct DfsNode {
  std::vector<km::ULONG> prefix;
  std::vector<SleepingStep> sleep;
};

// A schedule run for the search: its result, and for each decision whether to branch on it and
// the sleep set its other options start with.
struct DfsRun {
  ScheduleResult result;
  std::vector<bool> branchable;
  std::vector<std::vector<SleepingStep>> sleep;  // empty without sleep sets
  bool abandoned = false;  // it took a sleeping step again and stopped there
};

// Runs the node's picks, then the defaults, with the checks of check_schedule; with sleep sets,
// abandons the run where it takes a sleeping step again.
DfsRun run_prefix(PreparedRun& run, const CheckSpec& spec, const DfsNode& node, bool sleep_sets);

// A run's children, in the order DFS visits them.
std::vector<DfsNode> dfs_children(const DfsNode& node, const DfsRun& run, const DfsBounds& bounds);

struct SubtreeOutcome {
  std::uint64_t schedules = 0;              // run, up to and including a failing one
  std::optional<ScheduleResult> failure;    // the first schedule with a violation
};

// Explores the subtree under `root` (the root's own schedule first), at most `limit` schedules,
// stopping at the first violation.
SubtreeOutcome explore_subtree(const DfsNode& root, const DfsBounds& bounds, std::uint64_t limit,
                               const std::function<DfsRun(const DfsNode&)>& run);

}  // namespace ksim::explore
