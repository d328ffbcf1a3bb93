// The dispatcher: NT's waitable objects, threads and processors as pure state, and the kernel
// routines that change them. It answers "what happens" for each call — continue with a status,
// block, raise, or bugcheck — and never switches stacks, prints, or reads a clock: the engine tells
// it the time (advance_to, clock_tick) and resumes whatever thread each processor's KPRCB names.
//
// Calls made "by processor N" act on Prcb(N).CurrentThread, the thread running there.
#pragma once

#include <array>
#include <bit>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "address_map.h"
#include "choice_point.h"
#include "kdpc.h"
#include "kevent.h"
#include "kmutant.h"
#include "kprcb.h"
#include "kprocess.h"
#include "ksemaphore.h"
#include "kthread.h"
#include "ktimer.h"
#include "nt_status.h"
#include "snapshot.h"
#include "stable_store.h"
#include "trace.h"

namespace km {

enum class Outcome : UCHAR {
  Continue,  // the call returns Status to its caller now
  Blocked,   // the caller is Waiting; its processor switched; Status comes from wait_status()
  Raised,    // the call raised the exception Status in the caller
  Bugcheck,  // the machine stopped: see bugcheck()
};

struct [[nodiscard]] CallResult {
  Outcome Kind = Outcome::Continue;
  NTSTATUS Status = STATUS_SUCCESS;
};

struct Bugcheck {
  ULONG Code = 0;
  std::array<ULONG64, 4> Args{};
  ULONG Processor = 0;
  Address Thread = 0;
};

inline constexpr ULONG MaximumProcessors = 64;

// The n-th processor (from 0, by number) in a set of them. A choice among processors is made
// over a mask, not a list on the stack: with thousands of threads, a list's lines in the
// running thread's stack were cold at every switch.
inline ULONG nth_processor(ULONG64 set, ULONG n) {
  for (; n != 0; --n) set &= set - 1;
  return static_cast<ULONG>(std::countr_zero(set));
}
// How many processors a set holds: a loop rather than std::popcount, which without -mpopcnt is a
// call into libgcc, and these sets hold a handful of processors.
inline ULONG processors_in(ULONG64 set) {
  ULONG n = 0;
  for (; set != 0; set &= set - 1) ++n;
  return n;
}

struct DispatcherConfig {
  ULONG ProcessorCount = 6;  // 1 .. MaximumProcessors
  ULONG TimeIncrement = 156250;  // 100 ns units per clock tick: 15.625 ms
  LONG64 BootSystemTime = 0;     // system time (100 ns since 1601) at interrupt time 0
  Address PrcbBase = 0;          // simulated address of processor 0's KPRCB
  ULONG PrcbStride = 0;
  Address IdleProcess = 0;       // the Idle process (PID 0) and each processor's idle thread
  Address IdleThreadBase = 0;
  ULONG IdleThreadStride = 0;
};

class Dispatcher {
 public:
  Dispatcher(const DispatcherConfig& config, ChoicePoint& choices);
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  // --- time -----------------------------------------------------------------------------------
  ULONG64 InterruptTime() const { return interrupt_time_; }
  ULONG64 TickCount() const { return tick_count_; }
  ULONG TimeIncrement() const { return config_.TimeIncrement; }
  LONG64 SystemTime() const { return config_.BootSystemTime + static_cast<LONG64>(interrupt_time_); }
  ULONG64 next_tick_time() const { return (tick_count_ + 1) * config_.TimeIncrement; }
  std::optional<ULONG64> next_timer_due() const;
  // Moves the current time forward within the current tick (calls are applied at their time).
  void advance_to(ULONG64 interrupt_time);
  // The next clock interrupt. Step order (changing it changes every golden output):
  // 1. KeTickCount += 1 and the time becomes the tick's; 2. each processor's running thread is
  // charged the tick (KernelTime, quantum; quantum end may pick a successor); 3. due timers expire
  // in (DueTime, insertion) order, readying their waiters.
  void clock_tick();
  // Advances KeTickCount by n ticks in one step; only valid while every processor is idle and no
  // timer falls due before the last of them.
  void skip_idle_ticks(ULONG64 n);

