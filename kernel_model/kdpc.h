// _KDPC (0x40): a deferred procedure call. A queued DPC runs at DISPATCH_LEVEL on its processor,
// in the context of whichever thread was running there, before that processor runs a thread again.
#pragma once

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
  Address DeferredRoutine = 0;  // simulated addresses, as a dump shows them
  Address DeferredContext = 0;
  // Opaque driver values handed to the routine (never shown: they may be host pointers).
  ULONG64 SystemArgument1 = 0;
  ULONG64 SystemArgument2 = 0;
  // Non-null while queued. NT points it at the processor's KDPC_DATA; here, at its KPRCB.
  KPRCB* DpcData = nullptr;
};

}  // namespace km
