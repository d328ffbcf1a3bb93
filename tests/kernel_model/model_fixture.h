// Shared setup for the kernel_model conformance tests: a Dispatcher with plausible simulated
// addresses, the System process, threads put on processors, and wrappers for the kernel calls that
// check the model's invariants after every call (reporting the caller's line when they break).
//
// Expectations in these tests are documented Windows behaviour; each test cites the section of
// /work/shared/reference/nt-dispatcher.md it holds the model to ("ref §2.5" and so on).
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <source_location>
#include <string>
#include <utility>
#include <vector>

#include "kernel_model/dispatcher.h"

namespace kmtest {

using namespace km;

// --- simulated addresses (kernel virtual, canonical form) ----------------------------------------
inline constexpr Address kPrcbBase = 0xfffff8023a5f0180;      // KPCR + 0x180 on processor 0
inline constexpr ULONG kPrcbStride = 0x10000;
inline constexpr Address kIdleProcess = 0xfffff8023cf4a440;   // nt!KiIdleProcess
inline constexpr Address kIdleThreadBase = 0xfffff8023cf4d440;
inline constexpr ULONG kIdleThreadStride = 0x10000;
inline constexpr Address kSystemProcess = 0xffffc9830a4e6040;
inline constexpr Address kThreadBase = 0xffffc9830b100080;    // nonpaged pool, one page each
inline constexpr Address kThreadStride = 0x1000;
inline constexpr Address kObjectBase = 0xffffc9830c200000;    // driver-allocated dispatcher objects
inline constexpr Address kObjectStride = 0x40;                // >= sizeof(KTIMER)
inline constexpr Address kWaitBlockArrayBase = 0xffffc9830d300000;
inline constexpr Address kDpcBase = 0xfffff8024a3b3100;       // a driver's KDPC in its .data
inline constexpr ULONG64 kSystemPid = 4;
// 2022-10-15 00:00:00 UTC in 100 ns units since 1601: the system time at interrupt time 0.
inline constexpr LONG64 kBootSystemTime = 133103808000000000;
inline constexpr ULONG kTick = 156250;  // 15.625 ms in 100 ns units (ref §3.4)

// Increments (ref §1.4).
inline constexpr KPRIORITY IO_NO_INCREMENT = 0;
inline constexpr KPRIORITY EVENT_INCREMENT = 1;
inline constexpr KPRIORITY MUTANT_INCREMENT = 1;
inline constexpr KPRIORITY SEMAPHORE_INCREMENT = 1;

// A timeout argument: nullopt = infinite (NULL), negative = relative, else absolute system time.
using Timeout = std::optional<LONG64>;
inline constexpr Timeout kInfinite = std::nullopt;

// Answers ChoicePoint questions from a script (then 0), and records every question asked.
class ScriptedChoices final : public ChoicePoint {
 public:
  explicit ScriptedChoices(std::vector<ULONG> answers = {}) : answers_(std::move(answers)) {}
  ULONG pick(ChoiceKind kind, ULONG options) override {
    asked.emplace_back(kind, options);
    if (next_ < answers_.size()) return answers_[next_++];
    return 0;
  }
  std::vector<std::pair<ChoiceKind, ULONG>> asked;

