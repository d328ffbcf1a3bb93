#include "viz/seed_fixture.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace seed {

namespace {

using km::Address;

constexpr const char* kDriverSource = R"(C:\Users\User\source\repos\TestDriver\TestDriver\Driver.c)";

// 100 ns units since 1601 (FILETIME): 2023-11-03 13:35:00.352 UTC, the dump's session time, and
// 13:17:56.694 UTC, the System process's creation.
constexpr km::LONG64 kSessionTime = 133434921003520000;
constexpr km::LONG64 kSystemCreateTime = 133434910766940000;
// Uptime 0:17:02.325 in 100 ns; 65428 whole 15.625 ms ticks.
constexpr km::ULONG64 kInterruptTime = 10223250000;
constexpr km::ULONG kTickCount = 65428;

km::FrameView frame(Address sp, Address ip, std::string module, std::string function, km::ULONG64 offset,
                    std::string file = {}, km::ULONG line = 0) {
  return {sp, ip, std::move(module), std::move(function), offset, std::move(file), line};
}

km::MachineView machine() {
  km::MachineView m;
  m.BuildNumber = 22621;
  m.ProcessorCount = 6;
  m.Product = "WinNt, suite: TerminalServer SingleUserTS";
  m.BuildLab = "22621.2506.amd64fre.ni_release_svc_prod3.231018-1809";
  m.KernelBase = 0xfffff8054d200000;
  m.PsLoadedModuleList = 0xfffff8054de134a0;
  m.SystemTime = kSessionTime;
  m.TimeZoneBiasMinutes = -480;
  m.InterruptTime = kInterruptTime;
  m.TickCount = kTickCount;
  m.SystemManufacturer = "Microsoft Corporation";
  m.SystemProductName = "Virtual Machine";
  m.ProcessorName = "11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz";
  m.DumpPath = R"(C:\Windows\MEMORY.DMP)";
  m.SharePath = R"(\\WINDEV2305EVAL\ADMIN$\MEMORY.DMP)";
  m.CurrentProcessor = 2;
  return m;
}

km::ThreadView system_thread(Address self, km::ULONG64 tid) {
  km::ThreadView t;
  t.Self = self;
  t.Process = kSystemProcess;
  t.UniqueProcess = 4;
  t.UniqueThread = tid;
  t.State = km::KTHREAD_STATE::Waiting;
  t.Priority = 8;
  t.BasePriority = 8;
  return t;
}

// Holds the mutex, delays 30 minutes: waiting 7293 ticks, 38 ticks (594 ms) of file loop, 4118 switches.
km::ThreadView creation_thread() {
  km::ThreadView t = system_thread(kCreationThread, 0xc1c);
  t.WaitReason = km::KWAIT_REASON::DelayExecution;
  t.Priority = 9;
  t.WaitTime = kTickCount - 7293;
  t.KernelTime = 38;
  t.ContextSwitches = 4118;
  t.KernelApcDisable = -1;
  const Address timer_block = kCreationThread + 0x1d0;
  t.WaitBlockList = timer_block;
  t.WaitBlocks = {{timer_block, kCreationThread + 0x100, kCreationThread, km::WAIT_TYPE::WaitAny,
                   km::KWAIT_BLOCK_STATE::WaitBlockActive, 0}};
  t.MutantListHead = {kMutex + 0x18, kMutex + 0x18};
  t.OwnedMutants = {kMutex};
  t.StartAddress = 0xfffff805735d10e0;
  t.Stack = {
      frame(0xffffc60b8849ef90, 0xfffff8054d61fe76, "nt", "KiSwapContext", 0x76),
      frame(0xffffc60b8849f0d0, 0xfffff8054d4cb3f5, "nt", "KiSwapThread", 0xab5),
      frame(0xffffc60b8849f220, 0xfffff8054d4cd5d7, "nt", "KiCommitThreadWait", 0x137),
      frame(0xffffc60b8849f2d0, 0xfffff8054d4d1e29, "nt", "KeDelayExecutionThread", 0xf9),
      frame(0xffffc60b8849f350, 0xfffff805735d1244, "TestDriver", "FileCreationThread", 0x164, kDriverSource, 47),
      frame(0xffffc60b8849f570, 0xfffff8054d5573d7, "nt", "PspSystemThreadStartup", 0x57),
      frame(0xffffc60b8849f5c0, 0xfffff8054d61b8d4, "nt", "KiStartSystemThread", 0x34),
  };
  return t;
}

// Waits on the mutex since the driver started: 7511 ticks, one context switch.
km::ThreadView move_thread() {
  km::ThreadView t = system_thread(kMoveThread, 0x878);
  t.WaitReason = km::KWAIT_REASON::Executive;
  t.WaitTime = kTickCount - 7511;
  t.ContextSwitches = 1;
  t.WaitBlockList = kMoveThread + 0x140;
  t.WaitBlocks = {
      {kMoveThread + 0x140, kMutex, kMoveThread, km::WAIT_TYPE::WaitAny, km::KWAIT_BLOCK_STATE::WaitBlockActive, 0}};
  t.MutantListHead = {kMoveThread + 0x308, kMoveThread + 0x308};
  t.StartAddress = 0xfffff805735d1280;
  t.Stack = {
      frame(0xffffc60b86656b60, 0xfffff8054d61fe76, "nt", "KiSwapContext", 0x76),
      frame(0xffffc60b86656ca0, 0xfffff8054d4cb3f5, "nt", "KiSwapThread", 0xab5),
      frame(0xffffc60b86656df0, 0xfffff8054d4cd5d7, "nt", "KiCommitThreadWait", 0x137),
      frame(0xffffc60b86656ea0, 0xfffff8054d4cf4f6, "nt", "KeWaitForSingleObject", 0x256),
      frame(0xffffc60b86657240, 0xfffff805735d12c7, "TestDriver", "FileMoveThread", 0x47, kDriverSource, 58),
      frame(0xffffc60b86657570, 0xfffff8054d5573d7, "nt", "PspSystemThreadStartup", 0x57),
      frame(0xffffc60b866575c0, 0xfffff8054d61b8d4, "nt", "KiStartSystemThread", 0x34),
  };
  return t;
}

// The rest of System's 257 threads: executive worker threads waiting on their queue.
km::ThreadView worker_thread(int index) {
  const Address self = 0xffffc983ec100040 + static_cast<Address>(index) * 0x1000;
  km::ThreadView t = system_thread(self, 0x10 + 4 * static_cast<km::ULONG64>(index));
  t.WaitReason = km::KWAIT_REASON::WrQueue;
  t.Priority = 12;
  t.BasePriority = 12;
  t.WaitTime = kTickCount - 100;
  t.ContextSwitches = 20;
  const Address sp = 0xfffff60b80000000 + static_cast<Address>(index) * 0x6000;
  t.Stack = {
      frame(sp + 0x000, 0xfffff8054d61fe76, "nt", "KiSwapContext", 0x76),
      frame(sp + 0x140, 0xfffff8054d4cb3f5, "nt", "KiSwapThread", 0xab5),
      frame(sp + 0x290, 0xfffff8054d4cd5d7, "nt", "KiCommitThreadWait", 0x137),
      frame(sp + 0x340, 0xfffff8054d4d8a2f, "nt", "KeRemovePriQueue", 0x1ff),
      frame(sp + 0x3e0, 0xfffff8054d4b5d55, "nt", "ExpWorkerThread", 0x155),
      frame(sp + 0x570, 0xfffff8054d5573d7, "nt", "PspSystemThreadStartup", 0x57),
      frame(sp + 0x5c0, 0xfffff8054d61b8d4, "nt", "KiStartSystemThread", 0x34),
  };
  return t;
}

km::ObjectView mutex() {
  km::ObjectView m;
  m.Self = kMutex;
  m.Type = km::MutantObject;
  m.Size = 0xe;
  m.SignalState = 0;
  m.WaitListHead = {kMoveThread + 0x140, kMoveThread + 0x140};
  m.Waiters = {kMoveThread + 0x140};
  m.WaiterThreads = {kMoveThread};
  m.MutantListEntry = {kCreationThread + 0x308, kCreationThread + 0x308};
  m.OwnerThread = kCreationThread;
  m.ApcDisable = 1;
  return m;
}

// FileCreationThread's KTHREAD.Timer, armed for its 30-minute delay.
km::ObjectView delay_timer() {
  km::ObjectView timer;
  timer.Self = kCreationThread + 0x100;
  timer.Type = km::TimerNotificationObject;
  timer.Size = 0x10;
  timer.WaitListHead = {kCreationThread + 0x1d0, kCreationThread + 0x1d0};
  timer.Waiters = {kCreationThread + 0x1d0};
  timer.WaiterThreads = {kCreationThread};
  timer.DueTime = static_cast<km::ULONG64>(kTickCount - 7293) * 156250 + 30ULL * 60 * 10'000'000;
  timer.Inserted = true;
  return timer;
}

km::ProcessView process(Address self, km::ULONG64 pid, std::string image, bool zombie = false) {
  km::ProcessView p;
  p.Self = self;
  p.UniqueProcessId = pid;
  p.InheritedFromUniqueProcessId = pid == 4 ? 0 : 4;
  p.ImageFileName = std::move(image);
  p.Zombie = zombie;
  return p;
}

km::ProcessView system_process(const std::vector<km::ThreadView>& threads) {
  km::ProcessView p = process(kSystemProcess, 4, "System");
  p.Flags = "E|K|O";
  p.CreateTime = kSystemCreateTime;
  p.UserName = R"(WORKGROUP\WINDEV2305EVAL$)";
  p.VirtualSize = 4ULL << 20;    // "4 MB"
  p.PeakVirtualSize = 90722796;  // "86.52 MB"
  p.CommitCharge = 44ULL << 10;  // "44 KB"
  p.NonPagedPoolQuota = 272;     // "272 B"
  for (const km::ThreadView& t : threads) p.Threads.push_back(t.Self);
  return p;
}

std::vector<km::PrcbView> processors() {
  std::vector<km::PrcbView> prcbs(6);
  for (km::ULONG i = 0; i < prcbs.size(); ++i) {
    prcbs[i].Number = i;
    prcbs[i].IdleThread = 0xffffc983ebd89080 + i * 0x1000;
    prcbs[i].CurrentThread = prcbs[i].IdleThread;
  }
  return prcbs;
}

km::BugcheckView bugcheck() {
  km::BugcheckView b;
  b.Code = 0xd1;
  b.Args = {0xFFFF8001ACDC6010, 2, 0, 0xFFFFF805736312D0};
  b.Processor = 2;
  b.Name = "DRIVER_IRQL_NOT_LESS_OR_EQUAL";
  b.Cause = "myfault.sys";
  b.Stack = {
      frame(0xffffc60b87e8ebf8, 0xfffff8054d62bfa0, "nt", "KeBugCheckEx", 0),
      frame(0xffffc60b87e8ec00, 0xfffff8054d62bfa9, "nt", "KiBugCheckDispatch", 0x69),
      frame(0xffffc60b87e8ed40, 0xfffff8054d627634, "nt", "KiPageFault", 0x474),
      frame(0xffffc60b87e8eed0, 0xfffff805736312d0, "myfault", "", 0x12d0),
      frame(0xffffc60b87e8ef00, 0xfffff8057363168e, "myfault", "", 0x168e),
      frame(0xffffc60b87e8f0a0, 0xfffff8054d453075, "nt", "IofCallDriver", 0x55),
  };
  return b;
}

}  // namespace

