// Ke* dispatcher DDIs: waits and the objects they wait on.
#include "ddi_support.h"

namespace kc = ksim::kcall;

namespace {

// KiRetireDpcList's call: the arguments go into the KDPC as KeInsertQueueDpc (or the timer's
// expiry) left them, then the routine runs.
void run_dpc(void* object, std::uint64_t argument1, std::uint64_t argument2) {
  auto* dpc = static_cast<PKDPC>(object);
  dpc->SystemArgument1 = reinterpret_cast<PVOID>(argument1);
  dpc->SystemArgument2 = reinterpret_cast<PVOID>(argument2);
  dpc->DeferredRoutine(dpc, dpc->DeferredContext, dpc->SystemArgument1, dpc->SystemArgument2);
}

}  // namespace

extern "C" {

NTSTATUS KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
                               PLARGE_INTEGER Timeout) {
  return kc::wait_single(Object, WaitReason, WaitMode, Alertable, quad_of(Timeout), KSIM_CALLER);
}

NTSTATUS KeWaitForMultipleObjects(ULONG Count, PVOID Object[], WAIT_TYPE WaitType, KWAIT_REASON WaitReason,
                                  KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Timeout,
                                  PKWAIT_BLOCK WaitBlockArray) {
  return kc::wait_multiple({Object, Count}, WaitType, WaitReason, WaitMode, Alertable, quad_of(Timeout),
                           WaitBlockArray, KSIM_CALLER);
}

NTSTATUS KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable, PLARGE_INTEGER Interval) {
  return kc::delay(WaitMode, Alertable, Interval->QuadPart, KSIM_CALLER);
}

VOID KeInitializeMutex(PRKMUTEX Mutex, ULONG) { kc::initialize_mutex(Mutex); }
LONG KeReadStateMutex(PRKMUTEX Mutex) { return kc::read_state(Mutex); }
LONG KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait) { return kc::release_mutex(Mutex, Wait, KSIM_CALLER); }

VOID KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State) { kc::initialize_event(Event, Type, State); }
LONG KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait) {
  return kc::set_event(Event, Increment, Wait, KSIM_CALLER);
}
LONG KeResetEvent(PRKEVENT Event) { return kc::reset_event(Event); }
VOID KeClearEvent(PRKEVENT Event) { kc::clear_event(Event); }
LONG KePulseEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait) {
  return kc::pulse_event(Event, Increment, Wait, KSIM_CALLER);
}
LONG KeReadStateEvent(PRKEVENT Event) { return kc::read_state(Event); }

VOID KeInitializeSemaphore(PRKSEMAPHORE Semaphore, LONG Count, LONG Limit) {
  kc::initialize_semaphore(Semaphore, Count, Limit);
}
LONG KeReleaseSemaphore(PRKSEMAPHORE Semaphore, KPRIORITY Increment, LONG Adjustment, BOOLEAN Wait) {
  return kc::release_semaphore(Semaphore, Increment, Adjustment, Wait, KSIM_CALLER);
}
LONG KeReadStateSemaphore(PRKSEMAPHORE Semaphore) { return kc::read_state(Semaphore); }

VOID KeInitializeTimer(PKTIMER Timer) { kc::initialize_timer(Timer, NotificationTimer); }
VOID KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type) { kc::initialize_timer(Timer, Type); }
BOOLEAN KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc) {
  return kc::set_timer(Timer, DueTime.QuadPart, 0, Dpc);
}
BOOLEAN KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc) {
  return kc::set_timer(Timer, DueTime.QuadPart, Period, Dpc);
}
BOOLEAN KeCancelTimer(PKTIMER Timer) { return kc::cancel_timer(Timer); }
BOOLEAN KeReadStateTimer(PKTIMER Timer) { return kc::read_state(Timer) != 0; }

VOID KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine, PVOID DeferredContext) {
  RtlZeroMemory(Dpc, sizeof(*Dpc));
  Dpc->Type = 19;  // DpcObject
  Dpc->Importance = MediumImportance;
  Dpc->DeferredRoutine = DeferredRoutine;
  Dpc->DeferredContext = DeferredContext;
  kc::initialize_dpc(Dpc, reinterpret_cast<const void*>(DeferredRoutine), DeferredContext, run_dpc);
}

BOOLEAN KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2) {
  return kc::insert_queue_dpc(Dpc, reinterpret_cast<std::uintptr_t>(SystemArgument1),
                              reinterpret_cast<std::uintptr_t>(SystemArgument2), KSIM_CALLER);
}

BOOLEAN KeRemoveQueueDpc(PRKDPC Dpc) { return kc::remove_queue_dpc(Dpc); }

VOID KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance) {
  Dpc->Importance = static_cast<UCHAR>(Importance);
  kc::set_importance_dpc(Dpc, Importance);
}

}  // extern "C"
