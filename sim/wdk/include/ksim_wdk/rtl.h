/* ksim WDK shim: memory helpers, interlocked operations, counted-string routines and the
 * 16-bit wide-string CRT. The string routines are ksim's pure runtime (ksim_wdk_rt). */
#ifndef KSIM_WDK_RTL_H
#define KSIM_WDK_RTL_H

#include <string.h> /* memcpy & co. only; nothing here uses glibc's 4-byte wchar_t */

#include "ntstatus.h"

KSIM_WDK_BEGIN_DECLS

#define RtlCopyMemory(Destination, Source, Length) memcpy((Destination), (Source), (Length))
#define RtlMoveMemory(Destination, Source, Length) memmove((Destination), (Source), (Length))
#define RtlFillMemory(Destination, Length, Fill) memset((Destination), (Fill), (Length))
#define RtlZeroMemory(Destination, Length) memset((Destination), 0, (Length))
#define RtlEqualMemory(Destination, Source, Length) (!memcmp((Destination), (Source), (Length)))

/* Number of leading bytes that match (not memcmp's ordering). */
KSIM_WDK_INLINE SIZE_T RtlCompareMemory(const VOID *Source1, const VOID *Source2, SIZE_T Length) {
  const UCHAR *a = (const UCHAR *)Source1;
  const UCHAR *b = (const UCHAR *)Source2;
  SIZE_T matched = 0;
  while (matched < Length && a[matched] == b[matched]) {
    ++matched;
  }
  return matched;
}

KSIM_WDK_INLINE PVOID RtlSecureZeroMemory(PVOID Destination, SIZE_T Length) {
  volatile UCHAR *bytes = (volatile UCHAR *)Destination;
  while (Length-- != 0) {
    *bytes++ = 0;
  }
  return Destination;
}

/* Interlocked operations: full barriers, like the x64 lock-prefixed instructions.
 * Increment/Decrement/Add return the new value; the others return the old one. */
