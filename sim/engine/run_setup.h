// Turning a `ksim run` request into a loaded driver and a machine configuration; shared by the
// CLI, the debugger and the tests, so they all run a scenario the same way.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "driver_image.h"
#include "machine.h"
#include "scenario.h"

namespace ksim {

struct RunRequest {
  std::string target;                       // a scenario name or a path ending in .c
  std::string module;                       // --module
  std::optional<std::uint64_t> crash_at;    // after the driver starts
  std::uint32_t cpus = 6;
  std::map<std::string, std::string> sets;  // --set key=value
};

struct PreparedRun {
  Scenario scenario;
  std::unique_ptr<DriverImage> image;
  MachineConfig config;
  MachineProfile profile = MachineProfile::windows11_22621_vm();
};

// On failure returns nothing and sets `error` to one line (then the compiler's messages, if any).
std::optional<PreparedRun> prepare_run(const RunRequest& request, std::string& error);

// Builds the machine for a prepared run and queues the driver's load on it.
std::unique_ptr<Machine> make_machine(PreparedRun& run, km::ChoicePoint& choices);

}  // namespace ksim
