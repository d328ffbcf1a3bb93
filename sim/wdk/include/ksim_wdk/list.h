/* ksim WDK shim: the doubly and singly linked list helpers.
 * Like the WDK's (without NO_KERNEL_LIST_ENTRY_CHECKS), they check the neighbouring links
 * before changing them; a corrupted list bug checks with KERNEL_SECURITY_CHECK_FAILURE
 * (0x139, parameter 1 = FAST_FAIL_CORRUPT_LIST_ENTRY), which is what __fastfail does. */
#ifndef KSIM_WDK_LIST_H
#define KSIM_WDK_LIST_H

#include "dbg.h"

KSIM_WDK_BEGIN_DECLS

KSIM_WDK_INLINE KSIM_WDK_NORETURN VOID KsimWdkListCorrupt(VOID) {
  KeBugCheckEx(KERNEL_SECURITY_CHECK_FAILURE, FAST_FAIL_CORRUPT_LIST_ENTRY, 0, 0, 0);
}

KSIM_WDK_INLINE VOID InitializeListHead(PLIST_ENTRY ListHead) {
  ListHead->Flink = ListHead;
  ListHead->Blink = ListHead;
}

KSIM_WDK_INLINE BOOLEAN IsListEmpty(const LIST_ENTRY *ListHead) { return (BOOLEAN)(ListHead->Flink == ListHead); }

/* Returns TRUE if the list is empty afterwards. The removed entry keeps its stale links. */
KSIM_WDK_INLINE BOOLEAN RemoveEntryList(PLIST_ENTRY Entry) {
  PLIST_ENTRY Next = Entry->Flink;
  PLIST_ENTRY Prev = Entry->Blink;
  if (Next->Blink != Entry || Prev->Flink != Entry) {
    KsimWdkListCorrupt();
  }
  Prev->Flink = Next;
  Next->Blink = Prev;
  return (BOOLEAN)(Prev == Next);
}

/* On an empty list both return the head itself. */
KSIM_WDK_INLINE PLIST_ENTRY RemoveHeadList(PLIST_ENTRY ListHead) {
  PLIST_ENTRY Entry = ListHead->Flink;
  PLIST_ENTRY Next = Entry->Flink;
  if (Entry->Blink != ListHead || Next->Blink != Entry) {
    KsimWdkListCorrupt();
  }
  ListHead->Flink = Next;
  Next->Blink = ListHead;
  return Entry;
}

KSIM_WDK_INLINE PLIST_ENTRY RemoveTailList(PLIST_ENTRY ListHead) {
  PLIST_ENTRY Entry = ListHead->Blink;
  PLIST_ENTRY Prev = Entry->Blink;
  if (Entry->Flink != ListHead || Prev->Flink != Entry) {
    KsimWdkListCorrupt();
  }
  ListHead->Blink = Prev;
  Prev->Flink = ListHead;
  return Entry;
}

KSIM_WDK_INLINE VOID InsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry) {
  PLIST_ENTRY Prev = ListHead->Blink;
  if (Prev->Flink != ListHead) {
    KsimWdkListCorrupt();
  }
  Entry->Flink = ListHead;
  Entry->Blink = Prev;
  Prev->Flink = Entry;
  ListHead->Blink = Entry;
}

KSIM_WDK_INLINE VOID InsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry) {
  PLIST_ENTRY Next = ListHead->Flink;
  if (Next->Blink != ListHead) {
    KsimWdkListCorrupt();
  }
  Entry->Flink = Next;
  Entry->Blink = ListHead;
  Next->Blink = Entry;
  ListHead->Flink = Entry;
}

/* Splices the headless circular list starting at ListToAppend onto the tail of ListHead. */
KSIM_WDK_INLINE VOID AppendTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListToAppend) {
  PLIST_ENTRY ListEnd = ListHead->Blink;
  ListHead->Blink->Flink = ListToAppend;
  ListHead->Blink = ListToAppend->Blink;
  ListToAppend->Blink->Flink = ListHead;
  ListToAppend->Blink = ListEnd;
}

KSIM_WDK_INLINE VOID PushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY Entry) {
  Entry->Next = ListHead->Next;
  ListHead->Next = Entry;
}

KSIM_WDK_INLINE PSINGLE_LIST_ENTRY PopEntryList(PSINGLE_LIST_ENTRY ListHead) {
  PSINGLE_LIST_ENTRY FirstEntry = ListHead->Next;
  if (FirstEntry != NULL) {
    ListHead->Next = FirstEntry->Next;
  }
  return FirstEntry;
}

KSIM_WDK_END_DECLS

#endif /* KSIM_WDK_LIST_H */
