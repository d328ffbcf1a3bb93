// The scheduler's state: !ready, !running (kdexts), !mex.running, !timer, and !locks (no ERESOURCEs yet).
#include <algorithm>
#include <map>

#include "viz/commands.h"
#include "viz/format.h"
#include "viz/snapshot_query.h"
#include "viz/thread_table.h"

namespace viz {

namespace {

bool is_idle(const km::PrcbView& prcb) { return prcb.CurrentThread == prcb.IdleThread && prcb.NextThread == 0; }

km::ULONG64 processor_mask(const km::Snapshot& snap, bool idle_only) {
  km::ULONG64 mask = 0;
  for (const km::PrcbView& prcb : snap.Processors) {
    if (!idle_only || is_idle(prcb)) mask |= 1ULL << prcb.Number;
  }
  return mask;
}

// "ffffc983f08a0080 ( 9)", the priority of the thread at `address`.
std::string thread_with_priority(const km::Snapshot& snap, km::Address address) {
  const km::ThreadView* thread = snap.find_thread(address);
  return hex16(address) + " (" + pad_left(dec(thread ? thread->Priority : 0), 2) + ")";
}

// ksim's snapshot has no PRCB addresses; the column prints zeros.
std::string running_row(const km::Snapshot& snap, const km::PrcbView& prcb) {
  const std::string next = prcb.NextThread ? thread_with_priority(snap, prcb.NextThread) + " " : std::string(22, ' ');
  return pad_left(dec(prcb.Number), 3) + "    " + hex16(0) + "  " + thread_with_priority(snap, prcb.CurrentThread) +
         " " + next + hex16(prcb.IdleThread) + "  ................\n";
}

bool is_timer_type(km::UCHAR type) {
  return type == km::TimerNotificationObject || type == km::TimerSynchronizationObject;
}

// The timer table list a due time hashes to: 256 lists, one clock tick each.
km::ULONG64 timer_list(const km::Snapshot& snap, km::ULONG64 interrupt_time) {
  return interrupt_time / snap.Machine.TimeIncrement % 256;
}

std::string timer_target(const km::Snapshot& snap, const km::ObjectView& timer) {
  const km::ThreadView* owner = nullptr;
  if (is_thread_timer(snap, timer.Self, &owner)) return "thread " + hex16(owner->Self);
  if (timer.Dpc != 0) return "(DPC @ " + hex16(timer.Dpc) + ")";
  return {};
}

std::string fire_time(const km::Snapshot& snap, km::ULONG64 interrupt_time) {
  const km::MachineView& machine = snap.Machine;
  const auto delta = static_cast<km::LONG64>(interrupt_time) - static_cast<km::LONG64>(machine.InterruptTime);
  return "[" + kd_date_time(civil_time(machine.SystemTime + delta, machine.TimeZoneBiasMinutes)) + "]";
}

std::string interrupt_time_text(km::ULONG64 time) {
  return hex_padded(time & 0xffff'ffffULL, 8) + " " + hex_padded(time >> 32, 8);
}

}  // namespace

std::string cmd_ready(const km::Snapshot& snap, const CommandLine&, DebuggerContext&) {
  std::string out;
  for (const km::PrcbView& prcb : snap.Processors) {
    const std::string processor = "Processor " + dec(prcb.Number) + ": ";
    bool any = false;
    for (std::size_t priority = prcb.DispatcherReadyList.size(); priority-- > 0;) {
      const auto& queue = prcb.DispatcherReadyList[priority];
      if (queue.empty()) continue;
      any = true;
      out += processor + "Ready Threads at priority " + dec(static_cast<km::LONG64>(priority)) + "\n";
      for (const km::Address address : queue) {
        if (const km::ThreadView* thread = snap.find_thread(address))
          out += "    " + kd_thread_line(snap, *thread) + "\n";
      }
    }
    if (!any) out += processor + "No threads in READY state\n";
  }
  return out;
}

// !running [-i]: the processors running something other than their idle thread (-i: all of them).
std::string cmd_running(const km::Snapshot& snap, const CommandLine& line, DebuggerContext&) {
  const bool with_idle = std::find(line.args.begin(), line.args.end(), "-i") != line.args.end();
  std::string out = "\nSystem Processors:  (" + hex16(processor_mask(snap, false)) + ")\n";
  out += "  Idle Processors:  (" + hex16(processor_mask(snap, true)) + ")\n\n";
  out += "       Prcbs             Current         (pri) Next            (pri) Idle\n";
  for (const km::PrcbView& prcb : snap.Processors) {
    if (with_idle || !is_idle(prcb)) out += running_row(snap, prcb);
  }
  return out;
}

std::string cmd_mex_running(const km::Snapshot& snap, const CommandLine&, DebuggerContext&) {
  std::vector<const km::ThreadView*> threads;
  for (const km::PrcbView& prcb : snap.Processors) {
    if (const km::ThreadView* thread = snap.find_thread(prcb.CurrentThread)) threads.push_back(thread);
  }
  const MexTable table =
      thread_table(snap, threads,
                   {ThreadField::Process, ThreadField::Pid, ThreadField::Thread, ThreadField::Id, ThreadField::Priority,
                    ThreadField::BasePriority, ThreadField::NextCpu, ThreadField::CSwitches, ThreadField::User,
                    ThreadField::Kernel, ThreadField::State, ThreadField::Time, ThreadField::Reason});
  return table.render() + "\nCount: " + dec(static_cast<km::LONG64>(threads.size())) + " | Show Unique Stacks\n";
}

// !timer: the inserted timers, soonest first, with the thread or DPC each one releases.
std::string cmd_timer(const km::Snapshot& snap, const CommandLine&, DebuggerContext&) {
  std::vector<const km::ObjectView*> timers;
  for (const km::ObjectView& object : snap.Objects) {
    if (is_timer_type(object.Type) && object.Inserted) timers.push_back(&object);
  }
  std::stable_sort(timers.begin(), timers.end(),
                   [](const km::ObjectView* a, const km::ObjectView* b) { return a->DueTime < b->DueTime; });

  const km::ULONG64 now = snap.Machine.InterruptTime;
  std::string out =
      "Dump system timers\n\nInterrupt time: " + interrupt_time_text(now) + " " + fire_time(snap, now) + "\n\n";
  out += "List Timer             Interrupt Low/High  Fire Time                   DPC/thread\n";
  std::map<km::ULONG64, std::size_t> per_list;
  for (const km::ObjectView* timer : timers) {
    const km::ULONG64 list = timer_list(snap, timer->DueTime);
    ++per_list[list];
    out += pad_left(dec(static_cast<km::LONG64>(list)), 3) + " " + hex16(timer->Self) + "    " +
           interrupt_time_text(timer->DueTime) + " " + fire_time(snap, timer->DueTime) + "  " +
           timer_target(snap, *timer) + "\n";
  }
  std::size_t longest = 0;
  for (const auto& [list, count] : per_list) longest = std::max(longest, count);
  out += "\nTotal Timers: " + dec(static_cast<km::LONG64>(timers.size())) +
         ", Maximum List: " + dec(static_cast<km::LONG64>(longest)) + "\n";
  return out + "Current Hand: " + dec(static_cast<km::LONG64>(timer_list(snap, now))) + "\n";
}

// ksim models no ERESOURCEs yet: the scan finds none.
std::string cmd_locks(const km::Snapshot&, const CommandLine&, DebuggerContext&) {
  return "**** DUMP OF ALL RESOURCE OBJECTS ****\nKD: Scanning for held locks.\n\n0 total locks\n";
}

}  // namespace viz
