// _KMUTANT (0x38). KMUTEX is the same structure, initialised with ApcDisable 1: owning one
// disables normal kernel APCs for the owner (KernelApcDisable -1), which is why a thread that
// exits holding a KMUTEX bugchecks 0x20 before mutant rundown (nt-dispatcher.md §2.1, §4).
#pragma once

#include "dispatcher_header.h"

namespace km {

struct KTHREAD;

struct KMUTANT {
  DISPATCHER_HEADER Header;  // SignalState: 1 free, 0 owned once, -n owned n+1 times
  LIST_ENTRY MutantListEntry;  // in OwnerThread->MutantListHead while owned
  KTHREAD* OwnerThread = nullptr;
  UCHAR Abandoned = 0;
  UCHAR ApcDisable = 0;

  static constexpr ULONG MutantListEntryOffset = 0x18;
  static constexpr UCHAR SizeInDwords = 0x38 / 4;
};
using KMUTEX = KMUTANT;

}  // namespace km
