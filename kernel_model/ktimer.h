// _KTIMER (0x40). DueTime is in interrupt time (100 ns since boot); expiry happens on the first
// clock tick at or after it. Each KTHREAD embeds one for its wait timeouts.
#pragma once

#include "dispatcher_header.h"

namespace km {

struct KDPC;

struct KTIMER {
  DISPATCHER_HEADER Header;
  ULONG64 DueTime = 0;
  LIST_ENTRY TimerListEntry;
  KDPC* Dpc = nullptr;  // queued on expiry
  USHORT Processor = 0;  // whose timer table holds it: the processor that set it
  LONG Period = 0;       // ms; 0 = one-shot
  bool Inserted = false;
  ULONG64 InsertSequence = 0;  // orders timers with the same DueTime (not an NT field)

  static constexpr UCHAR SizeInDwords = 0x40 / 4;
};

}  // namespace km
