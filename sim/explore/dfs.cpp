#include "dfs.h"

namespace ksim::explore {

namespace {

// See the reduction in dfs.h: at most one driver thread can act (the one the decision is
// about), and no timer can fire.
bool alone(Machine& machine) {
  if (machine.model().next_timer_due()) return false;
  int active = 0;
  for (const auto& thread : machine.threads()) {
    if (!thread->fiber) continue;  // the machine's parked threads never run
    const km::KTHREAD& k = *thread->kthread;
    if (k.State == km::KTHREAD_STATE::Terminated) continue;
    const bool blocked = k.State == km::KTHREAD_STATE::Waiting && !k.PendingWait.HasTimeout && thread->path != KernelPath::IoWait;
    if (!blocked && ++active > 1) return false;
  }
  return true;
}

class DfsChoices final : public km::ChoicePoint {
 public:
  DfsChoices(const std::vector<km::ULONG>& prefix, SleepSetTap* tap) : replay_(prefix), tap_(tap) {}
  km::ULONG pick(km::ChoiceKind kind, km::ULONG options) override {
    const bool inert_when_alone = kind == km::ChoiceKind::ThreadStart || kind == km::ChoiceKind::IoCompletion ||
                                  kind == km::ChoiceKind::IdleProcessor;
    if (tap_) tap_->on_decision(branchable.size(), kind, options);
    branchable.push_back(!(inert_when_alone && machine && alone(*machine)));
    return replay_.pick(kind, options);
  }
  Machine* machine = nullptr;  // null while the machine is being built
  std::vector<bool> branchable;

 private:
  ReplayChoices replay_;
  SleepSetTap* tap_;
};

}  // namespace

DfsRun run_prefix(PreparedRun& run, const CheckSpec& spec, const DfsNode& node, bool sleep_sets) {
  SleepSetTap tap(node.sleep, node.prefix.empty() ? SleepSetTap::FromStart : node.prefix.size() - 1, run.config.processors);
  DfsChoices choices(node.prefix, sleep_sets ? &tap : nullptr);
  RecordingChoices recording(choices);
  auto machine = make_machine(run, recording);
  choices.machine = machine.get();
  tap.set_machine(machine.get());
  DfsRun result;
  result.result.violation = run_checked(*machine, spec, sleep_sets ? &tap : nullptr);
  result.result.decisions = recording.decisions();
  result.branchable = std::move(choices.branchable);
  if (!sleep_sets) return result;
  result.abandoned = tap.abandoned();
  result.sleep.resize(result.branchable.size());
  for (std::size_t k = node.prefix.size(); k < result.branchable.size(); ++k) {
    result.branchable[k] = result.branchable[k] && tap.branchable(k);
    if (result.branchable[k]) result.sleep[k] = tap.sleep_for(k);
  }
  return result;
}

std::vector<DfsNode> dfs_children(const DfsNode& node, const DfsRun& run, const DfsBounds& bounds) {
  const auto& decisions = run.result.decisions;
  std::vector<unsigned> deviations_before(decisions.size() + 1, 0);  // non-default picks before each decision
  for (std::size_t k = 0; k < decisions.size(); ++k) deviations_before[k + 1] = deviations_before[k] + (decisions[k].pick != 0);
  std::vector<DfsNode> children;
  for (std::size_t k = decisions.size(); k-- > node.prefix.size();) {
    if (!run.branchable[k] || (bounds.depth && k >= *bounds.depth)) continue;
    if (bounds.preemptions && deviations_before[k] + 1 > *bounds.preemptions) continue;
    for (km::ULONG option = 1; option < decisions[k].options; ++option) {
      if (option == decisions[k].pick) continue;
      DfsNode& child = children.emplace_back();
      child.prefix.reserve(k + 1);
      for (std::size_t i = 0; i < k; ++i) child.prefix.push_back(decisions[i].pick);
      child.prefix.push_back(option);
      if (!run.sleep.empty()) child.sleep = run.sleep[k];
    }
  }
  return children;
}

SubtreeOutcome explore_subtree(const DfsNode& root, const DfsBounds& bounds, std::uint64_t limit,
                               const std::function<DfsRun(const DfsNode&)>& run) {
  SubtreeOutcome outcome;
  std::vector<DfsNode> pending{root};  // a stack: the next schedule to run is at the back
  while (!pending.empty() && outcome.schedules < limit) {
    const DfsNode next = std::move(pending.back());
    pending.pop_back();
    DfsRun r = run(next);
    ++outcome.schedules;
    if (r.result.violation) {
      outcome.failure = std::move(r.result);
      break;
    }
    auto children = dfs_children(next, r, bounds);
    for (auto it = children.rbegin(); it != children.rend(); ++it) pending.push_back(std::move(*it));
  }
  return outcome;
}

}  // namespace ksim::explore
