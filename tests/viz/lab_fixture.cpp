#include "viz/lab_fixture.h"

#include <algorithm>

namespace lab {

namespace {

using km::Address;

constexpr km::ULONG kTickCount = 10000;
constexpr km::ULONG kIncrement = 156250;
constexpr km::ULONG64 kNow = static_cast<km::ULONG64>(kTickCount) * kIncrement + 50000;  // interrupt time
constexpr km::LONG64 kSystemTime = 133536816000000000;                                   // 2024-02-29 12:00:00.000 UTC
constexpr const char* kSource = R"(C:\lab\Driver.c)";

km::FrameView frame(Address ip, std::string module, std::string function, km::ULONG64 offset, std::string file = {},
                    km::ULONG line = 0) {
  return {0, ip, std::move(module), std::move(function), offset, std::move(file), line};
}

// Gives a thread's frames their stack pointers, 0x90 apart on a stack of the thread's own.
std::vector<km::FrameView> on_stack(std::vector<km::FrameView> frames, Address thread) {
  const Address base = 0xffffa00000000000 + (thread & 0xffffff) * 0x10;
  for (std::size_t i = 0; i < frames.size(); ++i) frames[i].ChildSp = base + i * 0x90;
  return frames;
}

std::vector<km::FrameView> wait_stack(std::string function, km::ULONG line) {
  return {frame(0xfffff80000061e76, "nt", "KiSwapContext", 0x76),
          frame(0xfffff800000cb3f5, "nt", "KiSwapThread", 0xab5),
          frame(0xfffff800000cd5d7, "nt", "KiCommitThreadWait", 0x137),
          frame(0xfffff800000cf4f6, "nt", "KeWaitForSingleObject", 0x256),
          frame(0xfffff80010001040 + line, "TestDriver", std::move(function), 0x40, kSource, line),
          frame(0xfffff800001573d7, "nt", "PspSystemThreadStartup", 0x57),
          frame(0xfffff8000021b8d4, "nt", "KiStartSystemThread", 0x34)};
}

km::ThreadView thread(Address self, km::ULONG64 tid, km::KTHREAD_STATE state, km::KWAIT_REASON reason,
                      km::ULONG waited_ticks) {
  km::ThreadView t;
  t.Self = self;
  t.Process = kSystem;
  t.UniqueProcess = 4;
  t.UniqueThread = tid;
  t.State = state;
  t.WaitReason = reason;
  t.Priority = 8;
  t.BasePriority = 8;
  t.WaitTime = kTickCount - waited_ticks;
  t.ContextSwitches = 1;
  return t;
}

km::ThreadView waiter(Address self, km::ULONG64 tid, Address object, std::string function, km::ULONG line,
                      km::ULONG waited_ticks) {
  km::ThreadView t = thread(self, tid, km::KTHREAD_STATE::Waiting, km::KWAIT_REASON::Executive, waited_ticks);
  t.WaitBlockList = self + 0x140;
  t.WaitBlocks = {{self + 0x140, object, self, km::WAIT_TYPE::WaitAny, km::KWAIT_BLOCK_STATE::WaitBlockActive, 0}};
  t.Stack = on_stack(wait_stack(std::move(function), line), self);
  return t;
}

std::vector<km::ThreadView> threads() {
  km::ThreadView a = waiter(kThreadA, 0x100, kMutexB, "WorkerA", 20, 640);
  a.OwnedMutants = {kMutexA};
  km::ThreadView b = waiter(kThreadB, 0x104, kMutexA, "WorkerB", 40, 320);
  b.OwnedMutants = {kMutexB};

  km::ThreadView running = thread(kThreadR, 0x114, km::KTHREAD_STATE::Running, km::KWAIT_REASON::Executive, 0);
  running.Priority = 13;
  running.BasePriority = 12;
  running.ContextSwitches = 5686;
  running.KernelTime = 7;
  running.NextProcessor = 1;
  running.Stack = on_stack({frame(0xfffff80010002000, "TestDriver", "Spin", 0x12, kSource, 90),
                            frame(0xfffff800001573d7, "nt", "PspSystemThreadStartup", 0x57),
                            frame(0xfffff8000021b8d4, "nt", "KiStartSystemThread", 0x34)},
                           kThreadR);

  km::ThreadView ready = thread(kThreadQ, 0x118, km::KTHREAD_STATE::Ready, km::KWAIT_REASON::WrPreempted, 10);

  km::ThreadView terminated = thread(kThreadT, 0x11c, km::KTHREAD_STATE::Terminated, km::KWAIT_REASON::WrTerminated, 0);
  terminated.ContextSwitches = 2;
  terminated.Terminated = true;
  terminated.Stack = on_stack(
      {frame(0xfffff80000061e76, "nt", "KiSwapContext", 0x76), frame(0xfffff800000cb3f5, "nt", "KiSwapThread", 0xab5),
       frame(0xfffff800004dc507, "nt", "KeTerminateThread", 0x19f),
       frame(0xfffff80000570613, "nt", "PspExitThread", 0x4c3),
       frame(0xfffff80000107181, "nt", "PspTerminateThreadByPointer", 0x53),
       frame(0xfffff8000021bb94, "nt", "PspSystemThreadStartup", 0x71),
       frame(0xfffff8000021b8d4, "nt", "KiStartSystemThread", 0x34)},
      kThreadT);

  km::ThreadView delaying = thread(kThreadD, 0x120, km::KTHREAD_STATE::Waiting, km::KWAIT_REASON::DelayExecution, 64);
  delaying.WaitBlocks = {{kThreadD + 0x1d0, kThreadD + 0x100, kThreadD, km::WAIT_TYPE::WaitAny,
                          km::KWAIT_BLOCK_STATE::WaitBlockActive, 0}};

  km::ThreadView idle0 = thread(kIdle0, 0, km::KTHREAD_STATE::Running, km::KWAIT_REASON::Executive, 0);
  km::ThreadView idle1 = thread(kIdle1, 0, km::KTHREAD_STATE::Ready, km::KWAIT_REASON::Executive, 0);
  for (km::ThreadView* idle : {&idle0, &idle1}) {
    idle->Process = 0xfffff80000000f40;
    idle->UniqueProcess = 0;
    idle->Priority = 0;
    idle->BasePriority = 0;
  }

  return {idle0,
          idle1,
          a,
          b,
          waiter(kThreadS, 0x108, kSemaphore, "SemaphoreWaiter", 60, 3008),
          waiter(kThreadE1, 0x10c, kEvent, "EventWaiter", 70, 200),
          waiter(kThreadE2, 0x110, kEvent, "EventWaiter", 75, 100),
          running,
          ready,
          terminated,
          delaying};
}

km::ObjectView object(Address self, km::UCHAR type, km::UCHAR size) {
  km::ObjectView o;
  o.Self = self;
  o.Type = type;
  o.Size = size;
  o.WaitListHead = {self + 8, self + 8};
  return o;
}

void queue(km::ObjectView& o, std::initializer_list<Address> waiters) {
  for (const Address thread : waiters) {
    o.Waiters.push_back(thread + 0x140);
    o.WaiterThreads.push_back(thread);
  }
  o.WaitListHead = {o.Waiters.front(), o.Waiters.back()};
}

km::ObjectView owned_mutex(Address self, Address owner, Address waiter) {
  km::ObjectView m = object(self, km::MutantObject, 0xe);
  m.OwnerThread = owner;
  m.MutantListEntry = {owner + 0x308, owner + 0x308};
  m.ApcDisable = 1;
  queue(m, {waiter});
  return m;
}

std::vector<km::ObjectView> objects() {
  km::ObjectView semaphore = object(kSemaphore, km::SemaphoreObject, 8);
  semaphore.Limit = 1;
  queue(semaphore, {kThreadS});
  km::ObjectView event = object(kEvent, km::EventSynchronizationObject, 6);
  queue(event, {kThreadE1, kThreadE2});
  km::ObjectView dpc_timer = object(kDpcTimer, km::TimerSynchronizationObject, 0x10);
  dpc_timer.DueTime = kNow + 10'000'000;
  dpc_timer.Period = 1000;
  dpc_timer.Dpc = kDpcTimer + 0x80;
  dpc_timer.Inserted = true;
  km::ObjectView delay = object(kThreadD + 0x100, km::TimerNotificationObject, 0x10);
  delay.DueTime = kNow + 100'000'000;
  delay.Inserted = true;
  km::ObjectView free_mutex = object(kFreeMutex, km::MutantObject, 0xe);
  free_mutex.SignalState = 1;
  free_mutex.ApcDisable = 1;

  std::vector<km::ObjectView> all = {owned_mutex(kMutexA, kThreadA, kThreadB),
                                     owned_mutex(kMutexB, kThreadB, kThreadA),
                                     semaphore,
                                     event,
                                     dpc_timer,
                                     delay,
                                     free_mutex};
  std::sort(all.begin(), all.end(), [](const auto& x, const auto& y) { return x.Self < y.Self; });
  return all;
}

std::vector<km::PrcbView> processors() {
  km::PrcbView p0;
  p0.Number = 0;
  p0.CurrentThread = kIdle0;
  p0.IdleThread = kIdle0;
  p0.DispatcherReadyList[8] = {kThreadQ};
  p0.ReadySummary = 1U << 8;
  km::PrcbView p1;
  p1.Number = 1;
  p1.CurrentThread = kThreadR;
  p1.IdleThread = kIdle1;
  return {p0, p1};
}

km::BugcheckView bugcheck() {
  km::BugcheckView b;
  b.Code = 0x4000008A;
  b.Args = {kThreadT, 0xffff900000100600, 0, 0};
  b.Thread = kThreadT;
  b.Name = "THREAD_TERMINATE_HELD_MUTEX";
  b.Stack = on_stack(
      {frame(0xfffff80000200000, "nt", "KeBugCheckEx", 0), frame(0xfffff800005701c8, "nt", "PspExitThread", 0x1c8),
       frame(0xfffff80000107181, "nt", "PspTerminateThreadByPointer", 0x53),
       frame(0xfffff8000021bb94, "nt", "PspSystemThreadStartup", 0x71)},
      kThreadT + 0x800000);
  return b;
}

}  // namespace

km::Snapshot snapshot() {
  km::Snapshot snap;
  snap.Machine.ComputerName = "LAB";
  snap.Machine.ProcessorCount = 2;
  snap.Machine.BuildLab = "22621.1.amd64fre.ni_release.220506-1250";
  snap.Machine.SystemTime = kSystemTime;
  snap.Machine.TimeZoneBiasMinutes = 60;
  snap.Machine.InterruptTime = kNow;
  snap.Machine.TickCount = kTickCount;
  snap.Threads = threads();

  km::ProcessView idle;
  idle.Self = 0xfffff80000000f40;
  idle.ImageFileName = "Idle";
  idle.Threads = {kIdle0, kIdle1};
  km::ProcessView system;
  system.Self = kSystem;
  system.UniqueProcessId = 4;
  system.ImageFileName = "System";
  system.HandleCount = 1234;
  for (const km::ThreadView& t : snap.Threads) {
    if (t.Process == kSystem) system.Threads.push_back(t.Self);
  }
  snap.Processes = {idle, system};
  snap.Objects = objects();
  snap.Processors = processors();
  snap.Modules = {{"nt", "ntoskrnl.exe", 0xfffff80000000000, 0x1000000},
                  {"TestDriver", "TestDriver.sys", 0xfffff80010000000, 0x8000}};
  snap.Bugcheck = bugcheck();
  return snap;
}

}  // namespace lab
