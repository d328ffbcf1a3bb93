// Watching a run as it happens, and pausing it: the debugger (breakpoints, stepping) and
// exploration (properties checked after every step) see the machine through this interface.
// A pause returns Machine::run() with StopReason::Paused; calling run() again continues exactly
// where it stopped, taking no scheduling decision the unpaused run would not have taken.
#pragma once

#include <cstdint>
#include <string_view>

namespace ksim {

class Machine;

struct FileOperation {
  enum class Kind : std::uint8_t { Create, Open, Write, Read, Rename, Close } kind;
  std::u16string_view path;  // the name opened or renamed to; empty for handle operations
  std::uint64_t handle;
  std::int32_t status;
};

class MachineObserver {
 public:
  virtual ~MachineObserver() = default;
  // A simulated thread is about to make a kernel call (routine: "KeWaitForSingleObject", ...).
  // Returning true pauses the run before the call is applied.
  virtual bool before_call(const Machine&, std::string_view /*routine*/) { return false; }
  // A file operation was applied to the volume by the running thread.
  virtual void after_file_operation(const Machine&, const FileOperation&) {}
  // The engine took a step: a thread ran to its next kernel call, or a tick or event was taken.
  // Returning true pauses the run here.
  virtual bool after_step(const Machine&) { return false; }
};

}  // namespace ksim
