// Thread views: !mex.t and kdexts' !thread (one thread), !mex.us (unique stacks), !mex.lt (a listing).
#include <algorithm>
#include <cctype>
#include <map>

#include "viz/commands.h"
#include "viz/format.h"
#include "viz/mex_table.h"
#include "viz/snapshot_query.h"
#include "viz/stack.h"
#include "viz/thread_table.h"

namespace viz {

namespace {

// The thread a command names, or the one running on the prompt's processor when it names none.
// On failure `error` holds the command's own message for the address.
const km::ThreadView* thread_argument(const km::Snapshot& snap, const CommandLine& line, const DebuggerContext& context,
                                      std::string_view not_a_thread, std::string& error) {
  if (line.args.empty()) {
    const km::ThreadView* current = current_thread(snap, context.processor);
    if (!current) error = std::string(not_a_thread) + hex16(0) + "\n";
    return current;
  }
  const auto address = parse_address(line.args.front());
  if (!address) {
    error = unresolved_error(line.args.front());
    return nullptr;
  }
  const km::ThreadView* thread = snap.find_thread(*address);
  if (!thread) error = std::string(not_a_thread) + hex16(*address) + "\n";
  return thread;
}

// --- !mex.t ----------------------------------------------------------------------------------------

std::string mex_t_summary(const km::Snapshot& snap, const km::ThreadView& t) {
  // CID keeps MEX's minimum width of 9 ("pppp.tttt"): the seed's "4.c1c" sits in a 9-wide column.
  MexTable table({{"Process"},
                  {"Thread"},
                  {"CID", Align::Left, false, 9},
                  {"UserTime", Align::Right},
                  {"KernelTime", Align::Right},
                  {"ContextSwitches", Align::Right},
                  {"Wait Reason"},
                  {"Time", Align::Right},
                  {"State"}},
                 {"", true, false});
  table.add_row({image_name(snap, t) + " (" + hex16(t.Process) + ")", hex16(t.Self) + " (" + mex_thread_flags(t) + ")",
                 mex_cid(t), mex_cpu_time(snap, t.UserTime), mex_cpu_time(snap, t.KernelTime), dec(t.ContextSwitches),
                 std::string(km::to_string(t.WaitReason)), mex_wait_time(snap, t), mex_state(snap, t, true)});
  return table.render();
}

std::string wait_block_info(const km::Snapshot& snap, const km::ObjectView& object) {
  if (object.Type == km::MutantObject && object.OwnerThread != 0) {
    const km::ThreadView* owner = snap.find_thread(object.OwnerThread);
    return "Owning Thread: " + hex16(object.OwnerThread) + " (" + (owner ? image_name(snap, *owner) : "") + ")";
  }
  if (object.Type == km::SemaphoreObject) return "Limit: " + dec(object.Limit);
  return {};
}

std::string mex_t_wait_blocks(const km::Snapshot& snap, const km::ThreadView& t) {
  const auto blocks = shown_wait_blocks(t);
  if (t.State != km::KTHREAD_STATE::Waiting || blocks.empty()) return {};
  MexTable table({{"Object"}, {"Type"}, {"Other Waiters", Align::Right}, {"Info", Align::Left, true}},
                 {"    ", true, false});
  for (const km::WaitBlockView* block : blocks) {
    const km::ObjectView* object = snap.find_object(block->Object);
    const std::size_t waiters = object ? object->Waiters.size() : 0;
    table.add_row({hex16(block->Object), std::string(km::object_type_name(object ? object->Type : 0xff)),
                   dec(static_cast<km::LONG64>(waiters > 0 ? waiters - 1 : 0)),
                   object ? wait_block_info(snap, *object) : std::string()});
  }
  return "WaitBlockList:\n" + table.render() + "\n";
}

// MEX prints the Priority block only for a thread whose priority is not simply its base: the seed's
// delaying thread (9 over base 8) has one, its waiter at 8/8 has none, and so do all the 8/8 threads
// of the other dumps, while 10/8, 9/8 and 13/12 threads show it.
// MEX's IO column is not IoPriority (!thread shows IoPriority 2 where MEX shows 0); ksim does not
// model what it is, so it prints 0.
std::string mex_t_priority(const km::ThreadView& t) {
  if (t.Priority == t.BasePriority && t.PriorityDecrement == 0 && t.ForegroundBoost == 0) return {};
  MexTable table({{"Current"}, {"Base"}, {"Decrement"}, {"ForegroundBoost"}, {"IO"}, {"Page"}}, {"    ", true, false});
  table.add_row({dec(t.Priority), dec(t.BasePriority), dec(t.PriorityDecrement), dec(t.ForegroundBoost), "0",
                 dec(t.PagePriority)});
  return "Priority:\n" + table.render() + "\n";
}

// The stack, outermost frame last. The outermost frame has no Source cell unless it has a source:
// in every real !mex.t output its line carries no trailing padding while the frames above it do.
std::string mex_t_stack(const km::ThreadView& t) {
  MexTable table({{"#"}, {"Child-SP"}, {"Return"}, {"Call Site"}, {"Source", Align::Left, true}}, {"", true, false});
  for (std::size_t i = 0; i < t.Stack.size(); ++i) {
    const km::FrameView& frame = t.Stack[i];
    std::vector<std::string> row = {hex(i), hex16(frame.ChildSp), hex16(return_address(t.Stack, i)),
                                    frame_symbol(frame), frame_source(frame)};
    if (i + 1 == t.Stack.size() && row.back().empty()) row.pop_back();
    table.add_row(std::move(row));
  }
  return table.render();
}

// --- !thread ---------------------------------------------------------------------------------------

std::string wait_object_text(const km::Snapshot& snap, km::Address address) {
  const km::ObjectView* object = snap.find_object(address);
  if (!object) return "Unknown";
  if (object->Type == km::MutantObject) return "Mutant - owning thread " + hex16(object->OwnerThread);
  if (object->Type == km::SemaphoreObject) return "Semaphore Limit 0x" + hex(static_cast<km::ULONG>(object->Limit));
  return std::string(km::object_type_name(object->Type));
}

// The start routine named when one of the thread's frames lies in it (its Ip - Offset is the start).
std::string start_address_text(const km::ThreadView& t) {
  const std::string address = "0x" + hex16(t.StartAddress);
  const auto routine = std::find_if(t.Stack.begin(), t.Stack.end(), [&t](const km::FrameView& frame) {
    return !frame.Function.empty() && frame.Ip - frame.Offset == t.StartAddress;
  });
  if (t.StartAddress == 0 || routine == t.Stack.end()) return address;
  return routine->Module + "!" + routine->Function + " (" + address + ")";
}

std::string thread_times(const km::Snapshot& snap, const km::ThreadView& t) {
  const km::ULONG increment = snap.Machine.TimeIncrement;
  const km::ULONG ticks = wait_ticks(snap, t);
  std::string out = "Wait Start TickCount      " + pad_right(dec(t.WaitTime), 15) + "Ticks: " + dec(ticks);
  if (ticks != 0) out += " (" + dhms_ms(ticks_to_ms_truncated(ticks, increment)) + ")";
  out += "\n";
  out += "Context Switch Count      " + pad_right(dec(t.ContextSwitches), 15) +
         "IdealProcessor: " + pad_right(dec(t.IdealProcessor), 14) + "\n";
  out += "UserTime                  " + hms_ms(ticks_to_ms_truncated(t.UserTime, increment)) + "\n";
  out += "KernelTime                " + hms_ms(ticks_to_ms_truncated(t.KernelTime, increment)) + "\n";
  return out;
}

// --- !mex.us ---------------------------------------------------------------------------------------

struct StackGroup {
  std::vector<const km::ThreadView*> threads;
};

std::vector<km::Address> stack_key(const km::ThreadView& t) {
  std::vector<km::Address> ips;
  for (const km::FrameView& frame : t.Stack) ips.push_back(frame.Ip);
  return ips;
}

bool stack_matches(const km::ThreadView& t, std::string_view filter) {
  return std::any_of(t.Stack.begin(), t.Stack.end(),
                     [filter](const km::FrameView& frame) { return contains_nocase(frame_symbol(frame), filter); });
}

// Threads with the same frames, fewest threads first; ties keep the order of their first thread.
std::vector<StackGroup> group_stacks(const std::vector<const km::ThreadView*>& threads) {
  std::vector<StackGroup> groups;
  std::map<std::vector<km::Address>, std::size_t> index_of;
  for (const km::ThreadView* thread : threads) {
    const auto [it, inserted] = index_of.emplace(stack_key(*thread), groups.size());
    if (inserted) groups.emplace_back();
    groups[it->second].threads.push_back(thread);
  }
  std::stable_sort(groups.begin(), groups.end(),
                   [](const StackGroup& a, const StackGroup& b) { return a.threads.size() < b.threads.size(); });
  return groups;
}

std::string stack_group_text(const StackGroup& group) {
  const std::size_t count = group.threads.size();
  std::string out = dec(static_cast<km::LONG64>(count)) + (count == 1 ? " thread" : " threads") + " [stats]:";
  for (const km::ThreadView* thread : group.threads) out += " " + hex16(thread->Self);
  MexTable frames({{"Ip"}, {"Symbol"}, {"Source", Align::Left, true}}, {"    ", false, false});
  for (const km::FrameView& frame : group.threads.front()->Stack) {
    const std::string source = frame_source(frame);
    frames.add_row({hex16(frame.Ip), frame_symbol(frame), source.empty() ? source : "(" + source + ")"});
  }
  return out + "\n" + frames.render() + "\n";
}

// --- !mex.lt ---------------------------------------------------------------------------------------

bool listed(const km::Snapshot& snap, const km::ThreadView& t, const std::vector<std::string>& reasons,
            const std::vector<std::string>& states) {
  const auto named = [](const std::vector<std::string>& names, std::string_view value) {
    return names.empty() || std::any_of(names.begin(), names.end(),
                                        [value](const std::string& name) { return equals_nocase(name, value); });
  };
  return named(reasons, km::to_string(t.WaitReason)) && named(states, mex_state(snap, t, false));
}

}  // namespace

std::string cmd_mex_t(const km::Snapshot& snap, const CommandLine& line, DebuggerContext& context) {
  std::string error;
  const km::ThreadView* t = thread_argument(snap, line, context, "Failed to read thread ", error);
  if (!t) return error;
  std::string out = mex_t_summary(snap, *t) + "\n" + mex_t_wait_blocks(snap, *t) + mex_t_priority(*t) + mex_t_stack(*t);
  if (t->Terminated) out += "\nWarning!!! Thread is marked as terminated\n";
  return out;
}

std::string kd_thread_line(const km::Snapshot& snap, const km::ThreadView& t) {
  std::string out = "THREAD " + hex16(t.Self) + "  Cid " + hex_padded(t.UniqueProcess, 4) + "." +
                    hex_padded(t.UniqueThread, 4) + "  Teb: " + hex16(t.Teb) + " Win32Thread: " + hex16(0) + " ";
  const std::string processor = dec(processor_of(snap, t).value_or(t.NextProcessor));
  switch (t.State) {
    case km::KTHREAD_STATE::Waiting:
      return out + "WAIT: (" + std::string(km::to_string(t.WaitReason)) + ") " +
             (t.WaitMode == km::KPROCESSOR_MODE::KernelMode ? "KernelMode" : "UserMode") +
             (t.Alertable ? " Alertable" : " Non-Alertable");
    case km::KTHREAD_STATE::Running:
      return out + "RUNNING on processor " + processor;
    case km::KTHREAD_STATE::Ready:
      return out + "READY on processor " + processor;
    case km::KTHREAD_STATE::Standby:
      return out + "STANDBY on processor " + processor;
    default: {
      std::string state(km::to_string(t.State));
      for (char& c : state) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return out + state;
    }
  }
}

std::string cmd_thread(const km::Snapshot& snap, const CommandLine& line, DebuggerContext& context) {
  std::string error;
  const km::ThreadView* t = thread_argument(snap, line, context, "TYPE mismatch for thread object at ", error);
  if (!t) return error;
  std::string out = kd_thread_line(snap, *t) + "\n";
  if (t->State == km::KTHREAD_STATE::Waiting) {
    for (const km::WaitBlockView* block : shown_wait_blocks(*t)) {
      out += "    " + hex16(block->Object) + "  " + wait_object_text(snap, block->Object) + "\n";
    }
  }
  out += "Not impersonating\n";
  out += "DeviceMap                 " + hex16(0) + "\n";
  out += "Owning Process            " + hex16(t->Process) + "       Image:         " + image_name(snap, *t) + "\n";
  out += "Attached Process          N/A            Image:         N/A\n";
  out += thread_times(snap, *t);
  out += "Win32 Start Address " + start_address_text(*t) + "\n";
  out += "Stack Init " + hex16(0) + " Current " + hex16(0) + "\n";
  out += "Base " + hex16(0) + " Limit " + hex16(0) + " Call " + hex16(0) + "\n";
  out += "Priority " + dec(t->Priority) + " BasePriority " + dec(t->BasePriority) + " PriorityDecrement " +
         dec(t->PriorityDecrement) + " IoPriority " + dec(t->IoPriority) + " PagePriority " + dec(t->PagePriority) +
         "\n";
  out +=
      "Child-SP          RetAddr               : Args to Child                                                 "
      "          : Call Site\n";
  return out + kv_stack_lines(t->Stack);
}

// !mex.us [filter]: the context process's threads grouped by identical stacks.
std::string cmd_mex_us(const km::Snapshot& snap, const CommandLine& line, DebuggerContext&) {
  const std::string filter = line.args.empty() ? std::string() : line.args.front();
  const km::ProcessView* process = context_process(snap);
  const auto threads = process ? threads_of(snap, *process) : all_threads(snap);
  std::vector<const km::ThreadView*> matching;
  std::copy_if(threads.begin(), threads.end(), std::back_inserter(matching),
               [&filter](const km::ThreadView* t) { return filter.empty() || stack_matches(*t, filter); });

  const auto groups = group_stacks(matching);
  std::string out;
  for (const StackGroup& group : groups) out += stack_group_text(group);
  const std::string total = dec(static_cast<km::LONG64>(threads.size()));
  const std::string shown = dec(static_cast<km::LONG64>(matching.size()));
  if (!filter.empty()) return out + "Threads matching filter: " + shown + " out of " + total + "\n";
  return out + dec(static_cast<km::LONG64>(groups.size())) + " stack(s) with " + shown + " threads displayed (" +
         total + " Total threads)\n";
}

// !mex.lt [process] [-wr Reason[,Reason]] [-state state[,state]]
std::string cmd_mex_lt(const km::Snapshot& snap, const CommandLine& line, DebuggerContext& context) {
  std::vector<std::string> reasons;
  std::vector<std::string> states;
  std::vector<const km::ThreadView*> threads = all_threads(snap);
  for (std::size_t i = 0; i < line.args.size(); ++i) {
    const std::string& arg = line.args[i];
    const bool has_value = i + 1 < line.args.size();
    if (equals_nocase(arg, "-wr") && has_value) {
      reasons = split_list(line.args[++i]);
    } else if (equals_nocase(arg, "-state") && has_value) {
      states = split_list(line.args[++i]);
    } else if (const auto address = parse_address(arg)) {
      const km::ProcessView* process = snap.find_process(*address);
      if (!process) return "Failed to read process " + hex16(*address) + "\n";
      threads = threads_of(snap, *process);
    } else {
      return syntax_error(context, line.text);
    }
  }
  std::vector<const km::ThreadView*> rows;
  std::copy_if(threads.begin(), threads.end(), std::back_inserter(rows),
               [&](const km::ThreadView* t) { return listed(snap, *t, reasons, states); });
  const MexTable table = thread_table(snap, rows,
                                      {ThreadField::Process, ThreadField::Pid, ThreadField::Thread, ThreadField::Id,
                                       ThreadField::State, ThreadField::Time, ThreadField::Reason});
  return table.render() + "\nThread Count: " + dec(static_cast<km::LONG64>(rows.size())) + "\n";
}

}  // namespace viz