KSIM_WDK_INLINE LONG InterlockedIncrement(LONG volatile *Addend) {
  return __atomic_add_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG InterlockedDecrement(LONG volatile *Addend) {
  return __atomic_sub_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG InterlockedAdd(LONG volatile *Addend, LONG Value) {
  return __atomic_add_fetch(Addend, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG InterlockedExchangeAdd(LONG volatile *Addend, LONG Value) {
  return __atomic_fetch_add(Addend, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG InterlockedExchange(LONG volatile *Target, LONG Value) {
  return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG InterlockedCompareExchange(LONG volatile *Destination, LONG Exchange, LONG Comparand) {
  __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return Comparand;
}
KSIM_WDK_INLINE LONG InterlockedOr(LONG volatile *Destination, LONG Value) {
  return __atomic_fetch_or(Destination, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG InterlockedAnd(LONG volatile *Destination, LONG Value) {
  return __atomic_fetch_and(Destination, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG InterlockedXor(LONG volatile *Destination, LONG Value) {
  return __atomic_fetch_xor(Destination, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG64 InterlockedIncrement64(LONG64 volatile *Addend) {
  return __atomic_add_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG64 InterlockedDecrement64(LONG64 volatile *Addend) {
  return __atomic_sub_fetch(Addend, 1, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG64 InterlockedAdd64(LONG64 volatile *Addend, LONG64 Value) {
  return __atomic_add_fetch(Addend, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG64 InterlockedExchangeAdd64(LONG64 volatile *Addend, LONG64 Value) {
  return __atomic_fetch_add(Addend, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG64 InterlockedExchange64(LONG64 volatile *Target, LONG64 Value) {
  return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE LONG64 InterlockedCompareExchange64(LONG64 volatile *Destination, LONG64 Exchange, LONG64 Comparand) {
  __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return Comparand;
}
KSIM_WDK_INLINE PVOID InterlockedExchangePointer(PVOID volatile *Target, PVOID Value) {
  return __atomic_exchange_n(Target, Value, __ATOMIC_SEQ_CST);
}
KSIM_WDK_INLINE PVOID InterlockedCompareExchangePointer(PVOID volatile *Destination, PVOID Exchange, PVOID Comparand) {
  __atomic_compare_exchange_n(Destination, &Comparand, Exchange, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return Comparand;
}
/* Bit tests return the bit's previous value. */
KSIM_WDK_INLINE BOOLEAN InterlockedBitTestAndSet(LONG volatile *Base, LONG Offset) {
  LONG mask = (LONG)(1U << (Offset & 31));
  return (BOOLEAN)((__atomic_fetch_or(Base + (Offset >> 5), mask, __ATOMIC_SEQ_CST) & mask) != 0);
}
KSIM_WDK_INLINE BOOLEAN InterlockedBitTestAndReset(LONG volatile *Base, LONG Offset) {
  LONG mask = (LONG)(1U << (Offset & 31));
  return (BOOLEAN)((__atomic_fetch_and(Base + (Offset >> 5), ~mask, __ATOMIC_SEQ_CST) & mask) != 0);
}
#define KeMemoryBarrier() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define KeMemoryBarrierWithoutFence() __atomic_signal_fence(__ATOMIC_SEQ_CST)
#define MemoryBarrier() KeMemoryBarrier()

/* Counted strings. Lengths are in bytes; see rtl_string.cpp for the exact rules. */
KSIM_WDK_INLINE VOID RtlInitEmptyUnicodeString(PUNICODE_STRING UnicodeString, PWCHAR Buffer, USHORT BufferSize) {
  UnicodeString->Length = 0;
  UnicodeString->MaximumLength = BufferSize;
  UnicodeString->Buffer = Buffer;
}
NTSYSAPI VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString);
NTSYSAPI VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString);
NTSYSAPI LONG NTAPI RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                                            BOOLEAN CaseInSensitive);
NTSYSAPI BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2,
                                             BOOLEAN CaseInSensitive);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeStringToString(PUNICODE_STRING Destination, PCUNICODE_STRING Source);
NTSYSAPI NTSTATUS NTAPI RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source);
NTSYSAPI WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter);

/* 16-bit wide-string CRT. Drivers are built with -fshort-wchar, so glibc's wcs* (4-byte
 * wchar_t) must never run on their strings: driver code is redirected to these. */
size_t KsimWcslen(const WCHAR *String);
size_t KsimWcsnlen(const WCHAR *String, size_t MaxCount);
WCHAR *KsimWcscpy(WCHAR *Destination, const WCHAR *Source);
WCHAR *KsimWcsncpy(WCHAR *Destination, const WCHAR *Source, size_t Count);
WCHAR *KsimWcscat(WCHAR *Destination, const WCHAR *Source);
int KsimWcscmp(const WCHAR *String1, const WCHAR *String2);
int KsimWcsncmp(const WCHAR *String1, const WCHAR *String2, size_t Count);
int KsimWcsicmp(const WCHAR *String1, const WCHAR *String2);
int KsimWcsnicmp(const WCHAR *String1, const WCHAR *String2, size_t Count);
WCHAR *KsimWcschr(const WCHAR *String, WCHAR Character);
WCHAR *KsimWcsrchr(const WCHAR *String, WCHAR Character);
WCHAR *KsimWcsstr(const WCHAR *String, const WCHAR *Substring);
/* MSVC's legacy _snprintf family: -1 when the output does not fit, no NUL when it fills. */
int KsimSnwprintf(WCHAR *Buffer, size_t Count, const WCHAR *Format, ...);
int KsimVsnwprintf(WCHAR *Buffer, size_t Count, const WCHAR *Format, va_list Arguments);
int KsimSnprintf(char *Buffer, size_t Count, const char *Format, ...);
int KsimVsnprintf(char *Buffer, size_t Count, const char *Format, va_list Arguments);

#if KSIM_WDK_DRIVER_MODE
#define wcslen KsimWcslen
#define wcsnlen KsimWcsnlen
#define wcscpy KsimWcscpy
#define wcsncpy KsimWcsncpy
#define wcscat KsimWcscat
#define wcscmp KsimWcscmp
#define wcsncmp KsimWcsncmp
#define _wcsicmp KsimWcsicmp
#define _wcsnicmp KsimWcsnicmp
#define wcschr KsimWcschr
#define wcsrchr KsimWcsrchr
#define wcsstr KsimWcsstr
#define _snwprintf KsimSnwprintf
#define _vsnwprintf KsimVsnwprintf
#define _snprintf KsimSnprintf
#define _vsnprintf KsimVsnprintf
#endif

KSIM_WDK_END_DECLS

#endif /* KSIM_WDK_RTL_H */
