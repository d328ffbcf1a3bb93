#include "decision_text.h"

#include "engine/cost_model.h"
#include "naming.h"
#include "ready_queue.h"

namespace ksim::explore {

namespace {

std::string micros(std::uint64_t ticks) { return std::to_string(ticks / 10) + " us"; }

// Replays a schedule, naming the thread each non-default decision was taken on.
class Describing final : public km::ChoicePoint {
 public:
  explicit Describing(const std::vector<km::ULONG>& picks) : replay_(picks) {}
  km::ULONG pick(km::ChoiceKind kind, km::ULONG options) override {
    const km::ULONG answer = replay_.pick(kind, options);
    const std::size_t index = decision_++;
    if (answer == 0) return answer;
    Machine* machine = Machine::active();
    const std::string on = machine ? thread_name(*machine, machine->current_kthread()) : "";
    const km::KTHREAD* successor = machine ? next_ready(machine->model(), machine->cpu()) : nullptr;
    const std::string next = successor ? thread_name(*machine, *successor) : "a ready thread";
    lines.push_back("#" + std::to_string(index + 1) + " " + std::string(to_string(kind)) + ": " + text(kind, answer, options, on, next));
    return answer;
  }
  std::vector<std::string> lines;

 private:
  static std::string text(km::ChoiceKind kind, km::ULONG pick, km::ULONG options, const std::string& on,
                          const std::string& next) {
    const std::string of = " (option " + std::to_string(pick) + " of " + std::to_string(options) + ")";
    switch (kind) {
      case km::ChoiceKind::ThreadStart:
        return on + " takes " + micros(cost::ThreadStartSpread[pick]) + " to reach its start routine, not " +
               micros(cost::ThreadStartSpread[0]);
      case km::ChoiceKind::IoCompletion:
        return "a disk round trip of " + on + " takes " + micros(cost::DiskWait * cost::DiskWaitSpreadPercent[pick] / 100) +
               ", not " + micros(cost::DiskWait);
      case km::ChoiceKind::Preemption: return on + "'s quantum ends after its kernel call, and " + next + " takes its processor";
      case km::ChoiceKind::IdleProcessor:
        return "another idle processor takes the thread " + (on.empty() ? std::string("readied") : on + " readied") + of;
      case km::ChoiceKind::NextRunnable: return "another of the processors at the same time runs first" + of;
      case km::ChoiceKind::TimerOrder: return "another of the timers due in one tick expires first" + of;
    }
    return of;
  }

  ReplayChoices replay_;
  std::size_t decision_ = 0;
};

}  // namespace

std::string_view to_string(km::ChoiceKind kind) {
  switch (kind) {
    case km::ChoiceKind::IdleProcessor: return "IdleProcessor";
    case km::ChoiceKind::NextRunnable: return "NextRunnable";
    case km::ChoiceKind::TimerOrder: return "TimerOrder";
    case km::ChoiceKind::Preemption: return "Preemption";
    case km::ChoiceKind::IoCompletion: return "IoCompletion";
    case km::ChoiceKind::ThreadStart: return "ThreadStart";
  }
  return "?";
}

std::vector<std::string> describe_decisions(PreparedRun& run, const std::vector<km::ULONG>& picks) {
  Describing choices(picks);
  make_machine(run, choices)->run();
  return std::move(choices.lines);
}

}  // namespace ksim::explore
