#include "stack_model.h"

#include "address_space.h"
#include "driver_image.h"
#include "machine_profile.h"
#include "nt_symbols.h"

namespace ksim {

namespace {

// KiStartSystemThread's Child-SP sits this far below the top of a system thread's kernel stack
// (the seed: ffffc60b8849f5c0 in a stack ending at ffffc60b884a0000).
constexpr std::uint64_t StartFrameDepth = 0xa40;

NtFrame at(std::string_view function, std::uint32_t offset) { return {&nt_function(function), offset}; }

std::vector<NtFrame> wait_frames(std::string_view routine, std::uint32_t offset) {
  return {at("KiSwapContext", 0x76), at("KiSwapThread", 0xab5), at("KiCommitThreadWait", 0x137),
          at(routine, offset)};
}

// nt frames above the driver's, innermost first.
std::vector<NtFrame> path_frames(const SimThread& thread) {
  switch (thread.path) {
    case KernelPath::WaitForSingleObject: return wait_frames("KeWaitForSingleObject", 0x256);
    case KernelPath::WaitForMultipleObjects: return wait_frames("KeWaitForMultipleObjects", 0);
    case KernelPath::DelayExecution: return wait_frames("KeDelayExecutionThread", 0xf9);
    case KernelPath::WorkerQueue: return wait_frames("KeRemovePriQueue", 0x1ff);
    case KernelPath::IoWait: {
      auto frames = wait_frames("KeWaitForSingleObject", 0x256);
      frames.push_back(at("Nt" + thread.io_routine.substr(2), 0));
      return frames;
    }
    case KernelPath::Terminated:
      return {at("KiSwapContext", 0x76), at("KiSwapThread", 0xab5), at("KeTerminateThread", 0x19f),
              at("PspExitThread", 0x4c3), at("PspTerminateThreadByPointer", 0x53)};
    case KernelPath::None: break;
  }
  return {};
}

// nt frames below the driver's, innermost first. A handful of fixed lists, built once: every new
// thread's stack is bound from them (driver_stack_boundary), which exploration does per schedule.
const std::vector<NtFrame>& base_frames(const SimThread& thread) {
  static const NtFrame start = at("KiStartSystemThread", 0x34);
  static const NtFrame startup = at("PspSystemThreadStartup", 0x57);
  static const std::vector<NtFrame> terminated{at("PspSystemThreadStartup", 0x71), start};
  static const std::vector<NtFrame> system_thread{startup, start};
  static const std::vector<NtFrame> driver_load{at("PnpCallDriverEntry", 0x54), at("IopLoadDriver", 0x523),
                                                at("IopLoadUnloadDriver", 0x57), at("ExpWorkerThread", 0x155),
                                                startup, start};
  static const std::vector<NtFrame> work_item{at("ExpWorkerThread", 0x155), startup, start};
  static const std::vector<NtFrame> idle_worker{at("ExpWorkerThread", 0xd3), startup, start};
  if (thread.path == KernelPath::Terminated) return terminated;
  if (thread.origin == ThreadOrigin::SystemThread) return system_thread;
  if (thread.in_driver_load) return driver_load;
  if (thread.in_work_item) return work_item;
  return idle_worker;
}

km::FrameView nt_view(const NtFrame& frame, std::uint64_t child_sp, const MachineProfile& profile) {
  km::FrameView v;
  v.ChildSp = child_sp;
  v.Ip = profile.kernel_base + frame.function->rva + frame.offset;
  v.Module = "nt";
  v.Function = std::string(frame.function->name);
  v.Offset = frame.offset;
  return v;
}

// The driver's frames, innermost first: its frame-pointer chain (drivers are built with
// -fno-omit-frame-pointer), walked from the call the thread is switched out in out to where the
// driver's code was entered. The fiber is suspended in that call, so its stack is still there.
std::vector<HostFrame> driver_frames(const SimThread& thread, const DriverImage& driver) {
  std::vector<HostFrame> frames;
  if (!thread.switched_in_call.ip) return frames;
  const Stack& stack = thread.fiber->stack();
  HostFrame frame = thread.switched_in_call;
  for (int depth = 0; depth < 64 && driver.contains(frame.ip); ++depth) {
    frames.push_back(frame);
    auto* const* fp = static_cast<void* const*>(frame.sp) - 2;  // the caller's saved rbp slot
    const void* saved_rbp = *fp;
    if (!stack.contains(saved_rbp)) break;
    auto* const* next = static_cast<void* const*>(saved_rbp);
    frame = HostFrame{next[1], next + 2};
  }
  return frames;
}

}  // namespace

std::uint64_t driver_stack_boundary(const SimThread& thread) {
  std::uint64_t sp = thread.kernel_stack_top - StartFrameDepth;
  const auto& base = base_frames(thread);
  for (std::size_t i = 0; i + 1 < base.size(); ++i) sp -= base[i].function->frame_size;
  return sp;
}

std::vector<km::FrameView> model_stack(const SimThread& thread, const DriverImage* driver,
                                       const MachineProfile& profile, const AddressSpace& memory) {
  // Child-SPs grow outwards: each frame's size is the distance to the next outer frame's.
  const auto& base = base_frames(thread);
  std::vector<km::FrameView> outer;  // outermost first, reversed at the end
  std::uint64_t sp = thread.kernel_stack_top - StartFrameDepth;
  for (auto it = base.rbegin(); it != base.rend(); ++it) {
    if (it != base.rbegin()) sp -= it->function->frame_size;
    outer.push_back(nt_view(*it, sp, profile));
  }
  const bool show_driver = driver && thread.path != KernelPath::Terminated && thread.path != KernelPath::WorkerQueue;
  if (show_driver) {
    const std::vector<HostFrame> frames = driver_frames(thread, *driver);
    for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
      km::FrameView v;
      v.ChildSp = memory.to_sim(it->sp).value_or(sp);
      const std::uint64_t offset = driver->offset_of(it->ip);
      v.Ip = profile.driver_base + offset;
      v.Module = driver->module_name();
      if (const DriverSymbol* symbol = driver->symbol_at(offset)) {
        v.Function = symbol->name;
        v.Offset = offset - symbol->offset;
      } else {
        v.Offset = offset;
      }
      if (it == frames.rend() - 1 && thread.call_line > 0) {
        v.SourceFile = driver->display_path();
        v.SourceLine = static_cast<km::ULONG>(thread.call_line);
      }
      sp = v.ChildSp;
      outer.push_back(std::move(v));
    }
  }
  const auto path = path_frames(thread);
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    sp -= it->function->frame_size;
    outer.push_back(nt_view(*it, sp, profile));
  }
  return {outer.rbegin(), outer.rend()};
}

}  // namespace ksim
