#include "kernel_calls.h"

#include <algorithm>
#include <cstdlib>

#include "cost_model.h"
#include "machine.h"
#include "volume/volume.h"

namespace ksim::kcall {

namespace {

constexpr std::uint64_t KernelSpaceStart = 0xffff800000000000;
constexpr std::uint32_t PAGE_FAULT_IN_NONPAGED_AREA = 0x50;
constexpr std::uint32_t INVALID_KERNEL_HANDLE = 0x93;
constexpr Status STATUS_INVALID_HANDLE = static_cast<Status>(0xC0000008u);
constexpr Status STATUS_OBJECT_TYPE_MISMATCH = static_cast<Status>(0xC0000024u);
constexpr Status STATUS_SUCCESS = 0;

Machine& machine() {
  Machine* m = Machine::active();
  if (!m) {
    // A DDI reached outside a simulated thread: a ksim bug, not a driver's.
    std::fputs("ksim: internal error: kernel call outside a simulated thread\n", stderr);
    std::abort();
  }
  return *m;
}

km::Dispatcher& model() { return machine().model(); }
std::uint32_t cpu() { return machine().cpu(); }

// A driver touching memory ksim cannot place faults as it would on Windows.
[[noreturn]] void bad_address(std::uint64_t address) {
  machine().bugcheck(PAGE_FAULT_IN_NONPAGED_AREA, {address, 0, 0, 2});
}

km::DISPATCHER_HEADER& object_at(void* pointer) {
  Machine& m = machine();
  const std::uint64_t generation = m.object_generation();
  if (km::DISPATCHER_HEADER* cached = m.object_cache().find(pointer, generation)) return *cached;
  const std::uint64_t address = sim_address(pointer);
  if (address == 0) bad_address(reinterpret_cast<std::uintptr_t>(pointer));
  km::DISPATCHER_HEADER* object = m.model().object_at(address);
  // Never initialised: its zeroed WaitListHead would be followed to address 8.
  if (!object) bad_address(8);
  m.object_cache().insert(pointer, generation, object);
  return *object;
}

template <typename T>
T& object_as(void* pointer, std::initializer_list<km::UCHAR> types) {
  km::DISPATCHER_HEADER& object = object_at(pointer);
  for (km::UCHAR type : types) {
    if (object.Type == type) return reinterpret_cast<T&>(object);
  }
  bad_address(object.Self);
}

km::KMUTANT& mutant_at(void* p) { return object_as<km::KMUTANT>(p, {km::MutantObject}); }
km::KEVENT& event_at(void* p) {
  return object_as<km::KEVENT>(p, {km::EventNotificationObject, km::EventSynchronizationObject});
}
km::KSEMAPHORE& semaphore_at(void* p) { return object_as<km::KSEMAPHORE>(p, {km::SemaphoreObject}); }
km::KTIMER& timer_at(void* p) {
  return object_as<km::KTIMER>(p, {km::TimerNotificationObject, km::TimerSynchronizationObject});
}

std::uint64_t placed(void* pointer) {
  const std::uint64_t address = sim_address(pointer);
  if (address == 0) bad_address(reinterpret_cast<std::uintptr_t>(pointer));
  return address;
}

// A KDPC the driver never initialised with KeInitializeDpc has no routine to call.
km::KDPC& dpc_at(void* pointer) {
  km::KDPC* dpc = model().dpc_at(placed(pointer));
  if (!dpc) bad_address(placed(pointer));
  return *dpc;
}

// Applies a dispatcher call that may block or raise, on the running thread.
km::CallResult apply(auto&& call) {
  machine().sync_time();
  return call(model(), cpu());
}

std::int32_t state_result(km::CallResult r, HostFrame caller) {
  return machine().finish(r, KernelPath::None, cost::DispatcherCall, caller);
}

km::KPROCESSOR_MODE mode_of(int mode) { return static_cast<km::KPROCESSOR_MODE>(mode); }
km::KWAIT_REASON reason_of(int reason) { return static_cast<km::KWAIT_REASON>(reason); }

std::optional<volume::FileHandleId> file_of(std::uint64_t handle) {
  const auto entry = machine().handles().lookup(handle);
  if (!entry || entry->kind != HandleEntry::Kind::File) return std::nullopt;
  return static_cast<volume::FileHandleId>(entry->object);
}

}  // namespace

// --- context ------------------------------------------------------------------------------------

void note_call_site(const char* file, int line) {
  SimThread& thread = machine().current();
  thread.call_file = file;
  thread.call_line = line;
}

std::uint64_t sim_address(const void* pointer) {
  const auto value = reinterpret_cast<std::uintptr_t>(pointer);
  if (value >= KernelSpaceStart) return value;  // an address ksim handed out (PETHREAD, ...)
  return machine().memory().to_sim(pointer).value_or(0);
}

std::uint64_t current_thread() { return machine().current_kthread().Header.Self; }
std::uint64_t current_thread_id() { return machine().current_kthread().UniqueThread; }
std::uint64_t current_process() { return machine().current_kthread().Process->Header.Self; }
std::uint32_t current_processor() { return cpu(); }
std::uint8_t current_irql() { return machine().current_kthread().Irql; }
void set_irql(std::uint8_t irql) {
  km::KTHREAD& thread = machine().current_kthread();
  const bool lowered = thread.Irql >= km::DISPATCH_LEVEL && irql < km::DISPATCH_LEVEL;
  thread.Irql = irql;
  if (lowered) machine().interrupt_point();  // a DPC queued meanwhile runs now
}
void enter_critical_region() { model().KeEnterCriticalRegion(cpu()); }
void leave_critical_region() { model().KeLeaveCriticalRegion(cpu()); }
bool apcs_disabled() {
  const km::KTHREAD& t = machine().current_kthread();
  return t.CombinedApcDisable() != 0 || t.Irql >= km::APC_LEVEL;
}
std::uint64_t interrupt_time() { return model().TickCount() * model().TimeIncrement(); }
std::uint64_t interrupt_time_precise() { return machine().now(); }
std::int64_t system_time() { return machine().profile().boot_system_time + static_cast<std::int64_t>(interrupt_time()); }
std::int64_t system_time_precise() {
  return machine().profile().boot_system_time + static_cast<std::int64_t>(interrupt_time_precise());
}
std::uint64_t tick_count() { return model().TickCount(); }
std::uint32_t time_increment() { return model().TimeIncrement(); }

std::int32_t thread_priority(std::uint64_t thread) {
  km::KTHREAD* t = model().thread_at(thread);
  if (!t) bad_address(thread);
  return t->Priority;
}

std::int32_t set_thread_priority(std::uint64_t thread, std::int32_t priority) {
  km::KTHREAD* t = model().thread_at(thread);
  if (!t) bad_address(thread);
  return model().KeSetPriorityThread(*t, priority);
}

void debug_print(std::string text) { machine().debug_print(std::move(text)); }

// --- memory ---------------------------------------------------------------------------------------

void* allocate_pool(std::uint64_t size, HostFrame caller) {
  machine().charge(cost::PoolCall, &caller);
  return machine().allocate_pool(size);
}

void free_pool(void* block, HostFrame caller) {
  machine().charge(cost::PoolCall, &caller);
  machine().free_pool(block);
}

// --- dispatcher objects ------------------------------------------------------------------------------

void initialize_mutex(void* mutex) { model().KeInitializeMutex(placed(mutex)); }
void initialize_event(void* event, int type, bool state) {
  model().KeInitializeEvent(placed(event), static_cast<km::EVENT_TYPE>(type), state);
}
void initialize_semaphore(void* semaphore, std::int32_t count, std::int32_t limit) {
  model().KeInitializeSemaphore(placed(semaphore), count, limit);
}
void initialize_timer(void* timer, int type) { model().KeInitializeTimerEx(placed(timer), static_cast<km::TIMER_TYPE>(type)); }
std::int32_t read_state(void* object) { return object_at(object).SignalState; }

Status wait_single(void* object, int reason, int mode, bool alertable, const std::int64_t* timeout, HostFrame caller) {
  machine().before_call(caller);
  km::DISPATCHER_HEADER& target = object_at(object);
  const km::CallResult r = apply([&](km::Dispatcher& d, std::uint32_t c) {
    return d.KeWaitForSingleObject(c, target, reason_of(reason), mode_of(mode), alertable, timeout);
  });
  return machine().finish(r, KernelPath::WaitForSingleObject, cost::DispatcherCall, caller);
}

Status wait_multiple(std::span<void* const> objects, int wait_type, int reason, int mode, bool alertable,
                     const std::int64_t* timeout, void* wait_block_array, HostFrame caller) {
  machine().before_call(caller);
  // No host heap across a call that may block: a machine that stops never returns to this frame.
  std::array<km::DISPATCHER_HEADER*, km::MAXIMUM_WAIT_OBJECTS + 1> targets{};
  const std::size_t count = std::min(objects.size(), targets.size());
  for (std::size_t i = 0; i < count; ++i) targets[i] = &object_at(objects[i]);
  const std::uint64_t array = wait_block_array ? placed(wait_block_array) : 0;
  const km::CallResult r = apply([&](km::Dispatcher& d, std::uint32_t c) {
    // More than 64 objects reach the model as 65, which it rejects as Windows does (0xC).
    return d.KeWaitForMultipleObjects(c, {targets.data(), count}, static_cast<km::WAIT_TYPE>(wait_type), reason_of(reason),
                                      mode_of(mode), alertable, timeout, array);
  });
  return machine().finish(r, KernelPath::WaitForMultipleObjects, cost::DispatcherCall, caller);
}

Status delay(int mode, bool alertable, std::int64_t interval, HostFrame caller) {
  machine().before_call(caller);
  const km::CallResult r = apply([&](km::Dispatcher& d, std::uint32_t c) {
    return d.KeDelayExecutionThread(c, mode_of(mode), alertable, interval);
  });
  return machine().finish(r, KernelPath::DelayExecution, cost::DispatcherCall, caller);
}

std::int32_t release_mutex(void* mutex, bool wait, HostFrame caller) {
  machine().before_call(caller);
  km::KMUTANT& target = mutant_at(mutex);
  const km::CallResult r =
      apply([&](km::Dispatcher& d, std::uint32_t c) { return d.KeReleaseMutant(c, target, 1, false, wait); });
  machine().prefetch_next_waiter(target);
  return state_result(r, caller);
}

std::int32_t set_event(void* event, std::int32_t increment, bool wait, HostFrame caller) {
  machine().before_call(caller);
  km::KEVENT& target = event_at(event);
  return state_result(apply([&](km::Dispatcher& d, std::uint32_t c) { return d.KeSetEvent(c, target, increment, wait); }),
                      caller);
}

std::int32_t reset_event(void* event) { return model().KeResetEvent(event_at(event)); }
void clear_event(void* event) { model().KeClearEvent(event_at(event)); }

std::int32_t pulse_event(void* event, std::int32_t increment, bool wait, HostFrame caller) {
  machine().before_call(caller);
  km::KEVENT& target = event_at(event);
  return state_result(apply([&](km::Dispatcher& d, std::uint32_t c) { return d.KePulseEvent(c, target, increment, wait); }),
                      caller);
}

std::int32_t release_semaphore(void* semaphore, std::int32_t increment, std::int32_t adjustment, bool wait,
                               HostFrame caller) {
  machine().before_call(caller);
  km::KSEMAPHORE& target = semaphore_at(semaphore);
  return state_result(apply([&](km::Dispatcher& d, std::uint32_t c) {
                        return d.KeReleaseSemaphore(c, target, increment, adjustment, wait);
                      }),
                      caller);
}

bool set_timer(void* timer, std::int64_t due_time, std::int32_t period_ms, void* dpc) {
  km::KTIMER& target = timer_at(timer);
  km::KDPC* const target_dpc = dpc ? &dpc_at(dpc) : nullptr;
  machine().sync_time();
  return model().KeSetTimerEx(cpu(), target, due_time, period_ms, target_dpc);
}

bool cancel_timer(void* timer) { return model().KeCancelTimer(timer_at(timer)); }

// --- DPCs --------------------------------------------------------------------------------------------

void initialize_dpc(void* dpc, const void* routine, void* context, DpcRunner run) {
  Machine& m = machine();
  const std::uint64_t address = placed(dpc);
  m.model().KeInitializeDpc(address, m.driver_address(routine), sim_address(context));
  m.register_dpc(address, dpc, run);
}

bool insert_queue_dpc(void* dpc, std::uint64_t argument1, std::uint64_t argument2, HostFrame caller) {
  machine().before_call(caller);
  km::KDPC& target = dpc_at(dpc);
  machine().sync_time();
  const bool inserted = model().KeInsertQueueDpc(cpu(), target, argument1, argument2);
  // Queued here at a low IRQL, it runs as the call returns (its DPC interrupt).
  machine().charge(cost::DispatcherCall, &caller);
  return inserted;
}

bool remove_queue_dpc(void* dpc) { return model().KeRemoveQueueDpc(dpc_at(dpc)); }

void set_importance_dpc(void* dpc, int importance) {
  model().KeSetImportanceDpc(dpc_at(dpc), static_cast<km::KDPC_IMPORTANCE>(importance));
}

// --- threads -----------------------------------------------------------------------------------------

Status create_system_thread(void (*start)(void*), void* context, std::uint64_t* handle, HostFrame caller) {
  Machine& m = machine();
  const std::uint64_t thread = m.create_system_thread(start, context, caller);
  if (handle) *handle = m.handles().insert({HandleEntry::Kind::Thread, thread});
  return STATUS_SUCCESS;
}

void terminate_thread() { machine().exit_thread(); }

void queue_work_item(void (*run)(void*, void*), void* first, void* second, const void* routine, void* parameter,
                     void* item, HostFrame caller) {
  Machine& m = machine();
  m.charge(cost::DispatcherCall, &caller);
  m.queue_work({run, first, second, routine, sim_address(parameter), sim_address(item)});
}

void bugcheck(std::uint32_t code, std::array<std::uint64_t, 4> args) { machine().bugcheck(code, args); }

Status reference_by_handle(std::uint64_t handle, std::uint64_t* object) {
  const auto entry = machine().handles().lookup(handle);
  if (!entry) return STATUS_INVALID_HANDLE;
  if (entry->kind != HandleEntry::Kind::Thread) return STATUS_OBJECT_TYPE_MISMATCH;
  *object = entry->object;
  return STATUS_SUCCESS;
}

Status close_handle(std::uint64_t handle, HostFrame caller) {
  machine().before_call(caller);
  Machine& m = machine();
  const auto entry = m.handles().lookup(handle);
  // Closing a handle that is not open, from kernel mode, is INVALID_KERNEL_HANDLE (0x93).
  if (!entry) m.bugcheck(INVALID_KERNEL_HANDLE, {handle, 1, 0, 0});
  m.handles().close(handle);
  if (entry->kind == HandleEntry::Kind::File) {
    m.sync_time();
    const Status status = m.volume().close(static_cast<volume::FileHandleId>(entry->object));
    m.after_file_operation({FileOperation::Kind::Close, {}, handle, status});
    m.charge(cost::CloseFileCpu, &caller);
    m.wait_for_disk(cost::CloseFileDiskWaits, "ZwClose", caller);
    return status;
  }
  m.charge(cost::DispatcherCall, &caller);
  return STATUS_SUCCESS;
}

// --- files ---------------------------------------------------------------------------------------------

IoResult create_file(std::u16string_view path, std::uint32_t access, std::uint32_t share, std::uint32_t disposition,
                     std::uint32_t options, std::uint32_t attributes, std::uint64_t* handle, HostFrame caller) {
  machine().before_call(caller);
  Machine& m = machine();
  m.sync_time();
  m.volume().set_time(system_time());
  const volume::CreateResult r = m.volume().create(path, access, share, disposition, options, attributes);
  const bool open_only = disposition == 1;  // FILE_OPEN
  m.charge(open_only ? cost::OpenFileCpu : cost::CreateFileCpu, &caller);
  if (r.status < 0) {
    m.after_file_operation({open_only ? FileOperation::Kind::Open : FileOperation::Kind::Create, path, 0, r.status});
    m.wait_for_disk(cost::FailedOpenDiskWaits, "ZwCreateFile", caller);
    return {r.status, r.information};
  }
  *handle = m.handles().insert({HandleEntry::Kind::File, static_cast<std::uint64_t>(r.id)});
  m.after_file_operation({open_only ? FileOperation::Kind::Open : FileOperation::Kind::Create, path, *handle, r.status});
  m.wait_for_disk(open_only ? cost::OpenFileDiskWaits : cost::CreateFileDiskWaits, open_only ? "ZwOpenFile" : "ZwCreateFile",
                  caller);
  return {r.status, r.information};
}

IoResult write_file(std::uint64_t handle, std::string_view data, const std::int64_t* offset, HostFrame caller) {
  machine().before_call(caller);
  Machine& m = machine();
  const auto file = file_of(handle);
  if (!file) return {STATUS_INVALID_HANDLE, 0};
  m.sync_time();
  m.volume().set_time(system_time());
  const auto r = m.volume().write(*file, offset ? std::optional<std::int64_t>(*offset) : std::nullopt, data);
  m.after_file_operation({FileOperation::Kind::Write, {}, handle, r.status});
  m.charge(cost::WriteFileCpu, &caller);
  (void)caller;  // a cached write does not wait for the disk
  return {r.status, r.information};
}

IoResult read_file(std::uint64_t handle, std::span<char> buffer, const std::int64_t* offset, HostFrame caller) {
  machine().before_call(caller);
  Machine& m = machine();
  const auto file = file_of(handle);
  if (!file) return {STATUS_INVALID_HANDLE, 0};
  m.sync_time();
  const auto r = m.volume().read(*file, offset ? std::optional<std::int64_t>(*offset) : std::nullopt, buffer);
  m.after_file_operation({FileOperation::Kind::Read, {}, handle, r.status});
  m.charge(cost::ReadFileCpu, &caller);
  (void)caller;  // reads of files this run wrote come from the cache
  return {r.status, r.information};
}

Status rename_file(std::uint64_t handle, std::u16string_view new_path, bool replace, HostFrame caller) {
  machine().before_call(caller);
  Machine& m = machine();
  const auto file = file_of(handle);
  if (!file) return STATUS_INVALID_HANDLE;
  m.sync_time();
  const Status status = m.volume().rename(*file, new_path, replace);
  m.after_file_operation({FileOperation::Kind::Rename, new_path, handle, status});
  m.charge(cost::SetInformationCpu, &caller);
  if (status >= 0) m.wait_for_disk(cost::RenameDiskWaits, "ZwSetInformationFile", caller);
  return status;
}

Status query_basic(std::uint64_t handle, BasicInfo* info, HostFrame caller) {
  const auto file = file_of(handle);
  if (!file) return STATUS_INVALID_HANDLE;
  machine().charge(cost::QueryInformationCpu, &caller);
  const auto r = machine().volume().query_basic(*file);
  if (r.status >= 0) {
    *info = {r.info.CreationTime, r.info.LastAccessTime, r.info.LastWriteTime, r.info.ChangeTime, r.info.FileAttributes};
  }
  return r.status;
}

Status query_standard(std::uint64_t handle, StandardInfo* info, HostFrame caller) {
  const auto file = file_of(handle);
  if (!file) return STATUS_INVALID_HANDLE;
  machine().charge(cost::QueryInformationCpu, &caller);
  const auto r = machine().volume().query_standard(*file);
  if (r.status >= 0) {
    *info = {r.info.AllocationSize, r.info.EndOfFile, r.info.NumberOfLinks, r.info.DeletePending, r.info.Directory};
  }
  return r.status;
}

Status query_position(std::uint64_t handle, std::int64_t* position) {
  const auto file = file_of(handle);
  if (!file) return STATUS_INVALID_HANDLE;
  const auto r = machine().volume().query_position(*file);
  if (r.status >= 0) *position = r.info;
  return r.status;
}

Status set_position(std::uint64_t handle, std::int64_t position) {
  const auto file = file_of(handle);
  if (!file) return STATUS_INVALID_HANDLE;
  return machine().volume().set_position(*file, position);
}

}  // namespace ksim::kcall
