// The names a debugging session reads and prints: nt's functions and the driver's (breakpoints),
// and threads, called by their driver start routine (narration, `~`, stop banners).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/driver_image.h"
#include "engine/machine.h"
#include "kernel_model/snapshot.h"

namespace ksim::debug {

struct Function {
  std::string module;  // "nt", "TestDriver"
  std::string name;    // "KeWaitForSingleObject"
  km::Address address = 0;
  std::string qualified() const { return module + "!" + name; }
};

class Symbols {
 public:
  Symbols(const DriverImage& driver, const MachineProfile& profile);

  // "nt!KeWaitForSingleObject", "TestDriver!FileMoveThread", or a bare name (the driver's first).
  // Module names are case-insensitive, function names exact; nothing when neither module has it.
  std::optional<Function> resolve(std::string_view text) const;
  // The driver function at a simulated address or containing host code; "" when none.
  std::string driver_function(km::Address address) const;
  std::string driver_function_at_host(const void* ip) const;
  const std::string& module() const { return driver_.module_name(); }

  // "FileMoveThread" (a second thread of the same start routine is "FileMoveThread#2"), "System
  // worker thread ffffc983`ebd86040" or "System thread ..." for the machine's own, "the idle thread".
  std::string thread_name(const Machine& machine, km::Address thread) const;
  std::string thread_name(const km::Snapshot& snap, const km::ThreadView& thread) const;

 private:
  std::string name_by_start(km::Address start, std::size_t earlier_same_start, km::Address self, bool worker) const;

  const DriverImage& driver_;
  km::Address kernel_base_;
  km::Address driver_base_;
};

}  // namespace ksim::debug
