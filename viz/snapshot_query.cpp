#include "viz/snapshot_query.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "viz/format.h"

namespace viz {

const km::ProcessView* process_of(const km::Snapshot& snap, const km::ThreadView& thread) {
  return snap.find_process(thread.Process);
}

std::string image_name(const km::Snapshot& snap, const km::ThreadView& thread) {
  const km::ProcessView* process = process_of(snap, thread);
  return process ? process->ImageFileName : std::string();
}

const km::ProcessView* context_process(const km::Snapshot& snap) {
  const auto it = std::find_if(snap.Processes.begin(), snap.Processes.end(),
                               [](const km::ProcessView& p) { return p.UniqueProcessId == 4; });
  return it == snap.Processes.end() ? nullptr : &*it;
}

std::vector<const km::ThreadView*> threads_of(const km::Snapshot& snap, const km::ProcessView& process) {
  std::vector<const km::ThreadView*> threads;
  for (const km::Address address : process.Threads) {
    if (const km::ThreadView* thread = snap.find_thread(address)) threads.push_back(thread);
  }
  return threads;
}

std::vector<const km::ThreadView*> all_threads(const km::Snapshot& snap) {
  std::vector<const km::ThreadView*> threads;
  for (const km::ThreadView& thread : snap.Threads) threads.push_back(&thread);
  return threads;
}

const km::ThreadView* current_thread(const km::Snapshot& snap, km::ULONG processor) {
  for (const km::PrcbView& prcb : snap.Processors) {
    if (prcb.Number == processor) return snap.find_thread(prcb.CurrentThread);
  }
  return nullptr;
}

km::ULONG wait_ticks(const km::Snapshot& snap, const km::ThreadView& thread) {
  return static_cast<km::ULONG>(snap.Machine.TickCount) - thread.WaitTime;
}

std::string mex_wait_time(const km::Snapshot& snap, const km::ThreadView& thread) {
  return mex_duration(ticks_to_ms_truncated(wait_ticks(snap, thread), snap.Machine.TimeIncrement));
}

std::string mex_cpu_time(const km::Snapshot& snap, km::ULONG ticks) {
  return mex_duration(ticks_to_ms_rounded(ticks, snap.Machine.TimeIncrement));
}

std::optional<km::ULONG> processor_of(const km::Snapshot& snap, const km::ThreadView& thread) {
  for (const km::PrcbView& prcb : snap.Processors) {
    if (prcb.CurrentThread == thread.Self || prcb.NextThread == thread.Self) return prcb.Number;
    for (const auto& queue : prcb.DispatcherReadyList) {
      if (std::find(queue.begin(), queue.end(), thread.Self) != queue.end()) return prcb.Number;
    }
  }
  return std::nullopt;
}

std::string mex_state(const km::Snapshot& snap, const km::ThreadView& thread, bool long_form) {
  const std::string name(km::to_string(thread.State));
  const bool on_processor = thread.State == km::KTHREAD_STATE::Running || thread.State == km::KTHREAD_STATE::Standby;
  if (!long_form || !on_processor) return name;
  return name + " on processor " + dec(processor_of(snap, thread).value_or(thread.NextProcessor));
}

std::string mex_thread_flags(const km::ThreadView& thread) { return thread.SystemThread ? "E|K|W|R|V" : "E|W|R|V"; }

std::string mex_cid(const km::ThreadView& thread) { return hex(thread.UniqueProcess) + "." + hex(thread.UniqueThread); }

std::vector<const km::WaitBlockView*> shown_wait_blocks(const km::ThreadView& thread) {
  std::vector<const km::WaitBlockView*> blocks;
  for (const km::WaitBlockView& block : thread.WaitBlocks) {
    if (block.Object != thread.Self + kThreadTimerOffset) blocks.push_back(&block);
  }
  return blocks;
}

const km::WaitBlockView* find_wait_block(const km::Snapshot& snap, km::Address address) {
  for (const km::ThreadView& thread : snap.Threads) {
    for (const km::WaitBlockView& block : thread.WaitBlocks) {
      if (block.Self == address) return &block;
    }
  }
  return nullptr;
}

const km::FrameView* wait_function_frame(const km::ThreadView& thread) {
  static constexpr std::array<std::string_view, 4> wait_entry_points = {
      "KeWaitForSingleObject", "KeWaitForMultipleObjects", "KeWaitForMutexObject", "KeDelayExecutionThread"};
  for (const km::FrameView& frame : thread.Stack) {
    const std::string_view function = frame.Function;
    const bool plumbing = frame.Module == "nt" && (function.substr(0, 2) == "Ki" || function.substr(0, 3) == "Exp" ||
                                                   std::find(wait_entry_points.begin(), wait_entry_points.end(),
                                                             function) != wait_entry_points.end());
    if (!plumbing) return &frame;
  }
  return nullptr;
}

bool is_thread_timer(const km::Snapshot& snap, km::Address object, const km::ThreadView** owner) {
  const km::ThreadView* thread = snap.find_thread(object - kThreadTimerOffset);
  if (owner) *owner = thread;
  return thread != nullptr;
}

}  // namespace viz