  // --- processes and threads --------------------------------------------------------------------
  KPROCESS& create_process(Address self, ULONG64 pid, std::string image, KPRIORITY base_priority);
  // A new thread in Initialized state; ready_new_thread makes it runnable.
  KTHREAD& create_thread(Address self, KPROCESS& process, ULONG64 tid, Address start_address);
  void ready_new_thread(KTHREAD& thread);
  // Puts a never-run thread straight into a wait (the machine's background threads).
  void park_thread(KTHREAD& thread, DISPATCHER_HEADER& object, KWAIT_REASON reason, ULONG wait_tick);
  KTHREAD* thread_at(Address a) const;
  const StableStore<KTHREAD>& threads() const { return threads_; }

  // --- objects ----------------------------------------------------------------------------------
  KMUTANT& KeInitializeMutex(Address self);
  KMUTANT& KeInitializeMutant(Address self, KTHREAD* initial_owner);
  KEVENT& KeInitializeEvent(Address self, EVENT_TYPE type, bool state);
  KSEMAPHORE& KeInitializeSemaphore(Address self, LONG count, LONG limit);
  KTIMER& KeInitializeTimerEx(Address self, TIMER_TYPE type);
  // The waitable object (including threads and processes) at a simulated address, or null.
  DISPATCHER_HEADER* object_at(Address a) const;
  // Changes whenever an object is placed (initialised, or re-initialised at the same address).
  ULONG64 object_generation() const { return object_generation_; }

  // --- calls by the thread running on a processor -----------------------------------------------
  // timeout: null = infinite; negative = relative (100 ns); positive = absolute system time.
  CallResult KeWaitForSingleObject(ULONG cpu, DISPATCHER_HEADER& object, KWAIT_REASON reason,
                                   KPROCESSOR_MODE mode, bool alertable, const LONG64* timeout);
  CallResult KeWaitForMultipleObjects(ULONG cpu, std::span<DISPATCHER_HEADER* const> objects,
                                      WAIT_TYPE wait_type, KWAIT_REASON reason,
                                      KPROCESSOR_MODE mode, bool alertable, const LONG64* timeout,
                                      Address wait_block_array);
  CallResult KeDelayExecutionThread(ULONG cpu, KPROCESSOR_MODE mode, bool alertable, LONG64 interval);
  // What a Blocked wait returns once its thread runs again.
  NTSTATUS wait_status(const KTHREAD& thread) const;

  CallResult KeReleaseMutant(ULONG cpu, KMUTANT& mutant, KPRIORITY increment, bool abandon, bool wait);
  LONG KeReadStateMutant(const KMUTANT& mutant) const { return mutant.Header.SignalState; }
  CallResult KeSetEvent(ULONG cpu, KEVENT& event, KPRIORITY increment, bool wait);
  // The same from interrupt or DPC context, where no thread is the caller (I/O completion).
  LONG KeSetEvent(KEVENT& event, KPRIORITY increment);
  LONG KeResetEvent(KEVENT& event);
  void KeClearEvent(KEVENT& event) { event.Header.SignalState = 0; }
  CallResult KePulseEvent(ULONG cpu, KEVENT& event, KPRIORITY increment, bool wait);
  CallResult KeReleaseSemaphore(ULONG cpu, KSEMAPHORE& semaphore, KPRIORITY increment,
                                LONG adjustment, bool wait);
  // Returns TRUE if the timer was already in the timer table. The timer goes into the table of
  // the caller's processor, whose clock interrupt expires it and queues its DPC there.
  bool KeSetTimerEx(ULONG cpu, KTIMER& timer, LONG64 due_time, LONG period_ms, KDPC* dpc);
  bool KeCancelTimer(KTIMER& timer);

