// The engine: runs simulated threads on simulated processors in virtual time, applying each
// kernel call to the dispatcher model.
//
// Time. Each processor has its own clock (100 ns units, interrupt time). The engine always
// advances the busy processor whose clock is earliest, so kernel calls reach the model in
// virtual-time order (a conservative, sequential discrete-event simulation). Driver code between
// two kernel calls takes no virtual time; the cost model charges each call. Clock ticks
// (15.625 ms), timer expiries, I/O completions and the crash request are events between calls.
//
// Two doors into the kernel (the DDI bridge uses them): a call that completes returns its status
// after the calling processor is charged; a call that blocks returns only when the model has
// made its thread Running again on some processor.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include "address_space.h"
#include "handle_table.h"
#include "kernel_model/dispatcher.h"
#include "machine_observer.h"
#include "machine_profile.h"
#include "object_cache.h"
#include "sim_thread.h"
#include "stack_pool.h"

namespace ksim::volume {
class Volume;
}

namespace ksim {

class DriverImage;

enum class StopReason : std::uint8_t {
  Crash,      // the requested NotMyFault-style crash
  Bugcheck,   // the driver caused one
  Completed,  // every driver thread finished
  Deadlock,   // driver threads wait and nothing can ever wake them
  Budget,     // the virtual-time or call budget ran out
  Paused,     // an observer asked to pause; run() again continues
};
// "every driver thread finished", ...: a stop in a line's words.
std::string_view describe(StopReason reason);

struct MachineConfig {
  std::uint32_t processors = 6;
  std::uint64_t load_time = 0;                 // interrupt time when the driver is loaded
  std::optional<std::uint64_t> crash_after;    // after load_time
  std::uint32_t crash_cpu = 0;
  std::uint64_t time_budget = 864000000000;    // 24 h of virtual time after load
  std::uint64_t call_budget = 500000000;       // kernel calls
};

struct DebugLine {
  std::uint64_t time;  // interrupt time
  std::string text;
};

class Machine {
 public:
  // The profile, like the driver image, belongs to the caller and outlives the machine (an
  // explorer builds thousands of machines from one).
  Machine(const MachineProfile& profile, MachineConfig config, km::ChoicePoint& choices);
  ~Machine();
  Machine(const Machine&) = delete;
  Machine& operator=(const Machine&) = delete;

  // Queues the driver's load on a system worker thread at load time (sc.exe start); the worker
  // runs `driver_entry` (which builds the driver object and calls DriverEntry) on its fiber.
  void load_driver(DriverImage& image, std::function<std::int32_t()> driver_entry);
  // Runs until the machine stops, or until the observer pauses it.
  StopReason run();
  void set_observer(MachineObserver* observer) { observer_ = observer; }
  // The debugger's `g <duration>`: run() pauses once nothing is left to happen before this
  // interrupt time, with the clock brought to it (idle ticks pass only that far). The pause takes
  // no decision and changes nothing the run would not have reached: run() again continues it.
  // nullopt cancels a pause time not yet reached.
  void pause_at(std::optional<std::uint64_t> interrupt_time) { pause_time_ = interrupt_time; }
  // The driver's call site while the observer's before_call decides (null otherwise).
  const HostFrame* pending_call() const { return pending_call_; }
  // The simulated threads in creation order (the machine's own and the driver's).
  const std::vector<std::unique_ptr<SimThread>>& threads() const { return threads_; }
  // The requested NotMyFault crash, now (the debugger's .crash).
  void crash_now();
  km::Snapshot snapshot() const;
  const std::vector<DebugLine>& debug_output() const { return debug_output_; }
  const MachineProfile& profile() const { return profile_; }
  volume::Volume& volume();  // built on first use
  std::uint64_t calls() const { return calls_; }
  std::uint32_t crash_cpu() const { return config_.crash_cpu; }
  // Whether the code running now is a DPC (on the running processor's DPC stack).
  bool in_dpc() const { return current_ && model_.Prcb(current_cpu_).DpcRoutineActive; }

  // The machine whose thread is running on this host thread (the DDIs' context), or null.
  static Machine* active() { return active_; }

