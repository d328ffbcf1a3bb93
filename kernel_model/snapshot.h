// A Snapshot is the simulated machine at one stop, as plain values: what a kernel dump holds.
// Renderers (viz/) read only this, never the live model, and every address in it is simulated.
// The dispatcher fills its part (Dispatcher::capture); the engine adds what only it knows
// (stacks, modules, machine identity, the System process's details).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "nt_enums.h"

namespace km {

struct ListEntryView {
  Address Flink = 0;
  Address Blink = 0;
};

// One frame of a thread's modelled stack, innermost first.
struct FrameView {
  Address ChildSp = 0;
  Address Ip = 0;            // the frame's instruction pointer (its return address into it)
  std::string Module;        // "nt", "TestDriver"
  std::string Function;      // "KiSwapContext"; empty when the module has no symbol there
  ULONG64 Offset = 0;        // from Function (or from the module base when Function is empty)
  std::string SourceFile;    // empty when unknown
  ULONG SourceLine = 0;
};

struct WaitBlockView {
  Address Self = 0;
  Address Object = 0;
  Address Thread = 0;
  WAIT_TYPE WaitType = WAIT_TYPE::WaitAny;
  KWAIT_BLOCK_STATE BlockState = KWAIT_BLOCK_STATE::WaitBlockInactive;
  USHORT WaitKey = 0;
};

struct ThreadView {
  Address Self = 0;
  Address Process = 0;
  ULONG64 UniqueProcess = 0;  // Cid
  ULONG64 UniqueThread = 0;
  KTHREAD_STATE State = KTHREAD_STATE::Initialized;
  KWAIT_REASON WaitReason = KWAIT_REASON::Executive;
  KPROCESSOR_MODE WaitMode = KPROCESSOR_MODE::KernelMode;
  KIRQL WaitIrql = 0;
  bool Alertable = false;
  KPRIORITY Priority = 0;
  KPRIORITY BasePriority = 0;
  UCHAR PriorityDecrement = 0;
  UCHAR ForegroundBoost = 0;
  UCHAR IoPriority = 2;
  UCHAR PagePriority = 5;
  signed char Quantum = 0;
  UCHAR QuantumReset = 0;
  ULONG WaitTime = 0;        // KeTickCount when the last wait began
  ULONG KernelTime = 0;      // clock ticks
  ULONG UserTime = 0;        // clock ticks
  ULONG ContextSwitches = 0;
  SHORT KernelApcDisable = 0;
  SHORT SpecialApcDisable = 0;
  LONG64 WaitStatus = 0;
  Address WaitBlockList = 0;
  std::vector<WaitBlockView> WaitBlocks;  // the blocks of the current wait (Waiting threads only)
  ListEntryView MutantListHead;
  std::vector<Address> OwnedMutants;      // MutantListHead order
  ULONG NextProcessor = 0;
  ULONG IdealProcessor = 0;
  bool SystemThread = true;
  bool Terminated = false;                // ETHREAD.Terminated
  Address Teb = 0;
  Address StartAddress = 0;
  LONG64 CreateTime = 0;                  // system time (100 ns since 1601)
  std::vector<FrameView> Stack;           // filled by the engine
};

struct ObjectView {
  Address Self = 0;
  UCHAR Type = 0;
  UCHAR Signalling = 0;
  UCHAR Size = 0;
  UCHAR Reserved1 = 0;
  LONG SignalState = 0;
  ListEntryView WaitListHead;
  std::vector<Address> Waiters;           // wait-block addresses, WaitListHead order
  std::vector<Address> WaiterThreads;     // their threads, same order
  // Mutant
  ListEntryView MutantListEntry;
  Address OwnerThread = 0;
  UCHAR Abandoned = 0;
  UCHAR ApcDisable = 0;
  // Semaphore
  LONG Limit = 0;
  // Timer
  ULONG64 DueTime = 0;                    // interrupt time
  LONG Period = 0;                        // ms
  bool Inserted = false;
  Address Dpc = 0;
};

struct DpcView {
  Address Self = 0;
  Address DeferredRoutine = 0;
  Address DeferredContext = 0;
  KDPC_IMPORTANCE Importance = KDPC_IMPORTANCE::MediumImportance;
};

struct PrcbView {
  ULONG Number = 0;
  Address CurrentThread = 0;
  Address NextThread = 0;
  Address IdleThread = 0;
  ULONG ReadySummary = 0;
  std::array<std::vector<Address>, 32> DispatcherReadyList;  // head first
  KIRQL Irql = 0;
  std::vector<DpcView> DpcQueue;          // in run order
  bool DpcRoutineActive = false;
  ULONG DpcCount = 0;
  ULONG DpcTime = 0;                      // clock ticks
};

struct ProcessView {
  Address Self = 0;
  ULONG64 UniqueProcessId = 0;
  ULONG64 InheritedFromUniqueProcessId = 0;
  std::string ImageFileName;
  KPRIORITY BasePriority = 8;
  ULONG SessionId = 0;
  Address Peb = 0;
  LONG64 CreateTime = 0;                  // system time (100 ns since 1601)
  ULONG ModuleCount = 0;
  ULONG HandleCount = 0;
  std::string UserName;
  ULONG64 VirtualSize = 0;                // bytes
  ULONG64 PeakVirtualSize = 0;
  ULONG64 CommitCharge = 0;
  ULONG64 NonPagedPoolQuota = 0;
  bool Zombie = false;
  std::string Flags;                      // mex's process flags, e.g. "E|K|O"
  std::vector<Address> Threads;           // creation order
};

struct ModuleView {
  std::string Name;                       // "nt", "TestDriver"
  std::string ImageName;                  // "ntoskrnl.exe", "TestDriver.sys"
  Address Base = 0;
  ULONG Size = 0;
};

struct BugcheckView {
  ULONG Code = 0;
  std::array<ULONG64, 4> Args{};
  ULONG Processor = 0;
  Address Thread = 0;
  std::string Name;                       // "DRIVER_IRQL_NOT_LESS_OR_EQUAL"
  std::string Cause;                      // module that caused it ("myfault.sys")
  std::vector<FrameView> Stack;           // STACK_TEXT, innermost first
};

struct MachineView {
  std::string ComputerName;
  ULONG BuildNumber = 22621;
  ULONG ProcessorCount = 6;
  std::string Product;                    // "WinNt, suite: TerminalServer SingleUserTS"
  std::string BuildLab;
  Address KernelBase = 0;
  Address PsLoadedModuleList = 0;
  LONG64 SystemTime = 0;                  // now, 100 ns since 1601 UTC
  LONG TimeZoneBiasMinutes = 0;           // local = UTC + bias
  ULONG64 InterruptTime = 0;              // now, 100 ns since boot
  ULONG64 TickCount = 0;                  // KeTickCount
  ULONG TimeIncrement = 156250;           // 100 ns units per clock tick
  std::string SystemManufacturer;
  std::string SystemProductName;
  std::string ProcessorName;
  std::string DumpPath;
  std::string SharePath;
  ULONG CurrentProcessor = 0;             // the processor the debugger's prompt shows
};

struct Snapshot {
  MachineView Machine;
  std::vector<ProcessView> Processes;     // creation order
  std::vector<ThreadView> Threads;        // creation order
  std::vector<ObjectView> Objects;        // ascending address
  std::vector<PrcbView> Processors;
  std::vector<ModuleView> Modules;
  std::optional<BugcheckView> Bugcheck;

  const ThreadView* find_thread(Address a) const;
  const ObjectView* find_object(Address a) const;
  const ProcessView* find_process(Address a) const;
  const ModuleView* find_module(const std::string& name) const;
};

}  // namespace km
