#include "nt_symbols.h"

#include <array>
#include <stdexcept>
#include <string>

namespace ksim {

namespace {

constexpr std::array<NtFunction, 37> kFunctions = {{
    // From the seed dump (kernel base fffff805`4d200000).
    {"KiSwapContext", 0x41fe00, 0x140, true},
    {"KiSwapThread", 0x2ca940, 0x150, true},
    {"KiCommitThreadWait", 0x2cd4a0, 0xb0, true},
    {"KeWaitForSingleObject", 0x2cf2a0, 0x3a0, true},
    {"KeDelayExecutionThread", 0x2d1d30, 0x80, true},
    {"PspSystemThreadStartup", 0x357380, 0x50, true},
    {"KiStartSystemThread", 0x41b8a0, 0x40, true},
    // Named in 22621 dumps; RVAs and frame sizes are ksim's.
    {"KeWaitForMultipleObjects", 0x2d0600, 0x2a0, false},
    {"KeRemovePriQueue", 0x2c7f00, 0x110, false},
    {"ExpWorkerThread", 0x2d6a40, 0x1b0, false},
    {"PnpCallDriverEntry", 0x7c2b10, 0x40, false},
    {"IopLoadDriver", 0x7c3060, 0x1d0, false},
    {"IopLoadUnloadDriver", 0x7e9d00, 0x40, false},
    {"KeTerminateThread", 0x3a6f00, 0x90, false},
    {"PspExitThread", 0x6f2430, 0x100, false},
    {"PspTerminateThreadByPointer", 0x6f1d70, 0x40, false},
    {"KeBugCheckEx", 0x416a40, 0x28, false},
    {"NtCreateFile", 0x6ef6e0, 0x90, false},
    {"NtOpenFile", 0x6f02f0, 0x80, false},
    {"NtWriteFile", 0x6e7b20, 0x150, false},
    {"NtReadFile", 0x6e5a80, 0x150, false},
    {"NtClose", 0x6e2260, 0x60, false},
    {"NtSetInformationFile", 0x6f5fd0, 0x160, false},
    {"KiSystemServiceCopyEnd", 0x42b9f5, 0x30, false},
    // The other kernel calls a driver makes, for the debugger's breakpoints (`bp nt!KeReleaseMutex`).
    {"KeReleaseMutex", 0x2c4b10, 0x50, false},
    {"KeSetEvent", 0x2c1f40, 0x60, false},
    {"KePulseEvent", 0x3a2ad0, 0x50, false},
    {"KeReleaseSemaphore", 0x2c6e30, 0x60, false},
    {"ExAcquireFastMutex", 0x2d4c60, 0x40, false},
    {"ExReleaseFastMutex", 0x2d4d80, 0x40, false},
    {"ZwCreateFile", 0x4249f0, 0x40, false},
    {"ZwOpenFile", 0x424450, 0x40, false},
    {"ZwWriteFile", 0x423d70, 0x40, false},
    {"ZwReadFile", 0x423cf0, 0x40, false},
    {"ZwSetInformationFile", 0x4241f0, 0x40, false},
    {"ZwClose", 0x423ef0, 0x40, false},
    {"ZwWaitForSingleObject", 0x423c70, 0x40, false},
}};

}  // namespace

const NtFunction* find_nt_function(std::string_view name) {
  for (const NtFunction& f : kFunctions) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const NtFunction& nt_function(std::string_view name) {
  if (const NtFunction* f = find_nt_function(name)) return *f;
  throw std::logic_error("no nt function " + std::string(name));
}

}  // namespace ksim
