// `ksim explore`: run many schedules of a scenario or driver, each checked; report the first
// violation with a token that replays it and a shortened schedule.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "request_options.h"

namespace ksim::cli {

struct ExploreOptions {
  TargetOptions where;  // target, --module, --cpus, --set (and --crash-at)
  std::uint64_t schedules = 1000;
  std::string strategy = "random";
  std::optional<unsigned> depth;
  std::optional<unsigned> preemption_bound;
  std::uint64_t seed = 0;
  unsigned jobs = 1;
  std::vector<std::string> properties;  // empty: all the scenario declares
};

// Exit codes: 0 no violation, 1 a violation (reported on `out`), 2 bad input (one line on `err`).
int explore(const ExploreOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ksim::cli