km::Snapshot snapshot() {
  km::Snapshot snap;
  snap.Machine = machine();
  for (int i = 0; i < 255; ++i) snap.Threads.push_back(worker_thread(i));
  snap.Threads.push_back(creation_thread());
  snap.Threads.push_back(move_thread());

  snap.Processes.push_back(system_process(snap.Threads));
  snap.Processes.push_back(process(0xffffc983ebce5080, 0x80, "Registry"));
  snap.Processes.push_back(process(0xffffc983ef15f040, 0x234, "smss.exe"));
  snap.Processes.push_back(process(0xffffc983f3fec0c0, 0x2268, "SystemSettingsBroker.exe"));
  snap.Processes.push_back(process(0xffffc983f3a9c0c0, 0x258, "SystemSettings.exe", true));
  for (int i = 0; i < 4; ++i) {
    snap.Processes.push_back(
        process(0xffffc983f4000080 + static_cast<Address>(i) * 0x1000, 0x3000 + 4 * i, "svchost.exe", true));
  }

  snap.Objects = {mutex(), delay_timer()};
  std::sort(snap.Objects.begin(), snap.Objects.end(),
            [](const km::ObjectView& a, const km::ObjectView& b) { return a.Self < b.Self; });
  snap.Processors = processors();
  snap.Modules = {{"nt", "ntoskrnl.exe", 0xfffff8054d200000, 0x1046000},
                  {"TestDriver", "TestDriver.sys", 0xfffff805735d0000, 0x7000},
                  {"myfault", "myfault.sys", 0xfffff80573630000, 0x9000}};
  snap.Bugcheck = bugcheck();
  return snap;
}

std::string golden_dir() {
  const char* shared = std::getenv("KSIM_SHARED_DIR");
  const std::string here = __FILE__;  // <repo>/tests/viz/seed_fixture.cpp; shared/ sits beside <repo>
  const std::string base = shared ? std::string(shared) : here.substr(0, here.rfind("/tests/")) + "/../shared";
  return base + "/golden/kmutant-wait";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace seed
