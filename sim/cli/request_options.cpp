#include "request_options.h"

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

std::string fill_request(RunRequest& request, const std::string& target, const std::string& module, std::uint32_t cpus,
                         const std::string& crash_at, const std::vector<std::string>& sets) {
  request.target = target;
  request.module = module;
  request.cpus = cpus;
  if (!crash_at.empty()) {
    request.crash_at = parse_duration(crash_at);
    if (!request.crash_at) return "bad duration '" + crash_at + "' (examples: 1m57.359s, 90s, 250ms, 35m)";
  }
  return parse_sets(sets, request.sets);
}

}  // namespace ksim::cli
