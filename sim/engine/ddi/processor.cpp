// IRQL, critical regions, spin locks, and the time and processor queries.
#include "ddi_support.h"

namespace kc = ksim::kcall;

extern "C" {

KIRQL KeGetCurrentIrql(VOID) { return kc::current_irql(); }

KIRQL KfRaiseIrql(KIRQL NewIrql) {
  const KIRQL old = kc::current_irql();
  kc::set_irql(NewIrql);
  return old;
}

VOID KeLowerIrql(KIRQL NewIrql) { kc::set_irql(NewIrql); }
KIRQL KeRaiseIrqlToDpcLevel(VOID) { return KfRaiseIrql(DISPATCH_LEVEL); }

// One host thread runs every simulated processor, so a spin lock is never found held by another
// running processor: acquiring it is raising IRQL and marking it, releasing the reverse.
VOID KeInitializeSpinLock(PKSPIN_LOCK SpinLock) { *SpinLock = 0; }
KIRQL KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock) {
  const KIRQL old = KfRaiseIrql(DISPATCH_LEVEL);
  *SpinLock = 1;
  return old;
}
VOID KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql) {
  *SpinLock = 0;
  kc::set_irql(NewIrql);
}
VOID KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock) { *SpinLock = 1; }
VOID KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock) { *SpinLock = 0; }

VOID KeEnterCriticalRegion(VOID) { kc::enter_critical_region(); }
VOID KeLeaveCriticalRegion(VOID) { kc::leave_critical_region(); }
BOOLEAN KeAreApcsDisabled(VOID) { return kc::apcs_disabled(); }

ULONGLONG KeQueryInterruptTime(VOID) { return kc::interrupt_time(); }
ULONGLONG KeQueryInterruptTimePrecise(PULONGLONG QpcTimeStamp) {
  // The performance counter ksim's clock stands for runs at 10 MHz: one count per 100 ns.
  const ULONGLONG now = kc::interrupt_time_precise();
  *QpcTimeStamp = now;
  return now;
}
VOID KeQuerySystemTime(PLARGE_INTEGER CurrentTime) { CurrentTime->QuadPart = kc::system_time(); }
VOID KeQuerySystemTimePrecise(PLARGE_INTEGER CurrentTime) { CurrentTime->QuadPart = kc::system_time_precise(); }
VOID KeQueryTickCount(PLARGE_INTEGER CurrentCount) {
  CurrentCount->QuadPart = static_cast<LONGLONG>(kc::tick_count());
}
ULONG KeQueryTimeIncrement(VOID) { return kc::time_increment(); }

PKTHREAD KeGetCurrentThread(VOID) { return reinterpret_cast<PKTHREAD>(kc::current_thread()); }
KPRIORITY KeQueryPriorityThread(PKTHREAD Thread) {
  return kc::thread_priority(reinterpret_cast<std::uintptr_t>(Thread));
}
KPRIORITY KeSetPriorityThread(PKTHREAD Thread, KPRIORITY Priority) {
  return kc::set_thread_priority(reinterpret_cast<std::uintptr_t>(Thread), Priority);
}
ULONG KeGetCurrentProcessorNumber(VOID) { return kc::current_processor(); }
ULONG KeGetCurrentProcessorNumberEx(PPROCESSOR_NUMBER ProcNumber) {
  const ULONG n = kc::current_processor();
  if (ProcNumber) {
    ProcNumber->Group = 0;
    ProcNumber->Number = static_cast<UCHAR>(n);
    ProcNumber->Reserved = 0;
  }
  return n;
}
VOID KeYieldProcessor(VOID) {}

}  // extern "C"
