#include "machine.h"

#include <signal.h>

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <utility>

#include "cost_model.h"
#include "driver_image.h"
#include "fault_guard.h"
#include "log.h"
#include "stack_model.h"
#include "volume/volume.h"

namespace ksim {

namespace {

constexpr std::uint64_t Never = std::numeric_limits<std::uint64_t>::max();
constexpr km::KPRIORITY IoDiskIncrement = 1;
constexpr km::KPRIORITY WorkerPriority = 12;  // executive worker threads (DUMP1: 12/12)

}  // namespace

std::string_view describe(StopReason reason) {
  switch (reason) {
    case StopReason::Crash: return "the requested crash (NotMyFault)";
    case StopReason::Bugcheck: return "a bugcheck the driver caused";
    case StopReason::Completed: return "every driver thread finished";
    case StopReason::Deadlock: return "deadlock: driver threads wait and nothing can wake them";
    case StopReason::Budget: return "the virtual-time or call budget ran out";
    case StopReason::Paused: return "paused";
  }
  return "";
}

thread_local Machine* Machine::active_ = nullptr;

Machine::Machine(const MachineProfile& profile, MachineConfig config, km::ChoicePoint& choices)
    : profile_(profile),
      config_(config),
      choices_(choices),
      model_(km::DispatcherConfig{config.processors, 156250, profile_.boot_system_time,
                                  0xfffff80549a00000, 0x8000 + 0x1000,  // 22621-sized KPRCBs
                                  0xfffff8054de4a8c0, 0xfffff8054de4e000, 0x1000},
             choices),
      dpc_contexts_(config.processors),
      clock_(config.processors, 0),
      all_cpus_(config.processors >= 64 ? ~0ull : (1ull << config.processors) - 1),
      last_ran_(config.processors, nullptr) {
  const std::uint64_t load_tick = config.load_time / model_.TimeIncrement();
  build_system_process();
  model_.skip_idle_ticks(load_tick);
  model_.advance_to(config.load_time);
  std::fill(clock_.begin(), clock_.end(), config.load_time);
  if (config.crash_after) schedule(config.load_time + *config.crash_after, nullptr);
  engine_log().debug("machine: {} processors, {} System threads, driver load at interrupt time {}", config.processors,
                     threads_.size(), config.load_time);
}

Machine::~Machine() = default;

volume::Volume& Machine::volume() {
  // Most drivers never touch a file, and building C: was a tenth of building an explored machine.
  // Built late, it is the volume a build would have made: stamped with the system time at load.
  if (!volume_) {
    volume_ = std::make_unique<volume::Volume>(std::vector<std::u16string>{u"C:\\Temp", u"C:\\Temp2"});
    volume_->set_time(profile_.boot_system_time + static_cast<std::int64_t>(config_.load_time));
  }
  return *volume_;
}

// --- the System process --------------------------------------------------------------------------

void Machine::build_system_process() {
  system_ = &model_.create_process(memory_.allocate_object_page(0xa40), 4, "System", 8);  // EPROCESS
  system_->CreateTime = profile_.boot_system_time + profile_.system_process_create_offset;
  process_addresses_.reserve(profile_.processes.size());
  for (std::size_t i = 0; i < profile_.processes.size(); ++i) {
    process_addresses_.push_back(memory_.allocate_object_page(0xa40));  // EPROCESS
  }
  work_queue_ = &model_.KeInitializeEvent(memory_.allocate_pool(0x18), km::EVENT_TYPE::SynchronizationEvent, false);
  for (const BackgroundThreads& group : profile_.system_threads) {
    if (!group.built) {
      system_->ThreadSeed += group.count;
      continue;
    }
    // Each kind of background wait parks on an object of its own that nothing in a run signals.
    km::KEVENT& object = model_.KeInitializeEvent(memory_.allocate_pool(0x18), km::EVENT_TYPE::NotificationEvent, false);
    for (std::uint32_t i = 0; i < group.count; ++i) {
      const bool worker = group.reason == km::KWAIT_REASON::WrQueue;
      SimThread& thread = add_thread(*system_, worker ? ThreadOrigin::Worker : ThreadOrigin::SystemThread, 0);
      if (worker) thread.kthread->Priority = thread.kthread->BasePriority = WorkerPriority;
      thread.path = worker ? KernelPath::WorkerQueue : KernelPath::WaitForSingleObject;
      // One worker serves the driver's load and work items on a fiber; the rest never run.
      const bool serves_driver = worker && !loader_worker_;
      model_.park_thread(*thread.kthread, serves_driver ? work_queue_->Header : object.Header, group.reason, 0);
      if (serves_driver) loader_worker_ = &thread;
    }
  }
}

SimThread& Machine::add_thread(km::KPROCESS& process, ThreadOrigin origin, std::uint64_t start_address) {
  auto thread = std::make_unique<SimThread>();
  const std::uint64_t address = memory_.allocate_object_page(km::KTHREAD::Size + 0x420);  // ETHREAD
  thread->kthread = &model_.create_thread(address, process, next_tid_, start_address);
  next_tid_ += 4;
  thread->origin = origin;
  thread->kernel_stack_top = memory_.allocate_kernel_stack();
  const std::size_t index = thread->kthread->CreationIndex;
  if (by_index_.size() <= index) by_index_.resize(index + 1, nullptr);
  by_index_[index] = thread.get();
  threads_.push_back(std::move(thread));
  return *threads_.back();
}

SimThread& Machine::sim_thread(const km::KTHREAD& thread) { return *by_index_[thread.CreationIndex]; }

km::KEVENT& Machine::io_event(SimThread& thread) {
  // The event a synchronous I/O waits on (the file object's, in NT); one per thread suffices.
  if (!thread.io_event) {
    thread.io_event = &model_.KeInitializeEvent(memory_.allocate_pool(0x18), km::EVENT_TYPE::SynchronizationEvent, false);
  }
  return *thread.io_event;
}

// --- driver loading ------------------------------------------------------------------------------

void Machine::load_driver(DriverImage& image, std::function<std::int32_t()> driver_entry) {
  driver_ = &image;
  driver_entry_ = std::move(driver_entry);
  memory_.map(image.host_base(), image.host_size(), profile_.driver_base);
  SimThread& worker = *loader_worker_;
  worker.fiber.emplace(stacks_, [this, &worker] { worker_loop(worker); });
  // The worker was parked waiting for work; the load request wakes it as a queued work item would.
  model_.KeSetEvent(*work_queue_, 0);
}

std::uint64_t Machine::driver_address(const void* host) const {
  return driver_ && driver_->contains(host) ? profile_.driver_base + driver_->offset_of(host) : 0;
}

void Machine::bind_stack(SimThread& thread, const void* host_base_sp, std::uint64_t sim_top) {
  // The fiber's stack stands for the thread's kernel stack below the nt frames that started it,
  // so driver locals and frames get simulated addresses in the thread's own stack.
  thread.host_base_sp = host_base_sp;
  const char* base = thread.fiber->stack().base;
  const auto used = static_cast<std::uint64_t>(static_cast<const char*>(host_base_sp) - base);
  memory_.map(base, used, sim_top - used);
}

void Machine::worker_loop(SimThread& self) {
  // Woken for the load: run it, then serve work items until the run ends, as ExpWorkerThread does.
  self.path = KernelPath::None;  // it left the wait it was parked in at boot
  self.in_driver_load = true;
  bind_stack(self, __builtin_frame_address(0), driver_stack_boundary(self));
  charge(cost::DriverLoad);
  const std::int32_t status = driver_entry_();
  if (status < 0) debug_print("ksim: DriverEntry failed with status " + std::to_string(status));
  self.in_driver_load = false;
  driver_entry_done_ = true;
  for (;;) {
    while (!work_items_.empty()) {
      const WorkItem item = work_items_.front();
      work_items_.pop_front();
      run_work_item(self, item);
    }
    sync_time();
    const km::CallResult r = model_.KeWaitForSingleObject(current_cpu_, work_queue_->Header, km::KWAIT_REASON::WrQueue,
                                                          km::KPROCESSOR_MODE::KernelMode, false, nullptr);
    (void)finish(r, KernelPath::WorkerQueue, cost::DispatcherCall, HostFrame{});
  }
}

void Machine::queue_work(const WorkItem& item) {
  work_items_.push_back(item);
  live_work_items_ += 1;
  sync_time();
  model_.KeSetEvent(*work_queue_, 0);
}

void Machine::run_work_item(SimThread& self, const WorkItem& item) {
  // The worker's stack now holds ExpWorkerThread calling the routine: rebind the driver's part.
  self.in_work_item = true;
  memory_.unmap(self.fiber->stack().base);
  bind_stack(self, self.host_base_sp, driver_stack_boundary(self));
  charge(cost::ThreadStart);
  item.run(item.first, item.second);
  km::KTHREAD& thread = *self.kthread;
  const std::uint64_t routine = driver_address(item.routine);
  // What ExpWorkerThread checks when a routine returns (nt-dispatcher.md §4).
  constexpr std::uint32_t WORKER_THREAD_RETURNED_AT_BAD_IRQL = 0xE1;
  if (thread.Irql != km::PASSIVE_LEVEL) bugcheck(WORKER_THREAD_RETURNED_AT_BAD_IRQL, {routine, thread.Irql, item.item, 0});
  if (!km::IsListEmpty(thread.MutantListHead)) bugcheck(km::SYSTEM_EXIT_OWNED_MUTEX, {routine, item.parameter, item.item, 0});
  if (thread.CombinedApcDisable() != 0) bugcheck(km::APC_INDEX_MISMATCH, {routine, 0, thread.CombinedApcDisable(), 1});
  self.in_work_item = false;
  memory_.unmap(self.fiber->stack().base);
  bind_stack(self, self.host_base_sp, driver_stack_boundary(self));
  live_work_items_ -= 1;
}

std::uint64_t Machine::create_system_thread(void (*start)(void*), void* context, const HostFrame& caller) {
  charge(cost::ThreadCreate, &caller);
  SimThread& thread = add_thread(*system_, ThreadOrigin::SystemThread, 0);
  thread.kthread->StartAddress = driver_address(reinterpret_cast<const void*>(start));
  live_driver_threads_ += 1;
  SimThread* self = &thread;
  thread.start = start;
  thread.start_context = context;
  thread.fiber.emplace(stacks_, [this, self] {
    bind_stack(*self, __builtin_frame_address(0), driver_stack_boundary(*self));
    charge(cost::ThreadStartSpread[choices_.pick(km::ChoiceKind::ThreadStart, cost::ThreadStartSpread.size())]);
    self->start(self->start_context);
    exit_thread();
  });
  sync_time();  // readied now, at the creator's time, not at the model's last
  model_.ready_new_thread(*thread.kthread);
  return thread.kthread->Header.Self;
}

// --- DPCs ----------------------------------------------------------------------------------------

SimThread* Machine::dpc_context_when_due(std::uint32_t cpu) {
  const km::KPRCB& prcb = model_.Prcb(cpu);
  // The DPC interrupt waits for the running thread to come below DISPATCH_LEVEL.
  if (!prcb.DpcRoutineActive && prcb.CurrentThread->Irql >= km::DISPATCH_LEVEL) return nullptr;
  std::unique_ptr<SimThread>& context = dpc_contexts_[cpu];
  if (!context) {
    // The processor's DPC stack: a fiber of its own, so that a DPC can run between any two
    // kernel calls of the thread it interrupts.
    context = std::make_unique<SimThread>();
    context->kernel_stack_top = memory_.allocate_kernel_stack();
    context->fiber.emplace(stacks_, [this, cpu] { retire_dpcs(cpu); });
  }
  context->kthread = &model_.current(cpu);  // KeGetCurrentThread in a DPC: the interrupted thread
  return context.get();
}

void Machine::retire_dpcs(std::uint32_t cpu) {
  SimThread& self = *dpc_contexts_[cpu];
  bind_stack(self, __builtin_frame_address(0), self.kernel_stack_top);
  for (;;) {
    // KiRetireDpcList: each routine runs at DISPATCH_LEVEL, and the processor runs no thread
    // until the queue is empty.
    while (const km::KDPC* dpc = model_.begin_dpc(cpu)) {
      km::KTHREAD& interrupted = *self.kthread;
      const km::KIRQL irql = std::exchange(interrupted.Irql, km::DISPATCH_LEVEL);
      charge(cost::DpcDispatch);
      const HostDpc& host = *host_dpcs_.find(dpc->Self);
      host.run(host.dpc, dpc->SystemArgument1, dpc->SystemArgument2);
      interrupted.Irql = irql;
      model_.end_dpc(cpu);
    }
    leave({});
  }
}

void Machine::interrupt_point() {
  if (SimThread* dpc = dpc_context_due(current_cpu_); dpc && dpc != current_) leave({});
}

void Machine::exit_thread() {
  SimThread& self = *current_;
  live_driver_threads_ -= 1;
  self.path = KernelPath::Terminated;
  sync_time();
  (void)model_.terminate_thread(current_cpu_);  // blocks for good, or bugchecks
  park_forever({});
}

// --- the kernel-call doors -----------------------------------------------------------------------

void Machine::charge(std::uint64_t cost, const HostFrame* caller) {
  clock_[current_cpu_] += cost;
  model_.offer_preemption(current_cpu_);
  // The engine steps on, so that clock ticks and other processors' work that fall in this time
  // happen while this thread is still the one running here — unless it would only resume this
  // same thread at once (the common case, and no step ends).
  if (!engine_would_resume_current()) step_on(caller);
}

// A convoy: each release hands the object to its first waiter, and the next release to the next.
// With thousands of threads each waiter's lines are cold when it runs, and each names the next
// (wait block -> KTHREAD -> SimThread -> stack), so fetching them all at once waits for each in
// turn. Instead every release moves the next four waiters one stage on: the fourth's wait block,
// the third's KTHREAD, the second's SimThread, the first's stack, each found through lines the
// stage before fetched a release earlier. Every waiter on a mutant has run to call its wait, so
// each has a fiber (the threads parked at boot wait on events): the first's stack is found without
// reading the third line of its SimThread, which says whether it has one.
void Machine::prefetch_next_waiter(const km::KMUTANT& mutant) const {
  const km::LIST_ENTRY* head = &mutant.Header.WaitListHead;
  const km::LIST_ENTRY* waiter[4] = {};
  const km::LIST_ENTRY* e = head->Flink;
  for (int i = 0; i < 4 && e != head; ++i, e = e->Flink) waiter[i] = e;
  auto thread_of = [](const km::LIST_ENTRY* entry) -> const km::KTHREAD& { return *km::wait_block_of(entry).Thread; };
  if (waiter[3]) __builtin_prefetch(waiter[3]);
  if (waiter[2]) {
    const auto* kthread = reinterpret_cast<const char*>(&thread_of(waiter[2]));
    for (int line = 0; line < 6; ++line) __builtin_prefetch(kthread + line * 64);
  }
  if (waiter[1]) {
    const SimThread* sim = by_index_[thread_of(waiter[1]).CreationIndex];
    __builtin_prefetch(sim);  // the two lines a switch reads (sim_thread.h)
    __builtin_prefetch(reinterpret_cast<const char*>(sim) + 64);
  }
  if (waiter[0]) {
    const SimThread* sim = by_index_[thread_of(waiter[0]).CreationIndex];
    const auto* context = sim ? static_cast<const char*>(sim->fiber->saved_context()) : nullptr;
    if (!context) return;
    for (int line = 0; line < 7; ++line) __builtin_prefetch(context + line * 64);  // the frames it returns through
  }
}

void Machine::step_on(const HostFrame* caller) {
  // Preempted, or interrupted by a DPC, inside this call: its stack now shows this call.
  leave(caller ? *caller : HostFrame{});
}

bool Machine::engine_would_resume_current() {
  const std::uint64_t now = clock_[current_cpu_];
  const km::KPRCB& prcb = model_.Prcb(current_cpu_);
  // A call that switched (a yield) left another thread running here; a pending switch needs the engine.
  if (prcb.CurrentThread != current_->kthread || prcb.NextThread || now >= model_.next_tick_time()) return false;
  if (SimThread* dpc = dpc_context_due(current_cpu_); dpc && dpc != current_) return false;
  if (!events_.empty() && events_.top().time <= now) return false;
  refresh_idle_clocks();
  for (std::uint64_t others = busy_ & ~(1ull << current_cpu_); others; others &= others - 1) {
    if (clock_[static_cast<std::uint32_t>(std::countr_zero(others))] <= now) return false;
  }
  return true;
}

void Machine::yield_to_engine() {
  current_->fiber->yield();
}

void Machine::leave(const HostFrame& call) {
  // The engine's loop runs right here on this thread's stack, up to the next thread to run: this
  // one again, another one (a direct switch to its fiber), or a stop (back to the engine).
  SimThread& self = *current_;
  self.switched_in_call = call;
  end_step();
  const Next next = advance();
  if (next.stop) {
    fiber_stop_ = next.stop;
    yield_to_engine();
    return;
  }
  current_cpu_ = next.cpu;
  current_ = next.thread;
  if (next.thread != &self) self.fiber->switch_to(*next.thread->fiber);
}

void Machine::park_forever(const HostFrame& call) {
  // Nothing resumes a thread after it exits or the machine stops.
  for (;;) leave(call);
}

km::NTSTATUS Machine::finish(km::CallResult result, KernelPath path, std::uint64_t cost, const HostFrame& caller) {
  calls_ += 1;
  switch (result.Kind) {
    case km::Outcome::Continue:
      charge(cost, &caller);
      return result.Status;
    case km::Outcome::Blocked: {
      SimThread& self = *current_;
      self.path = path;
      clock_[current_cpu_] += cost;
      leave(caller);
      self.path = KernelPath::None;
      return model_.wait_status(*self.kthread);
    }
    case km::Outcome::Raised:
      // Driver C code has no exception handlers: a raised status is unhandled in a system thread.
      model_.raise_bugcheck(current_cpu_, km::SYSTEM_THREAD_EXCEPTION_NOT_HANDLED,
                            {static_cast<std::uint32_t>(result.Status), 0, 0, 0});
      break;
    case km::Outcome::Bugcheck:
      break;
  }
  park_forever(caller);
}

void Machine::observe_call(const HostFrame& caller) {
  pending_call_ = &caller;
  const bool pause = observer_->before_call(*this, caller.routine);
  pending_call_ = nullptr;
  if (!pause) return;
  // Paused in the call, the thread's stack shows its call site.
  current_->switched_in_call = caller;
  pause_requested_ = true;
  resume_current_ = true;
  yield_to_engine();
}

void Machine::after_file_operation(const FileOperation& operation) {
  if (observer_) observer_->after_file_operation(*this, operation);
}

void Machine::crash_now() {
  // NotMyFault /crash: myfault.sys touches freed paged pool at DISPATCH_LEVEL on the crash
  // processor: DRIVER_IRQL_NOT_LESS_OR_EQUAL (address, IRQL 2, read, faulting IP).
  crashed_ = true;
  model_.raise_bugcheck(config_.crash_cpu, km::DRIVER_IRQL_NOT_LESS_OR_EQUAL,
                        {0xffff8001acdc6010, 2, 0, profile_.myfault_base + 0x12d0});
}

void Machine::wait_for_disk(int count, std::string_view routine, const HostFrame& caller) {
  SimThread& self = *current_;
  km::KEVENT& event = io_event(self);
  // A real disk's round trips vary; exploration may pick another from the cost model's spread.
  constexpr auto& spread = cost::DiskWaitSpreadPercent;
  for (int i = 0; i < count; ++i) {
    const std::uint64_t percent = spread[choices_.pick(km::ChoiceKind::IoCompletion, spread.size())];
    schedule(now() + cost::DiskWait * percent / 100, self.kthread);
    self.io_routine = routine;
    sync_time();
    const km::CallResult r = model_.KeWaitForSingleObject(current_cpu_, event.Header, km::KWAIT_REASON::Executive,
                                                          km::KPROCESSOR_MODE::KernelMode, false, nullptr);
    (void)finish(r, KernelPath::IoWait, 0, caller);
  }
}

void Machine::bugcheck(std::uint32_t code, std::array<std::uint64_t, 4> args) {
  model_.raise_bugcheck(current_cpu_, code, args);
  park_forever({});
}

void* Machine::allocate_pool(std::uint64_t size) {
  const std::uint64_t bytes = size == 0 ? 1 : size;
  // Zeroed, so a run never depends on what the host's allocator left behind.
  auto block = std::make_unique<char[]>(bytes);
  void* host = block.get();
  memory_.map(host, bytes, memory_.allocate_pool(size));
  pool_.emplace(host, std::move(block));
  return host;
}

void Machine::free_pool(void* block) {
  memory_.unmap(block);
  pool_.erase(block);
}

void Machine::host_fault(int signal, const void* ip, const void* address) {
  // No logging here: this runs in a signal handler.
  constexpr std::uint32_t STATUS_ACCESS_VIOLATION = 0xC0000005;
  constexpr std::uint32_t STATUS_INTEGER_DIVIDE_BY_ZERO = 0xC0000094;
  constexpr std::uint32_t STATUS_ILLEGAL_INSTRUCTION = 0xC000001D;
  const std::uint32_t status = signal == SIGFPE   ? STATUS_INTEGER_DIVIDE_BY_ZERO
                               : signal == SIGILL ? STATUS_ILLEGAL_INSTRUCTION
                                                  : STATUS_ACCESS_VIOLATION;
  const bool in_driver = driver_ && driver_->contains(ip);
  const std::uint64_t sim_ip = driver_address(ip);
  const Stack& stack = current_->fiber->stack();
  const bool overflow = address < stack.base && static_cast<const char*>(address) >= stack.base - 4096;
  stop_detail_ = overflow ? "the thread overflowed its kernel stack"
                          : std::string(in_driver ? "driver code" : "a kernel call") + " raised an exception on the thread";
  // Running off the kernel stack is a double fault (UNEXPECTED_KERNEL_MODE_TRAP, EXCEPTION_DOUBLE_FAULT);
  // anything else is an exception no driver handler catches, in a system thread. The faulting
  // address, like the exception record, is host memory and not shown.
  constexpr std::uint32_t UNEXPECTED_KERNEL_MODE_TRAP = 0x7F;
  if (overflow) model_.raise_bugcheck(current_cpu_, UNEXPECTED_KERNEL_MODE_TRAP, {8, 0, 0, 0});
  else model_.raise_bugcheck(current_cpu_, km::SYSTEM_THREAD_EXCEPTION_NOT_HANDLED, {status, sim_ip, 0, 0});
  park_forever({});
}

void Machine::watchdog_tick() {  // a signal handler too
  constexpr int kStuckSeconds = 5;
  const std::uint64_t clock = clock_[current_cpu_];
  if (watched_ != current_ || watched_clock_ != clock) {
    watched_ = current_;
    watched_clock_ = clock;
    watched_ticks_ = 0;
    return;
  }
  if (++watched_ticks_ < kStuckSeconds) return;
  hung_ = true;
  stop_detail_ = "a thread ran driver code for " + std::to_string(kStuckSeconds) +
                 " s of host CPU without a kernel call (an endless loop?)";
  park_forever({});
}

void Machine::debug_print(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  debug_output_.push_back({model_.InterruptTime(), std::move(text)});
}

// --- the run loop --------------------------------------------------------------------------------

void Machine::schedule(std::uint64_t time, km::KTHREAD* io_waiter) {
  events_.push(Event{time, ++event_sequence_, io_waiter});
}

void Machine::refresh_idle_clocks() {
  // A processor that was idle starts on its new work at the time the work appeared. (An idle
  // processor's clock is read only then, so it is brought forward only then.)
  const std::uint64_t busy = (~model_.idle_summary() | model_.dpc_summary()) & all_cpus_;
  for (std::uint64_t woke = busy & ~busy_; woke; woke &= woke - 1) {
    std::uint64_t& clock = clock_[static_cast<std::uint32_t>(std::countr_zero(woke))];
    clock = std::max(clock, model_.InterruptTime());
  }
  busy_ = busy;
}

std::optional<std::uint32_t> Machine::earliest_busy_cpu() {
  if (busy_ == 0) return std::nullopt;
  if ((busy_ & (busy_ - 1)) == 0) return static_cast<std::uint32_t>(std::countr_zero(busy_));  // one: no tie
  std::uint64_t earliest = 0;  // the busy processors whose clocks are the lowest
  std::uint64_t best = Never;
  for (std::uint64_t busy = busy_; busy; busy &= busy - 1) {
    const auto cpu = static_cast<std::uint32_t>(std::countr_zero(busy));
    if (clock_[cpu] < best) {
      best = clock_[cpu];
      earliest = 0;
    }
    if (clock_[cpu] == best) earliest |= 1ull << cpu;
  }
  if (earliest == 0) return std::nullopt;
  const auto count = km::processors_in(earliest);
  return km::nth_processor(earliest, count == 1 ? 0 : choices_.pick(km::ChoiceKind::NextRunnable, count));
}

void Machine::resume(std::uint32_t cpu) {
  current_cpu_ = cpu;
  active_ = this;
  current_->fiber->resume();
  active_ = nullptr;
  if (!resume_current_) current_ = nullptr;
}

void Machine::end_step() {
  if (observer_ && !pause_requested_ && observer_->after_step(*this)) pause_requested_ = true;
}

void Machine::process_event() {
  const Event event = events_.top();
  events_.pop();
  model_.advance_to(event.time);
  if (event.io_waiter) {
    model_.KeSetEvent(io_event(sim_thread(*event.io_waiter)), IoDiskIncrement);
    return;
  }
  crash_now();
}

std::uint64_t Machine::next_idle_tick() const {
  const std::uint64_t inc = model_.TimeIncrement();
  std::uint64_t target = Never;
  if (auto due = model_.next_timer_due()) target = (*due + inc - 1) / inc;
  if (!events_.empty()) target = std::min(target, events_.top().time / inc);
  return target;
}

void Machine::advance_idle_time() {
  // Nothing runs: jump to the tick before the next timer expiry or event, then take that tick.
  const std::uint64_t target = next_idle_tick();
  const std::uint64_t tick = model_.TickCount();
  if (target != Never && target > tick + 1) model_.skip_idle_ticks(target - tick - 1);
}

bool Machine::reached_pause_time() {
  // When the engine's next step would happen: read without asking the choice point, since a
  // pause must take no decision.
  std::uint64_t next = events_.empty() ? Never : events_.top().time;
  const bool idle = busy_ == 0;
  for (std::uint64_t busy = busy_; busy; busy &= busy - 1) next = std::min(next, clock_[static_cast<std::uint32_t>(std::countr_zero(busy))]);
  const std::uint64_t inc = model_.TimeIncrement();
  if (!idle) {
    next = std::min(next, model_.next_tick_time());
  } else if (const std::uint64_t tick = next_idle_tick(); tick != Never) {
    next = std::min(next, std::max(tick, model_.TickCount() + 1) * inc);
  }
  // A machine with nothing left to happen completes or deadlocks instead.
  if (next == Never || *pause_time_ >= next) return false;
  // Idle processors let whole ticks pass at once, as advance_idle_time would (the rest of its
  // jump comes after the pause).
  const std::uint64_t pause_tick = *pause_time_ / inc;
  if (idle && pause_tick > model_.TickCount()) model_.skip_idle_ticks(pause_tick - model_.TickCount());
  model_.advance_to(*pause_time_);
  pause_time_.reset();
  return true;
}

std::optional<StopReason> Machine::check_finished() {
  if (model_.bugcheck()) return crashed_ ? StopReason::Crash : StopReason::Bugcheck;
  if (hung_ || model_.InterruptTime() > config_.load_time + config_.time_budget || calls_ > config_.call_budget)
    return StopReason::Budget;
  return std::nullopt;
}

// Flattened: its helpers are small, and their calls' register saves were a third of a step.
[[gnu::flatten]] Machine::Next Machine::advance() {
  for (;;) {
    if (pause_requested_) {
      pause_requested_ = false;
      return {StopReason::Paused};
    }
    if (auto stop = check_finished()) return {*stop};
    if (resume_current_) {
      // Paused inside a kernel call: the same thread continues, with no decision taken anew, and
      // the step the pause cut short ends as it would have without it.
      resume_current_ = false;
      return {std::nullopt, current_cpu_, current_};
    }
    refresh_idle_clocks();
    if (pause_time_ && reached_pause_time()) return {StopReason::Paused};
    const std::optional<std::uint32_t> cpu = earliest_busy_cpu();
    const std::uint64_t t_cpu = cpu ? clock_[*cpu] : Never;
    const std::uint64_t t_tick = model_.next_tick_time();
    const std::uint64_t t_event = events_.empty() ? Never : events_.top().time;
    if (!cpu && driver_entry_done_ && live_driver_threads_ == 0 && live_work_items_ == 0) return {StopReason::Completed};
    if (t_event <= t_cpu && t_event < t_tick) {
      process_event();
    } else if (t_tick <= t_cpu) {
      if (!cpu) {
        if (t_event == Never && !model_.next_timer_due()) return {StopReason::Deadlock};
        advance_idle_time();
      }
      model_.clock_tick();
    } else {
      model_.advance_to(clock_[*cpu]);
      if (SimThread* dpc = dpc_context_due(*cpu)) return {std::nullopt, *cpu, dpc};
      km::KTHREAD& thread = model_.dispatch(*cpu);
      if (!thread.IsIdleThread) {
        if (last_ran_[*cpu] != &thread) clock_[*cpu] += cost::ContextSwitch;
        last_ran_[*cpu] = &thread;
        return {std::nullopt, *cpu, &sim_thread(thread)};
      }
    }
    end_step();
  }
}

StopReason Machine::run() {
  const FaultGuard guard;
  for (;;) {
    const Next next = advance();
    if (next.stop) return *next.stop;
    current_ = next.thread;
    resume(next.cpu);
    if (fiber_stop_) return *std::exchange(fiber_stop_, std::nullopt);
  }
}

}  // namespace ksim
