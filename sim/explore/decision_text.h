// A schedule's non-default decisions in words, for a report: what each changed, about which
// thread ("ThreadStart: FileCreationThread takes 1000 us to reach its start routine, not 20 us").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/run_setup.h"
#include "engine/schedule.h"

namespace ksim::explore {

std::string_view to_string(km::ChoiceKind kind);

// Replays `picks` on the run (no checks) to learn which thread each decision was taken on.
std::vector<std::string> describe_decisions(PreparedRun& run, const std::vector<km::ULONG>& picks);

}  // namespace ksim::explore