  // --- DPCs (dpc.cpp) ---------------------------------------------------------------------------
  KDPC& KeInitializeDpc(Address self, Address routine, Address context);
  KDPC* dpc_at(Address a) const;
  void KeSetImportanceDpc(KDPC& dpc, KDPC_IMPORTANCE importance) { dpc.Importance = importance; }
  // Queues the DPC on the caller's processor; FALSE (and nothing changes) if it is already queued.
  bool KeInsertQueueDpc(ULONG cpu, KDPC& dpc, ULONG64 argument1, ULONG64 argument2);
  // Takes a queued DPC off its queue; FALSE if it was not queued.
  bool KeRemoveQueueDpc(KDPC& dpc);
  // Bit n: processor n must retire DPCs before it runs a thread again, or is running one.
  ULONG64 dpc_summary() const { return dpc_summary_; }
  // The engine retires a processor's queue (KiRetireDpcList) one DPC at a time: begin_dpc takes
  // the head off the queue (null when it is empty) and marks the processor as running it, until
  // end_dpc. The routine runs in between, at DISPATCH_LEVEL.
  KDPC* begin_dpc(ULONG cpu);
  void end_dpc(ULONG cpu);

  void KeEnterCriticalRegion(ULONG cpu) { current(cpu).KernelApcDisable -= 1; }
  void KeLeaveCriticalRegion(ULONG cpu) { current(cpu).KernelApcDisable += 1; }
  KPRIORITY KeSetPriorityThread(KTHREAD& thread, KPRIORITY priority);
  // Thread exit (PsTerminateSystemThread or the start routine returning): Windows' checks, then
  // mutant rundown, then the switch away.
  CallResult terminate_thread(ULONG cpu);
  // Stops the machine (a driver's KeBugCheckEx, an engine-detected fault, a crash request).
  void raise_bugcheck(ULONG cpu, ULONG code, std::array<ULONG64, 4> args);
  const std::optional<Bugcheck>& bugcheck() const { return bugcheck_; }

  // --- processors -------------------------------------------------------------------------------
  ULONG processor_count() const { return config_.ProcessorCount; }
  const KPRCB& Prcb(ULONG cpu) const { return prcbs_[cpu]; }
  KTHREAD& current(ULONG cpu) { return *prcbs_[cpu].CurrentThread; }
  bool is_idle(ULONG cpu) const { return (idle_summary_ >> cpu) & 1; }
  // Bit n set: processor n runs its idle thread with nothing in Standby (NT's KiIdleSummary).
  ULONG64 idle_summary() const { return idle_summary_; }
  // Carries out a switch decided earlier on this processor (a Standby thread, preemption, quantum
  // end) and returns the thread that now runs there (its idle thread when there is none).
  KTHREAD& dispatch(ULONG cpu) {
    KPRCB& prcb = prcbs_[cpu];
    // The engine asks before every step on a processor; mostly nothing is pending.
    if (!prcb.NextThread && prcb.CurrentThread != prcb.IdleThread) return *prcb.CurrentThread;
    return dispatch_pending(prcb);
  }
  // A kernel call of the thread running on cpu has completed. When a Ready thread of at least its
  // priority waits on this processor, a clock interrupt could end its quantum right here on a
  // real machine: the choice point decides (ChoiceKind::Preemption; 0, the default, is no).
  // Returns true when it did, leaving the switch pending for dispatch().
  bool offer_preemption(ULONG cpu);

  // Every state change is reported to `sink` (null: none) as it happens.
  void set_trace(TraceSink* sink) { trace_ = sink; }

  // --- inspection -------------------------------------------------------------------------------
  // Every broken invariant, one line each; empty when the model is consistent.
  std::vector<std::string> check_invariants() const;
  // The dispatcher's part of a dump (threads without stacks, objects, processors, processes).
  Snapshot capture() const;

 private:
  friend class DispatcherAccess;  // invariant checks and capture read the private containers

