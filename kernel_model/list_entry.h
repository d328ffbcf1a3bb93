// NT's LIST_ENTRY: an intrusive, circular, doubly linked list. Each entry also records its own
// simulated address, so a snapshot can show Flink/Blink as a dump would; like NT, removing an entry
// leaves its own links stale, which a dump shows too (nt-dispatcher.md §5.4).
#pragma once

#include <cstddef>
#include <type_traits>

#include "nt_enums.h"

namespace km {

struct LIST_ENTRY {
  LIST_ENTRY* Flink = nullptr;
  LIST_ENTRY* Blink = nullptr;
  Address Self = 0;
};

inline void InitializeListHead(LIST_ENTRY& head, Address self) {
  head.Flink = head.Blink = &head;
  head.Self = self;
}

inline bool IsListEmpty(const LIST_ENTRY& head) { return head.Flink == &head; }

inline void InsertTailList(LIST_ENTRY& head, LIST_ENTRY& entry) {
  entry.Flink = &head;
  entry.Blink = head.Blink;
  head.Blink->Flink = &entry;
  head.Blink = &entry;
}

inline void InsertHeadList(LIST_ENTRY& head, LIST_ENTRY& entry) {
  entry.Flink = head.Flink;
  entry.Blink = &head;
  head.Flink->Blink = &entry;
  head.Flink = &entry;
}

inline void RemoveEntryList(LIST_ENTRY& entry) {
  entry.Blink->Flink = entry.Flink;
  entry.Flink->Blink = entry.Blink;
}

inline Address link_address(const LIST_ENTRY* link) { return link ? link->Self : 0; }

// NT's SINGLE_LIST_ENTRY: the link of a singly linked list (a processor's DPC queue).
struct SINGLE_LIST_ENTRY {
  SINGLE_LIST_ENTRY* Next = nullptr;
};

// CONTAINING_RECORD for the model's standard-layout structs.
template <typename T, typename Entry>
T* containing_record(Entry* entry, std::size_t field_offset) {
  using Byte = std::conditional_t<std::is_const_v<Entry>, const char, char>;
  return reinterpret_cast<T*>(reinterpret_cast<Byte*>(entry) - field_offset);
}

}  // namespace km
