// _KWAIT_BLOCK (0x30): one object of one wait. Win8+ keeps a thread's blocks as an array of
// WaitBlockCount entries starting at WaitBlockList (no NextWaitBlock chain).
#pragma once

#include "list_entry.h"

namespace km {

struct KTHREAD;
struct DISPATCHER_HEADER;

struct KWAIT_BLOCK {
  LIST_ENTRY WaitListEntry;  // on Object->WaitListHead while BlockState is WaitBlockActive
  WAIT_TYPE WaitType = WAIT_TYPE::WaitAny;
  KWAIT_BLOCK_STATE BlockState = KWAIT_BLOCK_STATE::WaitBlockInactive;
  USHORT WaitKey = 0;        // index in the object array; STATUS_TIMEOUT for the timer block
  KTHREAD* Thread = nullptr;
  DISPATCHER_HEADER* Object = nullptr;

  static constexpr ULONG Size = 0x30;
};

// The wait block an object's WaitListHead entry belongs to.
inline KWAIT_BLOCK& wait_block_of(LIST_ENTRY* entry) {
  return *containing_record<KWAIT_BLOCK>(entry, offsetof(KWAIT_BLOCK, WaitListEntry));
}
inline const KWAIT_BLOCK& wait_block_of(const LIST_ENTRY* entry) {
  return *containing_record<const KWAIT_BLOCK>(entry, offsetof(KWAIT_BLOCK, WaitListEntry));
}

}  // namespace km
