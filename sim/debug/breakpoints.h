// bp, ba, bl, bc, bd, be. ksim stops only where the simulation can: at the driver's kernel calls
// and between engine steps. So:
// - `bp nt!KeWaitForSingleObject` breaks when a driver thread calls that routine, before it runs;
// - `bp TestDriver!FileMoveThread` breaks at the next kernel call of a thread whose start routine
//   is that function or whose innermost driver frame is in it (ksim cannot see a function being
//   entered, only the calls it makes into nt);
// - `ba [access size] <address>` breaks after the step in which the dispatcher object at that
//   address changed state (signalled, acquired, released, expired) or the thread at that address
//   changed state (waited, was readied, ran, exited). The access and size are WinDbg's syntax and
//   are kept for bl; ksim watches state changes, whatever the access.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel_model/trace.h"
#include "symbols.h"
#include "viz/debugger.h"

namespace ksim::debug {

struct Breakpoint {
  enum class Kind : std::uint8_t { Code, Access } kind = Kind::Code;
  bool enabled = true;
  Function function{};      // Code: where
  km::Address address = 0;  // Access: what is watched
  char access = 'w';
  int size = 8;
};

class Breakpoints {
 public:
  explicit Breakpoints(const Symbols& symbols) : symbols_(symbols) {}

  // Each returns the command's output: nothing on success, else WinDbg's message for it.
  // `line` is the command as typed (for syntax errors) and `args` the words after its name.
  std::string bp(const viz::DebuggerContext& context, std::string_view line, const std::vector<std::string>& args);
  std::string ba(const viz::DebuggerContext& context, std::string_view line, const std::vector<std::string>& args);
  std::string bl() const;
  std::string bc(const viz::DebuggerContext& context, std::string_view line, const std::vector<std::string>& args);
  std::string enable(const viz::DebuggerContext& context, std::string_view line, const std::vector<std::string>& args,
                     bool enabled);

  // The enabled breakpoints a kernel call hits: the routine's own, or the driver function's that
  // started the calling thread or makes the call.
  std::vector<int> hits_at_call(std::string_view routine, std::string_view start_function,
                                std::string_view call_function) const;
  // The enabled access breakpoints an event touches.
  std::vector<int> hits_by_event(const km::TraceEvent& event) const;
  bool watching() const;       // any enabled access breakpoint
  bool breaking_calls() const;  // any enabled code breakpoint

 private:
  int add(Breakpoint breakpoint, std::string& output);
  // "0 2", "0,2", "0-2", "*": the ids named (existing or not); nothing on a syntax error.
  std::optional<std::vector<int>> ids(const std::vector<std::string>& args) const;

  const Symbols& symbols_;
  std::map<int, Breakpoint> list_;  // by id
};

}  // namespace ksim::debug
