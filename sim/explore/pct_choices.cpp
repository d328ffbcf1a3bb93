#include "pct_choices.h"

#include <algorithm>
#include <numeric>

#include "engine/cost_model.h"
#include "engine/machine.h"
#include "ready_queue.h"

namespace ksim::explore {

namespace {

constexpr std::uint64_t InitialBand = 1ull << 32;  // initial priorities: depth*2^32 + U[0, 2^32)

// Option indices from the fastest option to the slowest.
template <std::size_t N>
std::vector<km::ULONG> fastest_first(const std::array<std::uint64_t, N>& costs) {
  std::vector<km::ULONG> order(N);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](km::ULONG a, km::ULONG b) { return costs[a] < costs[b]; });
  return order;
}

}  // namespace

PctChoices::PctChoices(std::uint64_t seed, unsigned depth, std::uint64_t length) : random_(seed), depth_(depth) {
  for (unsigned i = 1; i < depth && length > 0; ++i)
    change_points_.push_back(random_.pick(km::ChoiceKind::NextRunnable, static_cast<km::ULONG>(length)));
  std::sort(change_points_.begin(), change_points_.end());
}

std::uint64_t PctChoices::priority(const km::KTHREAD& thread) {
  const auto [it, added] = priorities_.try_emplace(&thread, 0);
  if (added) it->second = depth_ * InitialBand + random_.pick(km::ChoiceKind::NextRunnable, 0xffffffffu);
  return it->second;
}

km::ULONG PctChoices::by_speed(const km::KTHREAD& thread, const std::vector<km::ULONG>& fastest_first) {
  const std::uint64_t p = priority(thread);
  if (p < InitialBand) return fastest_first.back();  // past a change point
  const std::uint64_t rank = (InitialBand - 1 - (p - depth_ * InitialBand)) * fastest_first.size() / InitialBand;
  return fastest_first[rank];
}

km::ULONG PctChoices::pick(km::ChoiceKind kind, km::ULONG options) {
  const std::uint64_t index = decision_++;
  Machine* machine = Machine::active();
  const km::KTHREAD* self = machine ? &machine->current_kthread() : nullptr;
  while (changes_ < change_points_.size() && change_points_[changes_] <= index) {
    ++changes_;
    if (self) priorities_[self] = changes_;
  }
  static const std::vector<km::ULONG> thread_starts = fastest_first(cost::ThreadStartSpread);
  static const std::vector<km::ULONG> disk_waits = fastest_first(cost::DiskWaitSpreadPercent);
  if (self && kind == km::ChoiceKind::ThreadStart && options == thread_starts.size()) return by_speed(*self, thread_starts);
  if (self && kind == km::ChoiceKind::IoCompletion && options == disk_waits.size()) return by_speed(*self, disk_waits);
  if (self && kind == km::ChoiceKind::Preemption) {
    const km::KTHREAD* other = next_ready(machine->model(), machine->cpu());
    return other && priority(*other) > priority(*self) ? 1 : 0;
  }
  return random_.pick(kind, options);
}

}  // namespace ksim::explore
