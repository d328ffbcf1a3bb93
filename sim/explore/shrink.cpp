#include "shrink.h"

#include <algorithm>

namespace ksim::explore {

namespace {

std::vector<std::size_t> non_default(const std::vector<km::ULONG>& picks) {
  std::vector<std::size_t> at;
  for (std::size_t i = 0; i < picks.size(); ++i) {
    if (picks[i] != 0) at.push_back(i);
  }
  return at;
}

class Shrinker {
 public:
  Shrinker(PreparedRun& run, const CheckSpec& spec, const ScheduleResult& failing, std::size_t max_replays)
      : run_(run), spec_(spec), best_{failing, 0}, max_replays_(max_replays) {}

  Shrunk shrink() {
    std::size_t chunk = std::max<std::size_t>(1, non_default(picks()).size() / 2);
    for (;;) {
      bool progress = false;
      for (std::size_t start = 0; start < non_default(picks()).size() && budget_left();) {
        std::vector<km::ULONG> candidate = picks();
        const auto at = non_default(candidate);
        for (std::size_t k = start; k < std::min(at.size(), start + chunk); ++k) candidate[at[k]] = 0;
        if (try_candidate(candidate)) progress = true;
        else start += chunk;
      }
      if (!budget_left() || (chunk == 1 && !progress)) break;
      if (!progress) chunk = std::max<std::size_t>(1, chunk / 2);
    }
    for (std::size_t k = 0; k < non_default(picks()).size() && budget_left(); ++k) {
      const std::size_t at = non_default(picks())[k];
      for (km::ULONG lower = 1; lower < picks()[at] && budget_left(); ++lower) {
        std::vector<km::ULONG> candidate = picks();
        candidate[at] = lower;
        if (try_candidate(candidate)) break;
      }
    }
    return std::move(best_);
  }

 private:
  std::vector<km::ULONG> picks() const { return picks_of(best_.result.decisions); }
  bool budget_left() const { return best_.replays < max_replays_; }

  bool try_candidate(const std::vector<km::ULONG>& candidate) {
    ++best_.replays;
    ScheduleResult result = replay(run_, spec_, candidate);
    // Fewer non-default picks, or as many and lower ones: an order with no endless descent.
    const auto rank = [](const std::vector<km::ULONG>& p) { return std::make_pair(non_default(p).size(), p); };
    const bool shorter = rank(picks_of(result.decisions)) < rank(picks());
    if (!result.violation || result.violation->property != best_.result.violation->property || !shorter) return false;
    best_.result = std::move(result);
    return true;
  }

  PreparedRun& run_;
  const CheckSpec& spec_;
  Shrunk best_;
  std::size_t max_replays_;
};

}  // namespace

ScheduleResult replay(PreparedRun& run, const CheckSpec& spec, const std::vector<km::ULONG>& picks) {
  ReplayChoices choices(picks);
  return check_schedule(run, choices, spec);
}

Shrunk shrink(PreparedRun& run, const CheckSpec& spec, const ScheduleResult& failing, std::size_t max_replays) {
  return Shrinker(run, spec, failing, max_replays).shrink();
}

}  // namespace ksim::explore
