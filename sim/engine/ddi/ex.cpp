// Ex* DDIs: pool and fast mutexes.
#include "ddi_support.h"

namespace kc = ksim::kcall;

extern "C" {

PVOID ExAllocatePool2(POOL_FLAGS, SIZE_T NumberOfBytes, ULONG) { return kc::allocate_pool(NumberOfBytes, KSIM_CALLER); }
PVOID ExAllocatePoolWithTag(POOL_TYPE, SIZE_T NumberOfBytes, ULONG) {
  return kc::allocate_pool(NumberOfBytes, KSIM_CALLER);
}
PVOID ExAllocatePool(POOL_TYPE, SIZE_T NumberOfBytes) { return kc::allocate_pool(NumberOfBytes, KSIM_CALLER); }
VOID ExFreePool(PVOID P) { kc::free_pool(P, KSIM_CALLER); }
VOID ExFreePoolWithTag(PVOID P, ULONG) { kc::free_pool(P, KSIM_CALLER); }

// FAST_MUTEX as Windows 8+ keeps it (dump-cases.md §4): Count 1 = free, bit 0 clear = owned,
// +4 per waiter; Owner; Contention; a synchronization event the waiters block on (WrFastMutex).
VOID ExInitializeFastMutex(PFAST_MUTEX FastMutex) {
  FastMutex->Count = 1;
  FastMutex->Owner = nullptr;
  FastMutex->Contention = 0;
  kc::initialize_event(&FastMutex->Event, SynchronizationEvent, FALSE);
}

VOID ExAcquireFastMutex(PFAST_MUTEX FastMutex) {
  const KIRQL old = kc::current_irql();
  kc::set_irql(APC_LEVEL);
  if (FastMutex->Count & 1) {
    FastMutex->Count = FastMutex->Count & ~1;
  } else {
    FastMutex->Count = FastMutex->Count + 4;
    FastMutex->Contention += 1;
    kc::wait_single(&FastMutex->Event, WrFastMutex, KernelMode, FALSE, nullptr, KSIM_CALLER);
    // The releaser handed the mutex over; this waiter's count goes with it.
    FastMutex->Count = FastMutex->Count - 4;
  }
  FastMutex->Owner = reinterpret_cast<PKTHREAD>(kc::current_thread());
  FastMutex->OldIrql = old;
}

BOOLEAN ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex) {
  if (!(FastMutex->Count & 1)) return FALSE;
  const KIRQL old = kc::current_irql();
  kc::set_irql(APC_LEVEL);
  FastMutex->Count = FastMutex->Count & ~1;
  FastMutex->Owner = reinterpret_cast<PKTHREAD>(kc::current_thread());
  FastMutex->OldIrql = old;
  return TRUE;
}

VOID ExReleaseFastMutex(PFAST_MUTEX FastMutex) {
  const KIRQL old = static_cast<KIRQL>(FastMutex->OldIrql);
  FastMutex->Owner = nullptr;
  if (FastMutex->Count >= 4) {
    kc::set_event(&FastMutex->Event, 1, FALSE, KSIM_CALLER);
  } else {
    FastMutex->Count = FastMutex->Count | 1;
  }
  kc::set_irql(old);
}

}  // extern "C"