  // --- for the DDI bridge ---------------------------------------------------------------------
  km::Dispatcher& model() { return model_; }
  AddressSpace& memory() { return memory_; }
  ObjectCache& object_cache() { return object_cache_; }
  // What an object_cache() entry is valid for.
  std::uint64_t object_generation() const { return memory_.generation() + model_.object_generation(); }
  HandleTable& handles() { return handles_; }
  std::uint32_t cpu() const { return current_cpu_; }
  SimThread& current() { return *current_; }
  km::KTHREAD& current_kthread() { return *current_->kthread; }
  DriverImage* driver() { return driver_; }
  // The simulated address of the driver's code or data at host address `host`; 0 outside its image.
  std::uint64_t driver_address(const void* host) const;
  std::uint64_t now() const { return clock_[current_cpu_]; }
  // Charges the running processor, then lets the engine catch up to its new time. A call that
  // names its driver call site has the thread's frames taken from there if it is switched out.
  void charge(std::uint64_t cost, const HostFrame* caller = nullptr);
  // Brings the model's clock to the running processor's before a call is applied.
  void sync_time() { model_.advance_to(clock_[current_cpu_]); }
  // A KMUTEX release has just handed `mutant` to its first waiter: fetches, a stage a release,
  // the lines its next waiters will need when they run (see machine.cpp).
  void prefetch_next_waiter(const km::KMUTANT& mutant) const;
  // A kernel call is about to be applied: the observer may pause the run here.
  void before_call(const HostFrame& caller) {
    current_->routine = caller.routine;
    if (observer_ && caller.routine) observe_call(caller);
  }
  void after_file_operation(const FileOperation& operation);
  // Completes a model call made by the running thread (see the header comment).
  km::NTSTATUS finish(km::CallResult result, KernelPath path, std::uint64_t cost, const HostFrame& caller);
  // Waits for `count` disk round trips of the running thread's synchronous I/O. (A view, not a
  // string: nothing on the host heap may live across the wait, see kernel_calls.cpp.)
  void wait_for_disk(int count, std::string_view routine, const HostFrame& caller);
  // A work item for the system worker thread (ExQueueWorkItem, IoQueueWorkItem): `run` is called
  // with `first` and `second`; routine, parameter and item are what bugchecks name.
  struct WorkItem {
    void (*run)(void* first, void* second);
    void* first;
    void* second;
    const void* routine;
    std::uint64_t parameter;
    std::uint64_t item;
  };
  void queue_work(const WorkItem& item);
  // KeInitializeDpc: `run` runs the driver's KDPC at `dpc` whenever the model retires it.
  void register_dpc(std::uint64_t address, void* dpc, DpcRunner runner) { host_dpcs_.assign(address, {dpc, runner}); }
  // A kernel call may have let a DPC interrupt or a thread switch fall due here: the engine
  // takes it now, unless this very thread would simply go on (KeLowerIrql, KeInsertQueueDpc).
  void interrupt_point();
  // PsCreateSystemThread: returns the new thread's address.
  std::uint64_t create_system_thread(void (*start)(void*), void* context, const HostFrame& caller);
  // The running thread ends (its start routine returned or it called PsTerminateSystemThread).
  [[noreturn]] void exit_thread();
  // Stops the machine with a bugcheck raised by the running thread, and never returns to it.
  [[noreturn]] void bugcheck(std::uint32_t code, std::array<std::uint64_t, 4> args);
  void debug_print(std::string text);
  // --- for the fault guard (signal context) ---
  bool in_simulated_thread() const { return current_ != nullptr; }
  // A host fault in the running simulated thread: the bugcheck Windows would raise. No return.
  [[noreturn]] void host_fault(int signal, const void* ip, const void* address);
  // Called about once a second of host CPU: ends the run if the same thread made no kernel call
  // since the last few ticks (driver code spinning without ever entering the kernel).
  void watchdog_tick();
  const std::string& stop_detail() const { return stop_detail_; }
  // Nonpaged pool: zeroed host memory with a simulated address, owned by the machine so that a
  // driver's leaks end with the run.
  void* allocate_pool(std::uint64_t size);
  void free_pool(void* block);

 private:
  // initial-exec: this is read on every kernel call, and the general TLS model costs a call.
  static thread_local Machine* active_ __attribute__((tls_model("initial-exec")));

  struct Event {
    std::uint64_t time;
    std::uint64_t sequence;
    km::KTHREAD* io_waiter;  // null: the crash request
    bool operator>(const Event& o) const { return std::tie(time, sequence) > std::tie(o.time, o.sequence); }
  };

