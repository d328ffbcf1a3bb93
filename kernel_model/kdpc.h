// _KDPC (0x40): a deferred procedure call. A queued DPC runs at DISPATCH_LEVEL on its processor,
// in the context of whichever thread was running there, before that processor runs a thread again.
#pragma once

#include <cstddef>

#include "list_entry.h"
#include "nt_enums.h"

namespace km {

struct KPRCB;

// A processor's DPC interrupt is requested once its queue is this deep, whatever the importance
// (KiMaximumDpcQueueDepth's default).
inline constexpr ULONG MaximumDpcQueueDepth = 4;

struct KDPC {
  Address Self = 0;
  UCHAR Type = DpcObject;
  KDPC_IMPORTANCE Importance = KDPC_IMPORTANCE::MediumImportance;
  SINGLE_LIST_ENTRY DpcListEntry;  // the link in its processor's queue while queued
  Address DeferredRoutine = 0;  // simulated addresses, as a dump shows them
  Address DeferredContext = 0;
  // Opaque driver values handed to the routine (never shown: they may be host pointers).
  ULONG64 SystemArgument1 = 0;
  ULONG64 SystemArgument2 = 0;
  // Non-null while queued. NT points it at the processor's KDPC_DATA; here, at its KPRCB.
  KPRCB* DpcData = nullptr;
};

// KDPC_LIST: a processor's DPC queue in run order, singly linked through KDPC::DpcListEntry with
// a pointer to the last entry, so that both ends insert without a walk (as NT's KDPC_DATA holds it).
struct KDPC_LIST {
  SINGLE_LIST_ENTRY ListHead;              // ListHead.Next: the first DPC to run
  SINGLE_LIST_ENTRY* LastEntry = nullptr;  // null while empty

  bool empty() const { return ListHead.Next == nullptr; }
  static KDPC* dpc_of(SINGLE_LIST_ENTRY* entry) {
    return entry ? containing_record<KDPC>(entry, offsetof(KDPC, DpcListEntry)) : nullptr;
  }
  KDPC* first() const { return dpc_of(ListHead.Next); }
  static KDPC* next(const KDPC& dpc) { return dpc_of(dpc.DpcListEntry.Next); }
};

}  // namespace km
