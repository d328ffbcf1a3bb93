// Replaying a failing schedule on the full machine (the one `ksim run --schedule` builds) and
// shortening it: the fewest non-default decisions, each as low as it can be, that still break
// the same property.
//
// Shortening is delta debugging over the non-default picks: set a chunk of them to the default
// and keep the change if the replay still fails with the same property, halving the chunks down
// to single picks; then lower each remaining pick. A changed pick can change what later decisions
// are about, so every accepted candidate is replaced by the decisions its replay actually took.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "schedule_check.h"

namespace ksim::explore {

// Replays `picks` (then the defaults) on the prepared run.
ScheduleResult replay(PreparedRun& run, const CheckSpec& spec, const std::vector<km::ULONG>& picks);

struct Shrunk {
  ScheduleResult result;  // the shortest failing replay found
  std::size_t replays = 0;
};

// `failing` must replay with a violation of `property`. At most `max_replays` replays.
Shrunk shrink(PreparedRun& run, const CheckSpec& spec, const ScheduleResult& failing, std::size_t max_replays = 2000);

}  // namespace ksim::explore
