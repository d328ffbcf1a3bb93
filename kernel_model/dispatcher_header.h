// _DISPATCHER_HEADER (0x18 bytes on x64): the first member of every waitable object.
// Field names and meanings as the 22621 PDB shows them (nt-dispatcher.md §1.1).
#pragma once

#include "list_entry.h"

namespace km {

struct DISPATCHER_HEADER {
  UCHAR Type = 0;
  UCHAR Signalling = 0;
  UCHAR Size = 0;       // in DWORDs
  UCHAR Reserved1 = 0;  // timers: Index:6, Inserted:1, Expired:1
  LONG SignalState = 0;
  LIST_ENTRY WaitListHead;  // KWAIT_BLOCKs, FIFO
  Address Self = 0;         // the object's simulated address (not an NT field)

  static constexpr ULONG WaitListHeadOffset = 0x8;
};

inline void initialize_header(DISPATCHER_HEADER& h, Address self, UCHAR type, UCHAR size,
                              LONG signal_state) {
  h.Type = type;
  h.Signalling = 0;
  h.Size = size;
  h.Reserved1 = 0;
  h.SignalState = signal_state;
  h.Self = self;
  InitializeListHead(h.WaitListHead, self + DISPATCHER_HEADER::WaitListHeadOffset);
}

}  // namespace km