 private:
  std::vector<ULONG> answers_;
  std::size_t next_ = 0;
};

inline DispatcherConfig test_config(ULONG processors) {
  DispatcherConfig config;
  config.ProcessorCount = processors;
  config.TimeIncrement = kTick;
  config.BootSystemTime = kBootSystemTime;
  config.PrcbBase = kPrcbBase;
  config.PrcbStride = kPrcbStride;
  config.IdleProcess = kIdleProcess;
  config.IdleThreadBase = kIdleThreadBase;
  config.IdleThreadStride = kIdleThreadStride;
  return config;
}

// Every broken invariant, one per line, for a failure message.
inline std::string describe(const std::vector<std::string>& broken) {
  std::string text;
  for (const std::string& line : broken) text += "\n    " + line;
  return text;
}

// The simulated Flink/Blink of a LIST_ENTRY, as a dump shows them.
inline std::pair<Address, Address> links(const LIST_ENTRY& entry) {
  return {link_address(entry.Flink), link_address(entry.Blink)};
}

// The threads queued on an object, WaitListHead order.
inline std::vector<const KTHREAD*> waiters(const DISPATCHER_HEADER& object) {
  std::vector<const KTHREAD*> threads;
  for (const LIST_ENTRY* e = object.WaitListHead.Flink; e != &object.WaitListHead; e = e->Flink) {
    threads.push_back(reinterpret_cast<const KWAIT_BLOCK*>(e)->Thread);
  }
  return threads;
}

// The simulated addresses of the wait blocks queued on an object, WaitListHead order.
inline std::vector<Address> waiter_blocks(const DISPATCHER_HEADER& object) {
  std::vector<Address> blocks;
  for (const LIST_ENTRY* e = object.WaitListHead.Flink; e != &object.WaitListHead; e = e->Flink) {
    blocks.push_back(e->Self);
  }
  return blocks;
}

// The threads on one processor's ready queue at one priority, head first.
inline std::vector<const KTHREAD*> ready_queue(const KPRCB& prcb, KPRIORITY priority) {
  std::vector<const KTHREAD*> threads;
  const LIST_ENTRY& head = prcb.DispatcherReadyListHead[static_cast<std::size_t>(priority)];
  for (const LIST_ENTRY* e = head.Flink; e != &head; e = e->Flink) {
    threads.push_back(containing_record<const KTHREAD>(const_cast<LIST_ENTRY*>(e), offsetof(KTHREAD, WaitListEntry)));
  }
  return threads;
}

inline Address wait_block_address(const KTHREAD& thread, ULONG index) {
  return thread.Header.Self + KTHREAD::WaitBlockOffset + index * KWAIT_BLOCK::Size;
}

// An empty wait list points at itself: Flink = Blink = object + 8 (ref §1.1).
#define CHECK_NO_WAITERS(object)                                                                \
  do {                                                                                          \
    INFO("object ", #object);                                                                   \
    CHECK(::km::IsListEmpty((object).WaitListHead));                                            \
    CHECK(::kmtest::links((object).WaitListHead) ==                                             \
          std::make_pair((object).Self + 8, (object).Self + 8));                                \
  } while (0)

// The mutant fields a conformance test pins after every step (ref §1.2, §2.2, §2.5).
#define CHECK_MUTANT(mutant, signal_state, owner, abandoned)                                    \
  do {                                                                                          \
    INFO("mutant ", #mutant);                                                                   \
    CHECK((mutant).Header.SignalState == (signal_state));                                       \
    CHECK((mutant).OwnerThread == (owner));                                                     \
    CHECK((mutant).Abandoned == (abandoned));                                                   \
  } while (0)

// A model with the System process (PID 4, base priority 8) and n processors running their idle
// threads. Every wrapper checks the invariants after its call.
class Model {
  DefaultChoices default_choices_;  // first: d keeps a reference to it

 public:
  explicit Model(ULONG processors = 1, ChoicePoint* choices = nullptr)
      : d(test_config(processors), choices ? *choices : default_choices_),
        system(d.create_process(kSystemProcess, kSystemPid, "System", 8)) {
    verify();
  }

  Dispatcher d;
  KPROCESS& system;

  // --- invariants ---------------------------------------------------------------------------
  void verify(std::source_location where = std::source_location::current()) const {
    const std::vector<std::string> broken = d.check_invariants();
    const std::string file = where.file_name();
    CHECK_MESSAGE(broken.empty(), "invariants broken after the call at ",
                  file.substr(file.find_last_of('/') + 1), ":", where.line(), describe(broken));
  }

  // --- threads ------------------------------------------------------------------------------
  // A new System thread (Initialized), with the next thread address and TID.
  KTHREAD& new_thread(std::source_location where = std::source_location::current()) {
    const Address self = kThreadBase + thread_count_ * kThreadStride;
    const ULONG64 tid = 0x44 + thread_count_ * 4;
    ++thread_count_;
    KTHREAD& thread = d.create_thread(self, system, tid, 0xfffff8024a3b1010);
    verify(where);
    return thread;
  }
  // Readies a new thread whose last and ideal processor is cpu (so an idle cpu takes it).
  KTHREAD& ready_thread(ULONG cpu, std::source_location where = std::source_location::current()) {
    KTHREAD& thread = new_thread(where);
    thread.NextProcessor = thread.IdealProcessor = cpu;
    d.ready_new_thread(thread);
    verify(where);
    return thread;
  }
  // A new thread running on cpu, which must be idle.
  KTHREAD& start(ULONG cpu, std::source_location where = std::source_location::current()) {
    REQUIRE_MESSAGE(d.is_idle(cpu), "processor ", cpu, " is busy (", where.line(), ")");
    KTHREAD& thread = ready_thread(cpu, where);
    CHECK(thread.State == KTHREAD_STATE::Standby);
    CHECK(d.Prcb(cpu).NextThread == &thread);
    KTHREAD& running = dispatch(cpu, where);
    CHECK(&running == &thread);
    CHECK(thread.State == KTHREAD_STATE::Running);
    CHECK(d.Prcb(cpu).CurrentThread == &thread);
    return thread;
  }
  KTHREAD& dispatch(ULONG cpu, std::source_location where = std::source_location::current()) {
    KTHREAD& running = d.dispatch(cpu);
    verify(where);
    return running;
  }
  KTHREAD& idle_thread(ULONG cpu) { return *d.Prcb(cpu).IdleThread; }

  // --- objects ------------------------------------------------------------------------------
  Address next_object_address() { return kObjectBase + (object_count_++) * kObjectStride; }
  KMUTANT& mutex(std::source_location where = std::source_location::current()) {
    KMUTANT& m = d.KeInitializeMutex(next_object_address());
    verify(where);
    return m;
  }
  KMUTANT& mutant(KTHREAD* initial_owner = nullptr, std::source_location where = std::source_location::current()) {
    KMUTANT& m = d.KeInitializeMutant(next_object_address(), initial_owner);
    verify(where);
    return m;
  }
  KEVENT& event(EVENT_TYPE type, bool state, std::source_location where = std::source_location::current()) {
    KEVENT& e = d.KeInitializeEvent(next_object_address(), type, state);
    verify(where);
    return e;
  }
  KEVENT& notification_event(bool state = false, std::source_location where = std::source_location::current()) {
    return event(EVENT_TYPE::NotificationEvent, state, where);
  }
  KEVENT& synchronization_event(bool state = false, std::source_location where = std::source_location::current()) {
    return event(EVENT_TYPE::SynchronizationEvent, state, where);
  }
  KSEMAPHORE& semaphore(LONG count, LONG limit, std::source_location where = std::source_location::current()) {
    KSEMAPHORE& s = d.KeInitializeSemaphore(next_object_address(), count, limit);
    verify(where);
    return s;
  }
  KTIMER& timer(TIMER_TYPE type, std::source_location where = std::source_location::current()) {
    KTIMER& t = d.KeInitializeTimerEx(next_object_address(), type);
    verify(where);
    return t;
  }
  // A driver's KDPC at `self` (its routine and context addresses are the DPC's own plus 8 and 16).
  KDPC& dpc(Address self = kDpcBase, std::source_location where = std::source_location::current()) {
    KDPC& k = d.KeInitializeDpc(self, self + 8, self + 16);
    verify(where);
    return k;
  }
  // Runs the DPCs queued on cpu as the engine would, routines doing nothing; returns them in order.
  std::vector<Address> retire_dpcs(ULONG cpu = 0, std::source_location where = std::source_location::current()) {
    std::vector<Address> retired;
    while (KDPC* k = d.begin_dpc(cpu)) {
      retired.push_back(k->Self);
      verify(where);
      d.end_dpc(cpu);
    }
    verify(where);
    return retired;
  }

  // --- waits --------------------------------------------------------------------------------
  CallResult wait(ULONG cpu, DISPATCHER_HEADER& object, Timeout timeout = kInfinite,
                  KWAIT_REASON reason = KWAIT_REASON::Executive,
                  std::source_location where = std::source_location::current()) {
    const CallResult r = d.KeWaitForSingleObject(cpu, object, reason, KPROCESSOR_MODE::KernelMode, false,
                                                 timeout ? &*timeout : nullptr);
    verify(where);
    return r;
  }
  CallResult wait_multiple(ULONG cpu, std::vector<DISPATCHER_HEADER*> objects, WAIT_TYPE type,
                           Timeout timeout = kInfinite, Address wait_block_array = 0,
                           std::source_location where = std::source_location::current()) {
    const CallResult r = d.KeWaitForMultipleObjects(cpu, objects, type, KWAIT_REASON::Executive,
                                                    KPROCESSOR_MODE::KernelMode, false,
                                                    timeout ? &*timeout : nullptr, wait_block_array);
    verify(where);
    return r;
  }
  CallResult delay(ULONG cpu, LONG64 interval, bool alertable = false,
                   std::source_location where = std::source_location::current()) {
    const CallResult r = d.KeDelayExecutionThread(cpu, KPROCESSOR_MODE::KernelMode, alertable, interval);
    verify(where);
    return r;
  }

  // --- signalling ---------------------------------------------------------------------------
  // KeReleaseMutex(M, FALSE) = KeReleaseMutant(M, MUTANT_INCREMENT, FALSE, FALSE) (ref §2.5).
  CallResult release_mutex(ULONG cpu, KMUTANT& m, std::source_location where = std::source_location::current()) {
    const CallResult r = d.KeReleaseMutant(cpu, m, MUTANT_INCREMENT, false, false);
    verify(where);
    return r;
  }
  CallResult release_mutant(ULONG cpu, KMUTANT& m, bool abandon,
                            std::source_location where = std::source_location::current()) {
    const CallResult r = d.KeReleaseMutant(cpu, m, MUTANT_INCREMENT, abandon, false);
    verify(where);
    return r;
  }
  CallResult set_event(ULONG cpu, KEVENT& e, KPRIORITY increment = EVENT_INCREMENT,
                       std::source_location where = std::source_location::current()) {
    const CallResult r = d.KeSetEvent(cpu, e, increment, false);
    verify(where);
    return r;
  }
  LONG reset_event(KEVENT& e, std::source_location where = std::source_location::current()) {
    const LONG previous = d.KeResetEvent(e);
    verify(where);
    return previous;
  }
  void clear_event(KEVENT& e, std::source_location where = std::source_location::current()) {
    d.KeClearEvent(e);
    verify(where);
  }
  CallResult pulse_event(ULONG cpu, KEVENT& e, KPRIORITY increment = EVENT_INCREMENT,
                         std::source_location where = std::source_location::current()) {
    const CallResult r = d.KePulseEvent(cpu, e, increment, false);
    verify(where);
    return r;
  }
  CallResult release_semaphore(ULONG cpu, KSEMAPHORE& s, LONG adjustment,
                               KPRIORITY increment = SEMAPHORE_INCREMENT,
                               std::source_location where = std::source_location::current()) {
    const CallResult r = d.KeReleaseSemaphore(cpu, s, increment, adjustment, false);
    verify(where);
    return r;
  }
  bool set_timer(KTIMER& t, LONG64 due_time, LONG period_ms = 0, KDPC* dpc = nullptr, ULONG cpu = 0,
                 std::source_location where = std::source_location::current()) {
    const bool was_inserted = d.KeSetTimerEx(cpu, t, due_time, period_ms, dpc);
    verify(where);
    return was_inserted;
  }
  bool cancel_timer(KTIMER& t, std::source_location where = std::source_location::current()) {
    const bool was_inserted = d.KeCancelTimer(t);
    verify(where);
    return was_inserted;
  }

  // --- time ---------------------------------------------------------------------------------
  void tick(std::source_location where = std::source_location::current()) {
    d.clock_tick();
    verify(where);
  }
  void ticks(ULONG n, std::source_location where = std::source_location::current()) {
    for (ULONG i = 0; i < n; ++i) tick(where);
  }
  void advance_to(ULONG64 interrupt_time, std::source_location where = std::source_location::current()) {
    d.advance_to(interrupt_time);
    verify(where);
  }

  // --- threads' own calls -------------------------------------------------------------------
  void enter_critical_region(ULONG cpu, std::source_location where = std::source_location::current()) {
    d.KeEnterCriticalRegion(cpu);
    verify(where);
  }
  void leave_critical_region(ULONG cpu, std::source_location where = std::source_location::current()) {
    d.KeLeaveCriticalRegion(cpu);
    verify(where);
  }
  CallResult terminate(ULONG cpu, std::source_location where = std::source_location::current()) {
    const CallResult r = d.terminate_thread(cpu);
    verify(where);
    return r;
  }

 private:
  ULONG64 thread_count_ = 0;
  ULONG64 object_count_ = 0;
};

}  // namespace kmtest
