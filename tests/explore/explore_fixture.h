// Preparing scenarios and drivers for exploration in-process, as `ksim explore` does.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include "engine/run_setup.h"
#include "explore/explorer.h"
#include "explore/shrink.h"

namespace extest {

namespace ex = ksim::explore;

struct Target {
  ksim::PreparedRun run;
  ex::CheckSpec spec;
};

// A scenario name or a driver under tests/, with --set values and the properties to check (none
// named: all the scenario declares).
inline Target prepare(const std::string& target, std::map<std::string, std::string> sets = {},
                      std::vector<std::string> properties = {}) {
  ksim::RunRequest request;
  request.target = target.ends_with(".c") ? std::string(KSIM_TEST_SOURCE_DIR) + "/" + target : target;
  request.sets = std::move(sets);
  std::string error;
  auto run = ksim::prepare_run(request, error);
  REQUIRE_MESSAGE(run, error);
  auto spec = ex::make_check_spec(*run, request.sets, properties, error);
  REQUIRE_MESSAGE(spec, error);
  return {std::move(*run), std::move(*spec)};
}

inline ex::ExploreResult explore(Target& t, ex::ExploreOptions options) {
  std::string error;
  auto result = ex::explore(t.run, t.spec, options, error);
  REQUIRE_MESSAGE(result, error);
  return std::move(*result);
}

inline std::map<std::string, std::string> small_files() { return {{"files", "20"}, {"writes", "5"}}; }

}  // namespace extest
