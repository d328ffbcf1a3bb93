// Process views: !mex.tl (the process list), !mex.p (one process) and kdexts' !process 0 0.
#include <algorithm>
#include <array>
#include <functional>

#include "viz/commands.h"
#include "viz/format.h"
#include "viz/mex_table.h"
#include "viz/snapshot_query.h"

namespace viz {

namespace {

// !tl's PID cell: "0x2268 0n8808", the hex part padded to the widest hex PID of the listing.
std::string pid_cell(km::ULONG64 pid, std::size_t hex_width) {
  return pad_right("0x" + hex(pid), hex_width) + " 0n" + dec(static_cast<km::LONG64>(pid));
}

bool is_reason(const km::ThreadView& t, std::initializer_list<km::KWAIT_REASON> reasons) {
  return t.State == km::KTHREAD_STATE::Waiting &&
         std::find(reasons.begin(), reasons.end(), t.WaitReason) != reasons.end();
}

// The counters of `!tl -t`, inferred from MEX's legend and the real dumps (dump-cases.md):
// !! suspended, Rn running, Ry "readyish", Bk blocked on a mutex or pushlock (not the Executive waits
// of KeWaitForSingleObject on a KMUTEX: the seed's System row shows none), Lc waiting on an LPC
// reply, IO paging, Er waiting on an ERESOURCE.
using ThreadCounter = std::function<bool(const km::ThreadView&)>;
const std::array<std::pair<const char*, ThreadCounter>, 7>& thread_counters() {
  using km::KTHREAD_STATE;
  using km::KWAIT_REASON;
  static const std::array<std::pair<const char*, ThreadCounter>, 7> counters = {{
      {"!!",
       [](const auto& t) {
         return is_reason(t, {KWAIT_REASON::Suspended, KWAIT_REASON::WrSuspended});
       }},
      {"Rn", [](const auto& t) { return t.State == KTHREAD_STATE::Running; }},
      {"Ry",
       [](const auto& t) {
         return t.State == KTHREAD_STATE::Ready || t.State == KTHREAD_STATE::Standby ||
                t.State == KTHREAD_STATE::DeferredReady || t.State == KTHREAD_STATE::Transition;
       }},
      {"Bk",
       [](const auto& t) {
         return is_reason(t, {KWAIT_REASON::WrMutex, KWAIT_REASON::WrFastMutex, KWAIT_REASON::WrGuardedMutex,
                              KWAIT_REASON::WrPushLock});
       }},
      {"Lc", [](const auto& t) { return is_reason(t, {KWAIT_REASON::WrLpcReply}); }},
      {"IO",
       [](const auto& t) {
         return is_reason(t, {KWAIT_REASON::PageIn, KWAIT_REASON::WrPageIn, KWAIT_REASON::WrPageOut});
       }},
      {"Er", [](const auto& t) { return is_reason(t, {KWAIT_REASON::WrResource}); }},
  }};
  return counters;
}

std::string count_cell(std::size_t count) { return count == 0 ? "." : dec(static_cast<km::LONG64>(count)); }

std::string zombie_warning(const km::Snapshot& snap) {
  const auto zombies =
      std::count_if(snap.Processes.begin(), snap.Processes.end(), [](const km::ProcessView& p) { return p.Zombie; });
  if (zombies == 0) return {};
  return "\nWarning! Zombie process(es) detected (not displayed). Count: " + dec(zombies) + " [zombie report]\n";
}

std::string memory_details(const km::ProcessView& process) {
  MexTable table({{"VM"}, {"Peak"}, {"Commit Size", Align::Right}, {"NPP Quota", Align::Right}}, {"    "});
  table.add_row({mex_size(process.VirtualSize), mex_size(process.PeakVirtualSize), mex_size(process.CommitCharge),
                 mex_size(process.NonPagedPoolQuota)});
  return "Memory Details:\n\n" + table.render();
}

std::string flagged_address(km::Address address, const std::string& flags) {
  return flags.empty() ? hex16(address) : hex16(address) + " (" + flags + ")";
}

std::string pid_with_decimal(km::ULONG64 pid) { return hex(pid) + " (0n" + dec(static_cast<km::LONG64>(pid)) + ")"; }

}  // namespace

// !mex.tl [-t] [name filter]: the live processes whose image name contains the filter.
std::string cmd_mex_tl(const km::Snapshot& snap, const CommandLine& line, DebuggerContext&) {
  bool thread_stats = false;
  std::string filter;
  for (const std::string& arg : line.args) {
    if (equals_nocase(arg, "-t")) {
      thread_stats = true;
    } else {
      filter = arg;
    }
  }
  std::vector<const km::ProcessView*> shown;
  std::size_t hex_width = 0;
  for (const km::ProcessView& process : snap.Processes) {
    if (process.Zombie || !contains_nocase(process.ImageFileName, filter)) continue;
    shown.push_back(&process);
    hex_width = std::max(hex_width, 2 + hex(process.UniqueProcessId).size());
  }

  std::vector<Column> columns = {{"PID"}, {"Address"}, {"Name"}};
  if (thread_stats) {
    for (const auto& [header, counter] : thread_counters()) columns.push_back({header, Align::Right});
  }
  MexTable table(std::move(columns));
  for (const km::ProcessView* process : shown) {
    std::vector<std::string> row = {pid_cell(process->UniqueProcessId, hex_width), hex16(process->Self),
                                    process->ImageFileName};
    if (thread_stats) {
      const auto threads = threads_of(snap, *process);
      for (const auto& [header, counter] : thread_counters()) {
        row.push_back(count_cell(static_cast<std::size_t>(
            std::count_if(threads.begin(), threads.end(), [&](const auto* t) { return counter(*t); }))));
      }
    }
    table.add_row(std::move(row));
  }
  return table.render() + table.rule_line() + table.header_line() + zombie_warning(snap);
}

// !mex.p [process]: one process's summary row, its memory and MEX's links.
std::string cmd_mex_p(const km::Snapshot& snap, const CommandLine& line, DebuggerContext& context) {
  const km::ProcessView* process = context_process(snap);
  if (!line.args.empty()) {
    const auto address = parse_address(line.args.front());
    if (!address) return unresolved_error(line.args.front());
    process = snap.find_process(*address);
    if (!process) return "Failed to read process " + hex16(*address) + "\n";
  }
  if (!process) return "Failed to read the current process\n";

  const km::LONG bias = context.host_bias_minutes.value_or(snap.Machine.TimeZoneBiasMinutes);
  MexTable table({{"Name"},
                  {"Address"},
                  {"Ses", Align::Right},
                  {"PID"},
                  {"Parent"},
                  {"PEB"},
                  {"Create Time"},
                  {"Mods", Align::Right},
                  {"Handle", Align::Right},
                  {"Thrd", Align::Right},
                  {"User Name"}});
  table.add_row({process->ImageFileName, flagged_address(process->Self, process->Flags), dec(process->SessionId),
                 pid_with_decimal(process->UniqueProcessId), pid_with_decimal(process->InheritedFromUniqueProcessId),
                 hex16(process->Peb), us_date_time_12h(civil_time(process->CreateTime, bias)),
                 dec(process->ModuleCount), dec(process->HandleCount),
                 dec(static_cast<km::LONG64>(process->Threads.size())), process->UserName});

  const std::string self = hex16(process->Self);
  return table.render() + "\n" + memory_details(*process) +
         "\n"
         "File Server Threads (Active threads running srv or srv2 driver)\n"
         "Exective Work Queues\n"
         "\n"
         "Show LPC Port information for process\n"
         "\n"
         "Show Threads: Unique Stacks    !mex.listthreads (!lt) " +
         self + "    !process " + self + " 7\n";
}

// !process 0 0: kdexts' brief listing of every process on the active list. Fields ksim does not
// model (DirBase, ObjectTable) print as zeros in their usual widths.
std::string cmd_process(const km::Snapshot& snap, const CommandLine& line, DebuggerContext& context) {
  if (line.args.size() < 2 || line.args[0] != "0" || line.args[1] != "0") return syntax_error(context, line.text);
  std::string out = "**** NT ACTIVE PROCESS DUMP ****\n";
  for (const km::ProcessView& process : snap.Processes) {
    const std::string session = process.Peb == 0 ? std::string("none") : dec(process.SessionId);
    out += "PROCESS " + hex16(process.Self) + "\n";
    out += "    SessionId: " + session + "  Cid: " + hex_padded(process.UniqueProcessId, 4) +
           "    Peb: " + hex_padded(process.Peb, 8) +
           "  ParentCid: " + hex_padded(process.InheritedFromUniqueProcessId, 4) + "\n";
    out += "    DirBase: " + hex_padded(0, 8) + "  ObjectTable: " + hex16(0) +
           "  HandleCount: " + pad_left(dec(process.HandleCount), 3) + ".\n";
    out += "    Image: " + process.ImageFileName + "\n\n";
  }
  return out;
}

}  // namespace viz
