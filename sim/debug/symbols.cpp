#include "symbols.h"

#include <algorithm>

#include "engine/nt_symbols.h"
#include "kernel_model/kthread.h"
#include "viz/format.h"

namespace ksim::debug {

Symbols::Symbols(const DriverImage& driver, const MachineProfile& profile)
    : driver_(driver), kernel_base_(profile.kernel_base), driver_base_(profile.driver_base) {}

std::optional<Function> Symbols::resolve(std::string_view text) const {
  const auto bang = text.find('!');
  const std::string_view module = bang == std::string_view::npos ? std::string_view{} : text.substr(0, bang);
  const std::string_view name = bang == std::string_view::npos ? text : text.substr(bang + 1);
  if (name.empty()) return std::nullopt;
  if (module.empty() || viz::equals_nocase(module, driver_.module_name())) {
    for (const DriverSymbol& symbol : driver_.symbols()) {
      if (symbol.name == name) return Function{driver_.module_name(), symbol.name, driver_base_ + symbol.offset};
    }
  }
  if (module.empty() || viz::equals_nocase(module, "nt")) {
    if (const NtFunction* f = find_nt_function(name)) return Function{"nt", std::string(f->name), kernel_base_ + f->rva};
  }
  return std::nullopt;
}

std::string Symbols::driver_function(km::Address address) const {
  return address < driver_base_ ? std::string() : driver_.function_name(address - driver_base_);
}

std::string Symbols::driver_function_at_host(const void* ip) const {
  return driver_.contains(ip) ? driver_.function_name(driver_.offset_of(ip)) : std::string();
}

std::string Symbols::name_by_start(km::Address start, std::size_t earlier_same_start, km::Address self,
                                   bool worker) const {
  const std::string function = driver_function(start);
  if (function.empty()) return (worker ? "System worker thread " : "System thread ") + viz::backtick(self);
  return earlier_same_start == 0 ? function : function + "#" + std::to_string(earlier_same_start + 1);
}

std::string Symbols::thread_name(const Machine& machine, km::Address thread) const {
  const SimThread* target = nullptr;
  for (const auto& sim : machine.threads()) {
    if (sim->kthread->Header.Self == thread) {
      target = sim.get();
      break;
    }
  }
  if (!target) return "the idle thread";
  const km::Address start = target->kthread->StartAddress;
  std::size_t earlier = 0;
  for (const auto& sim : machine.threads()) {
    if (sim.get() == target) break;
    if (start != 0 && sim->kthread->StartAddress == start) ++earlier;
  }
  return name_by_start(start, earlier, thread, target->origin == ThreadOrigin::Worker);
}

std::string Symbols::thread_name(const km::Snapshot& snap, const km::ThreadView& thread) const {
  for (const km::PrcbView& prcb : snap.Processors) {
    if (prcb.IdleThread == thread.Self) return "the idle thread";
  }
  std::size_t earlier = 0;
  for (const km::ThreadView& other : snap.Threads) {
    if (&other == &thread) break;
    if (thread.StartAddress != 0 && other.StartAddress == thread.StartAddress) ++earlier;
  }
  const bool worker = std::any_of(thread.Stack.begin(), thread.Stack.end(),
                                  [](const km::FrameView& frame) { return frame.Function == "ExpWorkerThread"; });
  return name_by_start(thread.StartAddress, earlier, thread.Self, worker);
}

}  // namespace ksim::debug
