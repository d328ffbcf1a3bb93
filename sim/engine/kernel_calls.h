// The bridge between the WDK shim's extern "C" DDIs and the engine. The DDIs translate Windows
// types (UNICODE_STRING, OBJECT_ATTRIBUTES, ...) and call these; these translate driver pointers
// to simulated addresses and apply the call to the model on the running thread's processor. Plain
// C++ types only, so the DDI files can include the WDK headers (whose macros clash with
// kernel_model's names) and this header together.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "sim_thread.h"

namespace ksim::kcall {

using Status = std::int32_t;

// --- context ----------------------------------------------------------------------------------
// Records the driver source line of the call about to be made (the shim's call-site macros).
void note_call_site(const char* file, int line);
std::uint64_t current_thread();          // KeGetCurrentThread: the simulated KTHREAD address
std::uint64_t current_thread_id();
std::uint64_t current_process();         // the System process
std::uint32_t current_processor();
std::uint8_t current_irql();
void set_irql(std::uint8_t irql);
void enter_critical_region();
void leave_critical_region();
bool apcs_disabled();
// KeQueryInterruptTime and KeQuerySystemTime read the values the last clock tick stored (as NT's
// do, from KUSER_SHARED_DATA); the Precise variants read the time now.
std::uint64_t interrupt_time();
std::uint64_t interrupt_time_precise();
std::int64_t system_time();
std::int64_t system_time_precise();
std::uint64_t tick_count();
std::uint32_t time_increment();
std::int32_t thread_priority(std::uint64_t thread);
std::int32_t set_thread_priority(std::uint64_t thread, std::int32_t priority);
void debug_print(std::string text);
// Translates a driver pointer (host memory ksim registered, or a simulated kernel address such as
// a PETHREAD it handed out) to a simulated address; 0 when it is neither.
std::uint64_t sim_address(const void* pointer);

// --- memory -----------------------------------------------------------------------------------
// A null caller (HostFrame{}): ksim's own allocation for a DDI, before or around the driver's code.
void* allocate_pool(std::uint64_t size, HostFrame caller);
void free_pool(void* block, HostFrame caller);

// --- dispatcher objects -----------------------------------------------------------------------
void initialize_mutex(void* mutex);
void initialize_event(void* event, int type, bool state);
void initialize_semaphore(void* semaphore, std::int32_t count, std::int32_t limit);
void initialize_timer(void* timer, int type);
std::int32_t read_state(void* object);
Status wait_single(void* object, int reason, int mode, bool alertable, const std::int64_t* timeout, HostFrame caller);
Status wait_multiple(std::span<void* const> objects, int wait_type, int reason, int mode, bool alertable,
                     const std::int64_t* timeout, void* wait_block_array, HostFrame caller);
Status delay(int mode, bool alertable, std::int64_t interval, HostFrame caller);
std::int32_t release_mutex(void* mutex, bool wait, HostFrame caller);
std::int32_t set_event(void* event, std::int32_t increment, bool wait, HostFrame caller);
std::int32_t reset_event(void* event);
void clear_event(void* event);
std::int32_t pulse_event(void* event, std::int32_t increment, bool wait, HostFrame caller);
std::int32_t release_semaphore(void* semaphore, std::int32_t increment, std::int32_t adjustment, bool wait,
                               HostFrame caller);
bool set_timer(void* timer, std::int64_t due_time, std::int32_t period_ms, void* dpc);
bool cancel_timer(void* timer);
// KeInitializeDpc: `run` calls the routine when the DPC is retired (the KDPC holds routine and context).
void initialize_dpc(void* dpc, const void* routine, void* context, DpcRunner run);
bool insert_queue_dpc(void* dpc, std::uint64_t argument1, std::uint64_t argument2, HostFrame caller);
bool remove_queue_dpc(void* dpc);
void set_importance_dpc(void* dpc, int importance);

// --- threads ----------------------------------------------------------------------------------
Status create_system_thread(void (*start)(void*), void* context, std::uint64_t* handle, HostFrame caller);
[[noreturn]] void terminate_thread();
// ExQueueWorkItem / IoQueueWorkItem: a system worker thread calls run(first, second).
void queue_work_item(void (*run)(void*, void*), void* first, void* second, const void* routine, void* parameter,
                     void* item, HostFrame caller);
[[noreturn]] void bugcheck(std::uint32_t code, std::array<std::uint64_t, 4> args);
// Object manager: a handle's object (thread address) / dereference.
Status reference_by_handle(std::uint64_t handle, std::uint64_t* object);
Status close_handle(std::uint64_t handle, HostFrame caller);

// --- files ------------------------------------------------------------------------------------
struct IoResult {
  Status status;
  std::uint64_t information;
};
IoResult create_file(std::u16string_view path, std::uint32_t access, std::uint32_t share, std::uint32_t disposition,
                     std::uint32_t options, std::uint32_t attributes, std::uint64_t* handle, HostFrame caller);
IoResult write_file(std::uint64_t handle, std::string_view data, const std::int64_t* offset, HostFrame caller);
IoResult read_file(std::uint64_t handle, std::span<char> buffer, const std::int64_t* offset, HostFrame caller);
Status rename_file(std::uint64_t handle, std::u16string_view new_path, bool replace, HostFrame caller);
struct BasicInfo {
  std::int64_t creation, last_access, last_write, change;
  std::uint32_t attributes;
};
struct StandardInfo {
  std::int64_t allocation_size, end_of_file;
  std::uint32_t links;
  bool delete_pending, directory;
};
Status query_basic(std::uint64_t handle, BasicInfo* info, HostFrame caller);
Status query_standard(std::uint64_t handle, StandardInfo* info, HostFrame caller);
Status query_position(std::uint64_t handle, std::int64_t* position);
Status set_position(std::uint64_t handle, std::int64_t position);

}  // namespace ksim::kcall
