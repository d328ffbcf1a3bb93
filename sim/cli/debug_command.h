// `ksim debug`: a kd> session over a run (sim/debug/session.h), typed at a terminal with line
// editing and history, or read from standard input when that is not a terminal.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "request_options.h"

namespace ksim::cli {

struct DebugOptions {
  TargetOptions where;  // target, --module, --cpus, --set (and --crash-at)
  std::optional<std::uint64_t> seed;
  std::string schedule;
  std::vector<std::string> commands;  // -c: run first; then standard input, unless the last is q
};

// Exit codes: 0 the session ended (q or end of input), 2 bad input (one line on `err`).
int debug(const DebugOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ksim::cli
