// The engine's side of a simulated thread: the fiber its code runs on and what its stack shows.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "fiber.h"

namespace km {
struct KTHREAD;
struct KEVENT;
}

namespace ksim {

// How a thread came to be, which fixes the nt frames below its own code.
enum class ThreadOrigin : std::uint8_t {
  SystemThread,  // PsCreateSystemThread: KiStartSystemThread → PspSystemThreadStartup → start routine
  Worker,        // an executive worker: … → ExpWorkerThread → (work item)
};

// Where in nt a blocked thread sits, which fixes the nt frames above the driver's.
enum class KernelPath : std::uint8_t {
  None,
  WaitForSingleObject,
  WaitForMultipleObjects,
  DelayExecution,
  IoWait,           // a synchronous Zw* file call waiting for its I/O
  WorkerQueue,      // an idle worker in KeRemovePriQueue
  Terminated,
};

// A driver call site: the return address into driver code and the host stack pointer there.
struct HostFrame {
  const void* ip = nullptr;
  const void* sp = nullptr;
  const char* routine = nullptr;  // the DDI called ("KeWaitForSingleObject")
};

// The shim's function that runs a driver's KDPC: its routine, with the arguments it was queued with.
using DpcRunner = void (*)(void* dpc, std::uint64_t argument1, std::uint64_t argument2);

// A simulated thread, or a processor's DPC context (which borrows the thread it interrupts). The
// fields a switch and a kernel call touch come first, with the fiber's context after them, so that
// resuming a thread reads two cache lines of it: with thousands of threads each one is cold. Aligned
// so that they are the same two lines whatever the allocator.
struct alignas(64) SimThread {
  km::KTHREAD* kthread = nullptr;
  KernelPath path = KernelPath::None;
  ThreadOrigin origin = ThreadOrigin::SystemThread;
  bool in_driver_load = false;           // a worker running DriverEntry
  bool in_work_item = false;             // a worker running a driver's work routine
  int call_line = 0;
  const char* call_file = nullptr;       // the innermost driver call's source (from the shim macros)
  const char* routine = nullptr;         // the kernel routine it is in (or last called)
  // The driver call it is switched out in (null ip: none). Its frames are read off the fiber's
  // stack only when a dump shows them: the stack stays as it is until the thread runs again.
  HostFrame switched_in_call;
  std::optional<Fiber> fiber;            // in place; empty for threads that never run (parked at boot)
  std::uint64_t kernel_stack_top = 0;    // simulated
  const void* host_base_sp = nullptr;    // host SP where the first driver frame begins
  std::string io_routine;                // the Zw* routine of an IoWait
  km::KEVENT* io_event = nullptr;        // what its synchronous I/O waits on (the file object's, in NT)
  void (*start)(void*) = nullptr;       // a driver thread's start routine and its context; kept here,
  void* start_context = nullptr;         // not in the fiber's body, so the body fits std::function's buffer
};

}  // namespace ksim
