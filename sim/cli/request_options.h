// What every subcommand that runs a driver reads the same way: target, module, processors,
// crash time and --set parameters, and how bad input is reported (one line, exit 2).
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "engine/run_setup.h"

namespace CLI {
class App;
}

namespace ksim::cli {

// The options naming what to run, shared by run, debug and explore.
struct TargetOptions {
  std::string target;
  std::string module;
  std::string crash_at;
  std::uint32_t cpus = 6;
  std::vector<std::string> sets;
};

// Declares the target, --module, --cpus, --set (and --crash-at when the command takes one).
void add_target_options(CLI::App& command, TargetOptions& options, bool with_crash_at);

int usage_error(std::ostream& err, const std::string& message);
// Adds each --set KEY=VALUE to `into`; returns the error line for a malformed one, else "".
std::string parse_sets(const std::vector<std::string>& sets, std::map<std::string, std::string>& into);
// Fills `request` from the common options; returns the error line for bad input, else "".
std::string fill_request(RunRequest& request, const TargetOptions& options);

}  // namespace ksim::cli
