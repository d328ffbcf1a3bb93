// What every subcommand that runs a driver reads the same way: target, module, processors,
// crash time and --set parameters, and how bad input is reported (one line, exit 2).
#pragma once

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "engine/run_setup.h"

namespace ksim::cli {

int usage_error(std::ostream& err, const std::string& message);
// Adds each --set KEY=VALUE to `into`; returns the error line for a malformed one, else "".
std::string parse_sets(const std::vector<std::string>& sets, std::map<std::string, std::string>& into);
// Fills `request` from the common options; returns the error line for bad input, else "".
std::string fill_request(RunRequest& request, const std::string& target, const std::string& module, std::uint32_t cpus,
                         const std::string& crash_at, const std::vector<std::string>& sets);

}  // namespace ksim::cli
