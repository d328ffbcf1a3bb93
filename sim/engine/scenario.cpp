#include "scenario.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "duration.h"

namespace ksim {

namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

bool is_integer(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

std::string scenario_directory() {
  if (const char* dir = std::getenv("KSIM_SCENARIO_DIR")) return dir;
  return KSIM_SCENARIO_DIR;
}

std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(scenario_directory(), ec)) {
    if (fs::exists(entry.path() / "scenario.ini")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<Scenario> load_scenario(const std::string& name, std::string& error) {
  const fs::path folder = fs::path(scenario_directory()) / name;
  std::ifstream in(folder / "scenario.ini");
  if (name.empty() || name.find('/') != std::string::npos || !in) {
    error = "unknown scenario '" + name + "' (ksim list shows the scenarios)";
    return std::nullopt;
  }
  Scenario s;
  s.name = name;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    const std::string where = (folder / "scenario.ini").string() + ":" + std::to_string(number);
    if (eq == std::string::npos) {
      error = where + ": expected key = value";
      return std::nullopt;
    }
    const std::string key = trim(line.substr(0, eq));
    const std::string value = trim(line.substr(eq + 1));
    if (key == "description") s.description = value;
    else if (key == "module") s.module = value;
    else if (key == "source") s.source_path = (folder / value).string();
    else if (key == "display_path") s.display_path = value;
    else if (key == "uptime_at_load") {
      const auto d = parse_duration(value);
      if (!d) {
        error = where + ": bad duration '" + value + "'";
        return std::nullopt;
      }
      s.uptime_at_load = *d;
    } else if (key == "crash_cpu" && is_integer(value)) {
      s.crash_cpu = static_cast<std::uint32_t>(std::stoul(value));
    } else if (key == "property") {
      s.properties.push_back(value);
    } else if (key.rfind("param.", 0) == 0) {
      const auto space = value.find(' ');
      if (space == std::string::npos) {
        error = where + ": expected param.<name> = <MACRO> <default>";
        return std::nullopt;
      }
      s.parameters[key.substr(6)] = {value.substr(0, space), trim(value.substr(space + 1))};
    } else {
      error = where + ": unknown key '" + key + "'";
      return std::nullopt;
    }
  }
  if (s.module.empty() || s.source_path.empty()) {
    error = (folder / "scenario.ini").string() + ": needs module and source";
    return std::nullopt;
  }
  if (s.display_path.empty()) s.display_path = s.source_path;
  return s;
}

Scenario scenario_for_source(const std::string& path, const std::string& module) {
  Scenario s;
  s.name = path;
  s.source_path = path;
  s.display_path = fs::absolute(path).string();
  s.module = module.empty() ? fs::path(path).stem().string() : module;
  s.uptime_at_load = 5 * 600000000ull;  // a machine up for five minutes, like a fresh test VM
  return s;
}

std::optional<std::vector<std::string>> parameter_defines(const Scenario& scenario,
                                                          const std::map<std::string, std::string>& overrides,
                                                          std::string& error) {
  for (const auto& [key, value] : overrides) {
    if (!scenario.parameters.contains(key)) {
      error = "unknown parameter '" + key + "' for " + scenario.name;
      return std::nullopt;
    }
    if (!is_integer(value)) {
      error = "parameter '" + key + "' takes a whole number, not '" + value + "'";
      return std::nullopt;
    }
  }
  std::vector<std::string> defines;
  for (const auto& [key, parameter] : scenario.parameters) {
    const auto it = overrides.find(key);
    defines.push_back("-D" + parameter.macro + "=" + (it == overrides.end() ? parameter.default_value : it->second));
  }
  return defines;
}

}  // namespace ksim
