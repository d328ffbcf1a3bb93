#include "viz/json.h"

#include <array>
#include <nlohmann/json.hpp>

#include "viz/format.h"
#include "viz/snapshot_query.h"

namespace viz {

namespace {

using nlohmann::json;

json address(km::Address value) { return "0x" + hex16(value); }

json addresses(const std::vector<km::Address>& values) {
  json out = json::array();
  for (const km::Address value : values) out.push_back(address(value));
  return out;
}

json list_entry(const km::ListEntryView& list) {
  return {{"Flink", address(list.Flink)}, {"Blink", address(list.Blink)}};
}

// kernel_model names KWAIT_REASON and KTHREAD_STATE; these three it does not.
std::string_view name_of(km::WAIT_TYPE type) {
  static constexpr std::array<std::string_view, 5> names = {"WaitAll", "WaitAny", "WaitNotification", "WaitDequeue",
                                                            "WaitDpc"};
  const auto index = static_cast<std::size_t>(type);
  return index < names.size() ? names[index] : "Unknown";
}

std::string_view name_of(km::KWAIT_BLOCK_STATE state) {
  static constexpr std::array<std::string_view, 8> names = {"WaitBlockBypassStart",
                                                            "WaitBlockBypassComplete",
                                                            "WaitBlockSuspendBypassStart",
                                                            "WaitBlockSuspendBypassComplete",
                                                            "WaitBlockActive",
                                                            "WaitBlockInactive",
                                                            "WaitBlockSuspended",
                                                            "WaitBlockAllStates"};
  const auto index = static_cast<std::size_t>(state);
  return index < names.size() ? names[index] : "Unknown";
}

std::string_view name_of(km::KPROCESSOR_MODE mode) {
  return mode == km::KPROCESSOR_MODE::KernelMode ? "KernelMode" : "UserMode";
}

json frames(const std::vector<km::FrameView>& stack) {
  json out = json::array();
  for (const km::FrameView& f : stack) {
    out.push_back({{"ChildSp", address(f.ChildSp)},
                   {"Ip", address(f.Ip)},
                   {"Module", f.Module},
                   {"Function", f.Function},
                   {"Offset", f.Offset},
                   {"SourceFile", f.SourceFile},
                   {"SourceLine", f.SourceLine}});
  }
  return out;
}

json wait_block(const km::WaitBlockView& b) {
  return {{"Self", address(b.Self)},         {"Object", address(b.Object)},         {"Thread", address(b.Thread)},
          {"WaitType", name_of(b.WaitType)}, {"BlockState", name_of(b.BlockState)}, {"WaitKey", b.WaitKey}};
}

json thread(const km::ThreadView& t) {
  json blocks = json::array();
  for (const km::WaitBlockView& b : t.WaitBlocks) blocks.push_back(wait_block(b));
  return {{"Self", address(t.Self)},
          {"Process", address(t.Process)},
          {"UniqueProcess", t.UniqueProcess},
          {"UniqueThread", t.UniqueThread},
          {"State", km::to_string(t.State)},
          {"WaitReason", km::to_string(t.WaitReason)},
          {"WaitMode", name_of(t.WaitMode)},
          {"WaitIrql", t.WaitIrql},
          {"Alertable", t.Alertable},
          {"Priority", t.Priority},
          {"BasePriority", t.BasePriority},
          {"PriorityDecrement", t.PriorityDecrement},
          {"ForegroundBoost", t.ForegroundBoost},
          {"IoPriority", t.IoPriority},
          {"PagePriority", t.PagePriority},
          {"Quantum", t.Quantum},
          {"QuantumReset", t.QuantumReset},
          {"WaitTime", t.WaitTime},
          {"KernelTime", t.KernelTime},
          {"UserTime", t.UserTime},
          {"ContextSwitches", t.ContextSwitches},
          {"KernelApcDisable", t.KernelApcDisable},
          {"SpecialApcDisable", t.SpecialApcDisable},
          {"WaitStatus", t.WaitStatus},
          {"WaitBlockList", address(t.WaitBlockList)},
          {"WaitBlocks", blocks},
          {"MutantListHead", list_entry(t.MutantListHead)},
          {"OwnedMutants", addresses(t.OwnedMutants)},
          {"NextProcessor", t.NextProcessor},
          {"IdealProcessor", t.IdealProcessor},
          {"SystemThread", t.SystemThread},
          {"Terminated", t.Terminated},
          {"Teb", address(t.Teb)},
          {"StartAddress", address(t.StartAddress)},
          {"CreateTime", t.CreateTime},
          {"Stack", frames(t.Stack)}};
}

json object(const km::ObjectView& o) {
  return {{"Self", address(o.Self)},
          {"Type", o.Type},
          {"TypeName", km::object_type_name(o.Type)},
          {"Signalling", o.Signalling},
          {"Size", o.Size},
          {"Reserved1", o.Reserved1},
          {"SignalState", o.SignalState},
          {"WaitListHead", list_entry(o.WaitListHead)},
          {"Waiters", addresses(o.Waiters)},
          {"WaiterThreads", addresses(o.WaiterThreads)},
          {"MutantListEntry", list_entry(o.MutantListEntry)},
          {"OwnerThread", address(o.OwnerThread)},
          {"Abandoned", o.Abandoned},
          {"ApcDisable", o.ApcDisable},
          {"Limit", o.Limit},
          {"DueTime", o.DueTime},
          {"Period", o.Period},
          {"Inserted", o.Inserted},
          {"Dpc", address(o.Dpc)}};
}

json process(const km::ProcessView& p) {
  return {{"Self", address(p.Self)},
          {"UniqueProcessId", p.UniqueProcessId},
          {"InheritedFromUniqueProcessId", p.InheritedFromUniqueProcessId},
          {"ImageFileName", p.ImageFileName},
          {"BasePriority", p.BasePriority},
          {"SessionId", p.SessionId},
          {"Peb", address(p.Peb)},
          {"CreateTime", p.CreateTime},
          {"ModuleCount", p.ModuleCount},
          {"HandleCount", p.HandleCount},
          {"UserName", p.UserName},
          {"VirtualSize", p.VirtualSize},
          {"PeakVirtualSize", p.PeakVirtualSize},
          {"CommitCharge", p.CommitCharge},
          {"NonPagedPoolQuota", p.NonPagedPoolQuota},
          {"Zombie", p.Zombie},
          {"Flags", p.Flags},
          {"Threads", addresses(p.Threads)}};
}

json machine(const km::MachineView& m) {
  return {{"ComputerName", m.ComputerName},
          {"BuildNumber", m.BuildNumber},
          {"ProcessorCount", m.ProcessorCount},
          {"Product", m.Product},
          {"BuildLab", m.BuildLab},
          {"KernelBase", address(m.KernelBase)},
          {"PsLoadedModuleList", address(m.PsLoadedModuleList)},
          {"SystemTime", m.SystemTime},
          {"TimeZoneBiasMinutes", m.TimeZoneBiasMinutes},
          {"InterruptTime", m.InterruptTime},
          {"TickCount", m.TickCount},
          {"TimeIncrement", m.TimeIncrement},
          {"SystemManufacturer", m.SystemManufacturer},
          {"SystemProductName", m.SystemProductName},
          {"ProcessorName", m.ProcessorName},
          {"DumpPath", m.DumpPath},
          {"SharePath", m.SharePath},
          {"CurrentProcessor", m.CurrentProcessor}};
}

json bugcheck(const std::optional<km::BugcheckView>& b) {
  if (!b) return nullptr;
  json args = json::array();
  for (const km::ULONG64 arg : b->Args) args.push_back(address(arg));
  return {{"Code", b->Code}, {"Args", args},      {"Processor", b->Processor}, {"Thread", address(b->Thread)},
          {"Name", b->Name}, {"Cause", b->Cause}, {"Stack", frames(b->Stack)}};
}

json processors(const std::vector<km::PrcbView>& prcbs) {
  json out = json::array();
  for (const km::PrcbView& p : prcbs) {
    out.push_back({{"Number", p.Number},
                   {"CurrentThread", address(p.CurrentThread)},
                   {"NextThread", address(p.NextThread)},
                   {"IdleThread", address(p.IdleThread)},
                   {"ReadySummary", p.ReadySummary},
                   {"Irql", p.Irql}});
  }
  return out;
}

// One entry per non-empty per-processor ready list, highest priority first.
json ready_queues(const std::vector<km::PrcbView>& prcbs) {
  json out = json::array();
  for (const km::PrcbView& p : prcbs) {
    for (std::size_t priority = p.DispatcherReadyList.size(); priority-- > 0;) {
      const auto& queue = p.DispatcherReadyList[priority];
      if (!queue.empty())
        out.push_back({{"Processor", p.Number}, {"Priority", priority}, {"Threads", addresses(queue)}});
    }
  }
  return out;
}

json timers(const km::Snapshot& snap) {
  json out = json::array();
  for (const km::ObjectView& o : snap.Objects) {
    const bool timer = o.Type == km::TimerNotificationObject || o.Type == km::TimerSynchronizationObject;
    if (!timer || !o.Inserted) continue;
    const km::ThreadView* owner = nullptr;
    const json thread = is_thread_timer(snap, o.Self, &owner) ? address(owner->Self) : json(nullptr);
    out.push_back({{"Timer", address(o.Self)},
                   {"DueTime", o.DueTime},
                   {"Period", o.Period},
                   {"Dpc", address(o.Dpc)},
                   {"Thread", thread}});
  }
  return out;
}

}  // namespace

std::string to_json(const km::Snapshot& snap) {
  json root;
  root["SchemaVersion"] = 1;
  root["Machine"] = machine(snap.Machine);
  root["Bugcheck"] = bugcheck(snap.Bugcheck);
  root["Processors"] = processors(snap.Processors);
  root["ReadyQueues"] = ready_queues(snap.Processors);
  root["Timers"] = timers(snap);
  root["Processes"] = json::array();
  for (const km::ProcessView& p : snap.Processes) root["Processes"].push_back(process(p));
  root["Threads"] = json::array();
  root["WaitBlocks"] = json::array();
  for (const km::ThreadView& t : snap.Threads) {
    root["Threads"].push_back(thread(t));
    for (const km::WaitBlockView& b : t.WaitBlocks) root["WaitBlocks"].push_back(wait_block(b));
  }
  root["Objects"] = json::array();
  for (const km::ObjectView& o : snap.Objects) root["Objects"].push_back(object(o));
  root["Modules"] = json::array();
  for (const km::ModuleView& m : snap.Modules) {
    root["Modules"].push_back(
        {{"Name", m.Name}, {"ImageName", m.ImageName}, {"Base", address(m.Base)}, {"Size", m.Size}});
  }
  return root.dump(2) + "\n";
}

}  // namespace viz
