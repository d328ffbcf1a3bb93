// Sleep sets over ksim's steps, for the DFS (dfs.h says when they apply and why that is sound).
//
// A step is what the engine does between two after_step calls; a processor's step is its thread
// running to its next kernel call and through it. Its footprint is what the trace, the kernel
// calls and the decisions taken in it show it touching: the threads and objects the dispatcher's
// events name, its processor, processors it switched, every processor when it readied a thread
// (placement reads them all), the timer table. A step the footprint cannot describe — a
// clock tick, an I/O completion, a call other than the few whose effects all reach the trace, a
// file operation, a timing decision — touches everything. Two steps are independent when their
// footprints are disjoint and they made their calls at the same processor time (the dispatcher's
// clock is the latest time any call brought it to, so a call at an earlier time sees the later
// time when it comes second: the order would change what it sees).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "schedule_check.h"

namespace ksim::explore {

// A processor's step already explored from some state, asleep until a dependent step runs.
struct SleepingStep {
  km::ULONG cpu = 0;
  km::Address thread = 0;
  std::uint64_t time = 0;                // its processor's clock at its call (see sleep_set.cpp)
  std::vector<std::uint64_t> footprint;  // sorted, unique
};

// Watches one run of the search: keeps the sleep set step by step from the decision where the run
// left its parent (`activation`), and abandons the run when a sleeping step is about to be taken
// again: what follows is equivalent to a schedule already explored. The steps before that
// decision are the parent's, whose invariants the parent's run checked: they are not due again.
class SleepSetTap final : public RunTap {
 public:
  static constexpr std::size_t FromStart = std::numeric_limits<std::size_t>::max();
  SleepSetTap(std::vector<SleepingStep> sleep, std::size_t activation, km::ULONG processors);

  // Every decision of the run, in order (DfsChoices reports them).
  void on_decision(std::size_t index, km::ChoiceKind kind, km::ULONG options);
  void record(const km::TraceEvent& event) override;
  bool before_call(const Machine& machine, std::string_view routine) override;
  void after_file_operation(const Machine&, const FileOperation&) override { opaque_ = true; }
  bool after_step(const Machine& machine) override;
  bool checks_due() const override { return active_; }

  void set_machine(Machine* machine) { machine_ = machine; }  // once built: decisions come before
  // Whether decision `index` may be branched on: not once the run reached a sleeping step (the
  // choice of which processor runs that step excepted: its other options are new), nor when its
  // one other option is known to give a schedule equivalent to this one.
  bool branchable(std::size_t index) const;
  bool abandoned() const { return blocked_step_ != std::numeric_limits<std::size_t>::max(); }
  // The sleep set the other options of decision `index` start with.
  std::vector<SleepingStep> sleep_for(std::size_t index) const;

 private:
  struct DecisionAt {
    std::size_t step;
    bool next_runnable;
    km::ULONG options;
    std::vector<SleepingStep> sleep;  // at the decision, and for NextRunnable the step it chose
    bool first_decided = false;  // the step it chose took decisions of its own
    bool alternative_redundant = false;
  };
  void touch(std::uint64_t key) { touched_.push_back(key); }
  void touch_processors();
  void called_at(std::uint64_t time);
  bool independent(const SleepingStep& s) const;

  Machine* machine_ = nullptr;
  km::ULONG processors_;
  std::vector<SleepingStep> sleep_;
  std::size_t activation_;
  bool active_;
  std::vector<DecisionAt> decisions_;
  std::size_t step_ = 0;
  std::size_t blocked_step_ = std::numeric_limits<std::size_t>::max();
  // The current step.
  std::vector<std::uint64_t> touched_;
  bool opaque_ = false;
  bool readied_ = false;
  bool has_actor_ = false;
  km::ULONG actor_cpu_ = 0;
  km::Address actor_thread_ = 0;
  std::optional<std::uint64_t> time_;  // of the step's calls
};

}  // namespace ksim::explore
