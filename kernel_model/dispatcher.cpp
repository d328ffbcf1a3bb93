#include "dispatcher.h"

#include <cstddef>

namespace km {

Dispatcher::Dispatcher(const DispatcherConfig& config, ChoicePoint& choices)
    : config_(config), choices_(choices), prcbs_(config.ProcessorCount) {
  objects_.reserve(64);  // a small machine's objects in one allocation, not six as the vector grows
  KPROCESS& idle = create_process(config.IdleProcess, 0, "Idle", 0);
  for (ULONG n = 0; n < config.ProcessorCount; ++n) {
    KPRCB& prcb = prcbs_[n];
    prcb.Number = n;
    const Address prcb_self = config.PrcbBase + static_cast<Address>(n) * config.PrcbStride;
    for (std::size_t p = 0; p < prcb.DispatcherReadyListHead.size(); ++p) {
      // The ready list heads' own offsets inside _KPRCB are not verified for 22621 (§7).
      InitializeListHead(prcb.DispatcherReadyListHead[p], prcb_self + 0x7c80 + p * 0x10);
    }
    KTHREAD& thread = create_thread(config.IdleThreadBase + static_cast<Address>(n) * config.IdleThreadStride,
                                    idle, 0, 0);
    thread.IsIdleThread = true;
    thread.Priority = thread.BasePriority = 0;
    thread.NextProcessor = thread.IdealProcessor = n;
    thread.State = KTHREAD_STATE::Running;
    thread.ContextSwitches = 1;
    prcb.IdleThread = prcb.CurrentThread = &thread;
    update_idle_summary(prcb);
  }
}

// --- time ---------------------------------------------------------------------------------------

void Dispatcher::advance_to(ULONG64 interrupt_time) {
  if (interrupt_time > interrupt_time_) interrupt_time_ = interrupt_time;
}

std::optional<ULONG64> Dispatcher::next_timer_due() const {
  if (timer_queue_.empty()) return std::nullopt;
  return timer_queue_.begin()->first.first;
}

void Dispatcher::clock_tick() {
  tick_count_ += 1;
  interrupt_time_ = tick_count_ * config_.TimeIncrement;
  for (KPRCB& prcb : prcbs_) charge_tick(prcb);
  while (!timer_queue_.empty() && timer_queue_.begin()->first.first <= interrupt_time_) {
    // Timers falling due in the same tick may expire in any order on a real machine.
    auto it = timer_queue_.begin();
    ULONG same_tick = 0;
    for (auto probe = timer_queue_.begin(); probe != timer_queue_.end() && probe->first.first <= interrupt_time_; ++probe)
      ++same_tick;
    if (same_tick > 1) std::advance(it, choices_.pick(ChoiceKind::TimerOrder, same_tick));
    expire_timer(*it->second);
  }
}

void Dispatcher::skip_idle_ticks(ULONG64 n) {
  tick_count_ += n;
  interrupt_time_ = tick_count_ * config_.TimeIncrement;
  // Every processor is idle: each idle thread is charged the ticks, as clock_tick would.
  for (KPRCB& prcb : prcbs_) prcb.IdleThread->KernelTime += static_cast<ULONG>(n);
}

// --- processes and threads ----------------------------------------------------------------------

KPROCESS& Dispatcher::create_process(Address self, ULONG64 pid, std::string image,
                                     KPRIORITY base_priority) {
  KPROCESS& process = processes_.emplace_back();
  process.Threads.reserve(config_.ProcessorCount);  // Idle's threads, and a lean machine's System's, in one allocation
  initialize_header(process.Header, self, ProcessObject, 0, 0);  // Size is not tracked for processes
  process.BasePriority = base_priority;
  process.UniqueProcessId = pid;
  process.ImageFileName = std::move(image);
  register_object(self, process.Header);
  return process;
}

KTHREAD& Dispatcher::create_thread(Address self, KPROCESS& process, ULONG64 tid, Address start_address) {
  KTHREAD& thread = threads_.emplace_back();
  thread.CreationIndex = static_cast<ULONG>(threads_.size() - 1);
  initialize_header(thread.Header, self, ThreadObject, 0, 0);  // a thread's Size byte holds flags in NT
  thread.WaitListEntry.Self = self + KTHREAD::WaitListEntryOffset;
  initialize_header(thread.Timer.Header, self + KTHREAD::TimerOffset, TimerNotificationObject,
                    KTIMER::SizeInDwords, 0);
  for (std::size_t i = 0; i < thread.WaitBlock.size(); ++i) {
    thread.WaitBlock[i].WaitListEntry.Self = self + KTHREAD::WaitBlockOffset + i * KWAIT_BLOCK::Size;
    thread.WaitBlock[i].Thread = &thread;
  }
  InitializeListHead(thread.MutantListHead, self + KTHREAD::MutantListHeadOffset);
  thread.Process = &process;
  thread.Priority = thread.BasePriority = process.BasePriority;
  thread.QuantumReset = process.QuantumReset;
  thread.Quantum = static_cast<signed char>(process.QuantumReset);
  thread.UniqueThread = tid;
  thread.StartAddress = start_address;
  thread.CreateTime = SystemTime();
  // A process's threads start on the processors in turn, spreading work as NT's ideal processor
  // assignment does.
  thread.IdealProcessor = thread.NextProcessor = process.ThreadSeed++ % config_.ProcessorCount;
  process.Threads.push_back(&thread);
  register_object(self, thread.Header);
  return thread;
}

void Dispatcher::ready_new_thread(KTHREAD& thread) { KiReadyThread(thread); }

void Dispatcher::park_thread(KTHREAD& thread, DISPATCHER_HEADER& object, KWAIT_REASON reason,
                             ULONG wait_tick) {
  WaitRequest& request = thread.PendingWait;  // a new thread's: empty
  request.Objects.push_back(&object);
  link_wait_blocks(thread, request, 0);
  thread.State = KTHREAD_STATE::Waiting;
  thread.WaitReason = reason;
  thread.WaitTime = wait_tick;
  thread.ContextSwitches = 1;
}

KTHREAD* Dispatcher::thread_at(Address a) const {
  DISPATCHER_HEADER* object = object_at(a);
  // The header is a KTHREAD's first member.
  return object && object->Type == ThreadObject ? reinterpret_cast<KTHREAD*>(object) : nullptr;
}

// --- objects ------------------------------------------------------------------------------------

template <typename T>
T& Dispatcher::place_object(StableStore<T>& storage, Address self) {
  // Re-initialising memory gives a fresh object at the same address, as in NT.
  T& object = storage.emplace_back();
  register_object(self, object.Header);
  return object;
}

void Dispatcher::register_object(Address self, DISPATCHER_HEADER& header) {
  objects_.assign(self, &header);
  last_lookup_ = {};
  ++object_generation_;
}

KMUTANT& Dispatcher::KeInitializeMutex(Address self) {
  KMUTANT& mutant = place_object(mutants_, self);
  initialize_header(mutant.Header, self, MutantObject, KMUTANT::SizeInDwords, 1);
  mutant.ApcDisable = 1;  // MutantListEntry is left unwritten, as KeInitializeMutex leaves it
  return mutant;
}

KMUTANT& Dispatcher::KeInitializeMutant(Address self, KTHREAD* initial_owner) {
  KMUTANT& mutant = place_object(mutants_, self);
  initialize_header(mutant.Header, self, MutantObject, KMUTANT::SizeInDwords, initial_owner ? 0 : 1);
  mutant.MutantListEntry.Self = self + KMUTANT::MutantListEntryOffset;
  if (initial_owner) {
    mutant.OwnerThread = initial_owner;
    InsertTailList(initial_owner->MutantListHead, mutant.MutantListEntry);
  }
  return mutant;
}

KEVENT& Dispatcher::KeInitializeEvent(Address self, EVENT_TYPE type, bool state) {
  KEVENT& event = place_object(events_, self);
  initialize_header(event.Header, self, static_cast<UCHAR>(type), KEVENT::SizeInDwords, state ? 1 : 0);
  return event;
}

KSEMAPHORE& Dispatcher::KeInitializeSemaphore(Address self, LONG count, LONG limit) {
  KSEMAPHORE& semaphore = place_object(semaphores_, self);
  initialize_header(semaphore.Header, self, SemaphoreObject, KSEMAPHORE::SizeInDwords, count);
  semaphore.Limit = limit;
  return semaphore;
}

KTIMER& Dispatcher::KeInitializeTimerEx(Address self, TIMER_TYPE type) {
  KTIMER& timer = place_object(timers_, self);
  initialize_header(timer.Header, self, static_cast<UCHAR>(TimerNotificationObject + static_cast<UCHAR>(type)),
                    KTIMER::SizeInDwords, 0);
  timer.TimerListEntry.Self = self + 0x20;
  return timer;
}

DISPATCHER_HEADER* Dispatcher::object_at(Address a) const {
  // Drivers touch the same few objects call after call: remember the last one found.
  if (last_lookup_.first == a && a != 0) return last_lookup_.second;
  DISPATCHER_HEADER* const* found = objects_.find(a);
  if (!found) return nullptr;
  last_lookup_ = {a, *found};
  return *found;
}

void Dispatcher::raise_bugcheck(ULONG cpu, ULONG code, std::array<ULONG64, 4> args) {
  if (bugcheck_) return;  // the first bugcheck stops the machine; nothing runs after it
  bugcheck_ = Bugcheck{code, args, cpu, prcbs_[cpu].CurrentThread->Header.Self};
  trace(TraceKind::Bugcheck, bugcheck_->Thread, 0, code, cpu);
}

}  // namespace km
