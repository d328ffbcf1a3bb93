// `ksim run`: load, run to the stop, print the debug output, the stop reason and each --cmd.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "request_options.h"

namespace ksim::cli {

struct RunOptions {
  TargetOptions where;  // target, --module, --cpus, --set (and --crash-at)
  std::optional<std::uint64_t> seed;
  std::string schedule;  // a token to replay
  std::vector<std::string> commands;
  std::string json_path;
};

// Exit codes: 0 the run stopped as asked (crash or completion), 1 deadlock, 2 bad input,
// 3 the driver caused a bugcheck, 4 the budget ran out.
int run(const RunOptions& options, std::ostream& out, std::ostream& err);
int list_scenarios(std::ostream& out);

}  // namespace ksim::cli