  void build_system_process();
  SimThread& add_thread(km::KPROCESS& process, ThreadOrigin origin, std::uint64_t start_address);
  SimThread& sim_thread(const km::KTHREAD& thread);
  km::KEVENT& io_event(SimThread& thread);
  void worker_loop(SimThread& self);
  // Maps the fiber's stack above host_base_sp so that it ends at sim_top.
  void bind_stack(SimThread& thread, const void* host_base_sp, std::uint64_t sim_top);
  // The context that retires processor cpu's DPCs, when they are due before its thread runs.
  SimThread* dpc_context_due(std::uint32_t cpu) {
    return ((model_.dpc_summary() >> cpu) & 1) ? dpc_context_when_due(cpu) : nullptr;
  }
  SimThread* dpc_context_when_due(std::uint32_t cpu);
  [[noreturn]] void retire_dpcs(std::uint32_t cpu);
  void run_work_item(SimThread& self, const WorkItem& item);
  void observe_call(const HostFrame& caller);
  // The running thread's step is over (it blocked, or others must run first): the engine goes on
  // from here; returns when this thread runs again. `call` is the driver call it is switched out
  // in (null ip: none), what its stack shows meanwhile.
  void leave(const HostFrame& call);
  // charge's rare path, out of line so that the common one inlines: the engine takes a step.
  [[gnu::noinline]] void step_on(const HostFrame* caller);
  [[noreturn]] void park_forever(const HostFrame& call);
  void yield_to_engine();
  bool engine_would_resume_current();
  // What the engine does next: run a thread (on a processor), or stop. Takes every step in between
  // (events, clock ticks), on whichever stack calls it.
  struct Next {
    std::optional<StopReason> stop;
    std::uint32_t cpu = 0;
    SimThread* thread = nullptr;
  };
  Next advance();
  // A step ended: the observer may ask for a pause.
  void end_step();
  void schedule(std::uint64_t time, km::KTHREAD* io_waiter);
  std::optional<std::uint32_t> earliest_busy_cpu();
  void refresh_idle_clocks();
  void resume(std::uint32_t cpu);
  void process_event();
  // The tick holding the next timer expiry or event (Never: none), what idle time runs to.
  std::uint64_t next_idle_tick() const;
  void advance_idle_time();
  // Whether the requested pause time comes before the engine's next step; if so, the clock is there.
  bool reached_pause_time();
  std::optional<StopReason> check_finished();

  const MachineProfile& profile_;
  MachineConfig config_;
  km::ChoicePoint& choices_;
  km::Dispatcher model_;
  AddressSpace memory_;
  ObjectCache object_cache_;
  HandleTable handles_;
  std::function<std::int32_t()> driver_entry_;
  StackPool stacks_;
  std::unique_ptr<volume::Volume> volume_;
  std::vector<std::unique_ptr<SimThread>> threads_;  // creation order
  std::vector<SimThread*> by_index_;  // by KTHREAD::CreationIndex; null for idle threads
  std::vector<std::unique_ptr<SimThread>> dpc_contexts_;  // by processor, made when first needed
  struct HostDpc {
    void* dpc;
    DpcRunner run;
  };
  km::AddressMap<HostDpc> host_dpcs_;
  std::vector<std::uint64_t> process_addresses_;  // the profile's other processes
  km::KPROCESS* system_ = nullptr;
  SimThread* loader_worker_ = nullptr;
  km::KEVENT* work_queue_ = nullptr;
  DriverImage* driver_ = nullptr;
  std::vector<std::uint64_t> clock_;
  std::uint64_t all_cpus_ = 0;
  std::uint64_t busy_ = 0;  // bit n: processor n had work when the engine last looked
  std::vector<const km::KTHREAD*> last_ran_;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events_;
  std::uint64_t event_sequence_ = 0;
  std::uint32_t current_cpu_ = 0;
  SimThread* current_ = nullptr;
  std::uint64_t next_tid_ = 0x8;
  std::uint32_t live_driver_threads_ = 0;
  bool driver_entry_done_ = false;
  std::deque<WorkItem> work_items_;
  std::uint32_t live_work_items_ = 0;  // queued or running
  bool crashed_ = false;
  std::uint64_t calls_ = 0;
  std::vector<DebugLine> debug_output_;
  std::map<void*, std::unique_ptr<char[]>> pool_;
  MachineObserver* observer_ = nullptr;
  bool pause_requested_ = false;
  std::optional<std::uint64_t> pause_time_;
  const HostFrame* pending_call_ = nullptr;
  bool resume_current_ = false;  // after a pause inside a thread: resume it before anything else
  std::optional<StopReason> fiber_stop_;  // a stop the engine's loop reached on a thread's stack
  std::string stop_detail_;          // one line on why an abnormal stop happened
  bool hung_ = false;
  const SimThread* watched_ = nullptr;
  std::uint64_t watched_clock_ = 0;
  int watched_ticks_ = 0;
};

}  // namespace ksim
