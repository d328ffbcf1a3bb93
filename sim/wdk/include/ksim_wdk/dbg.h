/* ksim WDK shim: debug output, assertions and bug checks. */
#ifndef KSIM_WDK_DBG_H
#define KSIM_WDK_DBG_H

#include "bugcodes.h"

KSIM_WDK_BEGIN_DECLS

/* DbgPrintEx component ids and levels (levels 0-31 are bit numbers in the filter mask). */
#define DPFLTR_IHVDRIVER_ID 77
#define DPFLTR_IHVVIDEO_ID 78
#define DPFLTR_IHVAUDIO_ID 79
#define DPFLTR_IHVNETWORK_ID 80
#define DPFLTR_IHVSTREAMING_ID 81
#define DPFLTR_IHVBUS_ID 82
#define DPFLTR_DEFAULT_ID 101
#define DPFLTR_ERROR_LEVEL 0
#define DPFLTR_WARNING_LEVEL 1
#define DPFLTR_TRACE_LEVEL 2
#define DPFLTR_INFO_LEVEL 3
#define DPFLTR_MASK 0x80000000

/* Windows kernel printf semantics (%ws, %wZ, %I64x, 32-bit %ld ...), not glibc's, so no
 * format attribute: gcc would flag valid Windows conversions. */
NTSYSAPI ULONG DbgPrint(PCSTR Format, ...);
NTSYSAPI ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...);

/* ksim treats every build as DBG for KdPrint, so its output is never compiled away. */
#define KdPrint(args) DbgPrint args
#define KdPrintEx(args) DbgPrintEx args

NTKERNELAPI DECLSPEC_NORETURN VOID KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR BugCheckParameter1,
                                                ULONG_PTR BugCheckParameter2, ULONG_PTR BugCheckParameter3,
                                                ULONG_PTR BugCheckParameter4);
NTKERNELAPI DECLSPEC_NORETURN VOID KeBugCheck(ULONG BugCheckCode);

/* Called by a failed ASSERT in a driver built with DBG=1. */
NTSYSAPI VOID NTAPI RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName, ULONG LineNumber, PSTR MutableMessage);

/* Driver code only (ASSERT is a common name in C++ code bases). Assertions follow DBG as
 * in a Release (free) build unless the driver is built with DBG=1. */
#if KSIM_WDK_DRIVER_MODE
#ifndef DBG
#define DBG 0
#endif
#if DBG
#define ASSERT(exp) ((!(exp)) ? (RtlAssert((PVOID) #exp, (PVOID)__FILE__, __LINE__, NULL), FALSE) : TRUE)
#define ASSERTMSG(msg, exp) ((!(exp)) ? (RtlAssert((PVOID) #exp, (PVOID)__FILE__, __LINE__, (PSTR)(msg)), FALSE) : TRUE)
#define NT_ASSERT(exp) ASSERT(exp)
#define NT_ASSERTMSG(msg, exp) ASSERTMSG(msg, exp)
#else
#define ASSERT(exp) ((void)0)
#define ASSERTMSG(msg, exp) ((void)0)
#define NT_ASSERT(exp) ((void)0)
#define NT_ASSERTMSG(msg, exp) ((void)0)
#endif
#define NT_VERIFY(exp) ((exp) ? TRUE : FALSE)
#endif

KSIM_WDK_END_DECLS

#endif /* KSIM_WDK_DBG_H */
