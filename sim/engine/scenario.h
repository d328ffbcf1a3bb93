// A scenario: a driver source from scenarios/ with its parameters and the machine it runs on.
// scenarios/<name>/scenario.ini holds `key = value` lines:
//   description, module, source (a file beside it), display_path (the source path stacks show),
//   uptime_at_load, crash_cpu, `param.<name> = <MACRO> <default>` for each loop-size parameter
//   (the driver source reads the macro; `--set name=value` overrides the default), and
//   `property = <name>` for each property `ksim explore` checks (sim/explore/property.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ksim {

struct ScenarioParameter {
  std::string macro;
  std::string default_value;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string module;
  std::string source_path;     // on the host
  std::string display_path;
  std::uint64_t uptime_at_load = 0;
  std::uint32_t crash_cpu = 0;
  std::map<std::string, ScenarioParameter> parameters;
  std::vector<std::string> properties;  // in declaration order
};

// The folder scenarios are read from (the source tree's scenarios/, or $KSIM_SCENARIO_DIR).
std::string scenario_directory();
std::vector<std::string> scenario_names();
// Reads a scenario by name; on failure returns nothing and sets `error` to one line.
std::optional<Scenario> load_scenario(const std::string& name, std::string& error);
// A driver given as a .c path: no parameters, the module named after the file (or `module`).
Scenario scenario_for_source(const std::string& path, const std::string& module);
// -D flags for the parameters with `overrides` applied; on an unknown key sets `error`.
std::optional<std::vector<std::string>> parameter_defines(const Scenario& scenario,
                                                          const std::map<std::string, std::string>& overrides,
                                                          std::string& error);

}  // namespace ksim