  WaitRequest& new_wait_request(ULONG cpu);
  // Waits for the running thread's PendingWait, filled by new_wait_request's caller.
  CallResult wait(ULONG cpu, KWAIT_REASON reason, KPROCESSOR_MODE mode, bool alertable, Address wait_block_array);
  std::optional<CallResult> try_satisfy_now(KTHREAD& thread, const WaitRequest& request);
  bool satisfiable(const DISPATCHER_HEADER& object, const KTHREAD& thread) const;
  void satisfy(DISPATCHER_HEADER& object, KTHREAD& thread);
  bool wait_all_satisfiable(const KTHREAD& thread) const;
  void link_wait_blocks(KTHREAD& thread, const WaitRequest& request, Address wait_block_array);
  void KiWaitTest(DISPATCHER_HEADER& object, KPRIORITY increment);
  void KiUnwaitThread(KTHREAD& thread, LONG64 status, KPRIORITY increment);
  void release_mutant_ownership(KMUTANT& mutant, KPRIORITY increment);
  void insert_timer(KTIMER& timer, ULONG64 due_time);
  void remove_timer(KTIMER& timer);
  void expire_timer(KTIMER& timer);
  void queue_dpc(KPRCB& prcb, KDPC& dpc, ULONG64 argument1, ULONG64 argument2);
  void request_dpc_interrupt(KPRCB& prcb);
  void update_dpc_summary(const KPRCB& prcb);
  // A wait or yield that would switch away from a running DPC bugchecks 0xB8.
  bool switch_from_dpc(ULONG cpu) { return prcbs_[cpu].DpcRoutineActive && bugcheck_switch_from_dpc(cpu); }
  bool bugcheck_switch_from_dpc(ULONG cpu);
  ULONG64 due_time_from(LONG64 timeout) const;

  // scheduler.cpp
  void KiReadyThread(KTHREAD& thread);
  void apply_unwait_boost(KTHREAD& thread);
  void insert_ready(KPRCB& prcb, KTHREAD& thread, bool at_head);
  // The head of prcb's highest non-empty ready queue (ReadySummary must be non-zero).
  static KTHREAD& highest_ready(const KPRCB& prcb);
  KTHREAD* select_ready(KPRCB& prcb, KPRIORITY floor);
  // The processor whose queue an idle processor takes from, or null.
  const KPRCB* ready_elsewhere(ULONG cpu) const;
  KTHREAD* find_ready_elsewhere(ULONG cpu);
  void make_standby(KPRCB& prcb, KTHREAD& thread);
  void update_idle_summary(const KPRCB& prcb);
  void switch_to(KPRCB& prcb, KTHREAD& next);
  void KiSwapThread(ULONG cpu);
  KTHREAD& dispatch_pending(KPRCB& prcb);
  // NtYieldExecution for the thread running on cpu: any ready thread of priority >= 1 there takes
  // over; the caller goes to the tail of its queue (see KeDelayExecutionThread).
  CallResult yield_execution(ULONG cpu);
  // The thread KiSwapThread would switch to, without taking it off its queue.
  const KTHREAD& next_to_run(const KPRCB& prcb) const;
  void charge_tick(KPRCB& prcb);
  void end_quantum(KPRCB& prcb, KTHREAD& thread);
  void decay_priority(KTHREAD& thread);

  template <typename T>
  T& place_object(StableStore<T>& storage, Address self);
  // Makes the object at `self` the one lookups find (replacing an earlier one there).
  void register_object(Address self, DISPATCHER_HEADER& header);
  void trace(TraceKind kind, Address thread, Address object = 0, LONG64 value = 0, ULONG processor = 0) {
    if (trace_) trace_->record({kind, interrupt_time_, processor, thread, object, value});
  }

  DispatcherConfig config_;
  ChoicePoint& choices_;
  ULONG64 interrupt_time_ = 0;
  ULONG64 tick_count_ = 0;
  std::optional<Bugcheck> bugcheck_;

  std::vector<KPRCB> prcbs_;
  ULONG64 idle_summary_ = 0;
  StableStore<KPROCESS> processes_;
  StableStore<KTHREAD> threads_;
  StableStore<KMUTANT> mutants_;
  StableStore<KEVENT> events_;
  StableStore<KSEMAPHORE> semaphores_;
  StableStore<KTIMER> timers_;
  StableStore<KDPC> dpcs_;
  AddressMap<KDPC*> dpcs_by_address_;
  ULONG64 dpc_summary_ = 0;
  AddressMap<DISPATCHER_HEADER*> objects_;  // every waitable object by address
  mutable std::pair<Address, DISPATCHER_HEADER*> last_lookup_{};
  ULONG64 object_generation_ = 0;
  std::map<std::pair<ULONG64, ULONG64>, KTIMER*> timer_queue_;  // by (DueTime, InsertSequence)
  ULONG64 timer_sequence_ = 0;
  TraceSink* trace_ = nullptr;
};

}  // namespace km
