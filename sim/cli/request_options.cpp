#include "request_options.h"

#include <CLI/CLI.hpp>

#include "engine/duration.h"

namespace ksim::cli {

int usage_error(std::ostream& err, const std::string& message) {
  err << "ksim: " << message << '\n';
  return 2;
}

std::string parse_sets(const std::vector<std::string>& sets, std::map<std::string, std::string>& into) {
  for (const std::string& set : sets) {
    const auto eq = set.find('=');
    if (eq == std::string::npos || eq == 0) return "--set takes KEY=VALUE, not '" + set + "'";
    into[set.substr(0, eq)] = set.substr(eq + 1);
  }
  return "";
}

void add_target_options(CLI::App& command, TargetOptions& options, bool with_crash_at) {
  command.add_option("target", options.target, "A scenario name (ksim list) or a path to a driver's .c file")->required();
  command.add_option("--module", options.module, "Module name for a .c driver (default: the file's stem)");
  if (with_crash_at) {
    command.add_option("--crash-at", options.crash_at, "Crash the machine this long after the driver starts (bugcheck D1)");
  }
  command.add_option("--cpus", options.cpus, "Simulated processors (1-64)");
  command.add_option("--set", options.sets, "Scenario parameter KEY=VALUE (repeatable)");
}

std::string fill_request(RunRequest& request, const TargetOptions& options) {
  request.target = options.target;
  request.module = options.module;
  request.cpus = options.cpus;
  if (!options.crash_at.empty()) {
    request.crash_at = parse_duration(options.crash_at);
    if (!request.crash_at) return "bad duration '" + options.crash_at + "' (examples: 1m57.359s, 90s, 250ms, 35m)";
  }
  return parse_sets(options.sets, request.sets);
}

}  // namespace ksim::cli
