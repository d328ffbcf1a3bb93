/* ksim WDK shim: compiler plumbing every other shim header relies on.
 *
 * The shim is compiled in two modes:
 *   - driver mode: real driver C (or C++ with KSIM_DRIVER_SOURCE) built by gcc with
 *     -fshort-wchar. MSVC keywords are mapped, call sites are recorded, wcs* is redirected.
 *   - implementation mode (KSIM_IMPLEMENTATION): ksim's C++ runtime, which implements the
 *     DDIs as extern "C" functions against exactly these prototypes.
 */
#ifndef KSIM_WDK_BASE_H
#define KSIM_WDK_BASE_H

#include <stdarg.h>
#include <stddef.h>

#if __SIZEOF_POINTER__ != 8 || __SIZEOF_INT__ != 4 || __SIZEOF_LONG_LONG__ != 8
#error "ksim's WDK shim models x64 Windows and needs 8-byte pointers, 4-byte int, 8-byte long long"
#endif

#if !defined(KSIM_IMPLEMENTATION) && (!defined(__cplusplus) || defined(KSIM_DRIVER_SOURCE))
#define KSIM_WDK_DRIVER_MODE 1
#else
#define KSIM_WDK_DRIVER_MODE 0
#endif

#ifdef __cplusplus
#define KSIM_WDK_BEGIN_DECLS extern "C" {
#define KSIM_WDK_END_DECLS }
#define KSIM_WDK_ASSERT(expr, msg) static_assert(expr, msg)
#else
#define KSIM_WDK_BEGIN_DECLS
#define KSIM_WDK_END_DECLS
#define KSIM_WDK_ASSERT(expr, msg) _Static_assert(expr, msg)
#endif

/* Layout checks for what x64 Windows fixes: sizes and the offsets dumps and drivers rely on. */
#define KSIM_WDK_SIZE(type, size) \
  KSIM_WDK_ASSERT(sizeof(type) == (size), "sizeof(" #type ") must be " #size " as on x64 Windows")
#define KSIM_WDK_OFFSET(type, field, offset) \
  KSIM_WDK_ASSERT(__builtin_offsetof(type, field) == (offset), #type "." #field " must be at " #offset)

#define KSIM_WDK_INLINE static __inline__
#define KSIM_WDK_NORETURN __attribute__((__noreturn__))

/* Calling conventions and linkage decorations: x64 has one calling convention. */
#define NTAPI
#define NTAPI_INLINE
#define NTSYSAPI
#define NTSYSCALLAPI
#define NTKERNELAPI
#define NTHALAPI
#define FASTCALL
#define CALLBACK
#define DECLSPEC_IMPORT
#define DECLSPEC_EXPORT
#define DECLSPEC_NORETURN KSIM_WDK_NORETURN
#define DECLSPEC_NOINLINE __attribute__((__noinline__))
#define DECLSPEC_ALIGN(x) __attribute__((__aligned__(x)))
#define DECLSPEC_CACHEALIGN DECLSPEC_ALIGN(64)
#define DECLSPEC_SELECTANY __attribute__((__weak__))
#define DECLSPEC_RESTRICT
#define DECLSPEC_NOTHROW
#define DECLSPEC_DEPRECATED_DDK
#define DECLSPEC_GUARDNOCF
/* Works both as "FORCEINLINE f()" (MSVC: external linkage) and "static FORCEINLINE f()". */
#define FORCEINLINE __inline__ __attribute__((__always_inline__))
#define CONST const
#define VOID void

/* Target description a driver may test: x64 Windows 11 22H2 (build 22621). */
#define NTDDI_WIN7 0x06010000
#define NTDDI_WIN8 0x06020000
#define NTDDI_WINBLUE 0x06030000
#define NTDDI_WIN10 0x0A000000
#define NTDDI_WIN10_TH2 0x0A000001
#define NTDDI_WIN10_RS1 0x0A000002
#define NTDDI_WIN10_RS2 0x0A000003
#define NTDDI_WIN10_RS3 0x0A000004
#define NTDDI_WIN10_RS4 0x0A000005
#define NTDDI_WIN10_RS5 0x0A000006
#define NTDDI_WIN10_19H1 0x0A000007
#define NTDDI_WIN10_VB 0x0A000008
#define NTDDI_WIN10_MN 0x0A000009
#define NTDDI_WIN10_FE 0x0A00000A
#define NTDDI_WIN10_CO 0x0A00000B
#define NTDDI_WIN10_NI 0x0A00000C
#define _WIN32_WINNT_WIN10 0x0A00
#ifndef NTDDI_VERSION
#define NTDDI_VERSION NTDDI_WIN10_NI
#endif
#ifndef _WIN32_WINNT
#define _WIN32_WINNT _WIN32_WINNT_WIN10
#endif

#if KSIM_WDK_DRIVER_MODE
#ifndef _WIN64
#define _WIN64 1
#endif
#ifndef _WIN32
#define _WIN32 1
#endif
#ifndef _AMD64_
#define _AMD64_ 1
#endif
#ifndef _M_AMD64
#define _M_AMD64 100
#endif
#ifndef _M_X64
#define _M_X64 100
#endif
#ifndef _KERNEL_MODE
#define _KERNEL_MODE 1
#endif
/* Guarded sections are "active" as in an MSVC build; gcc ignores the pragmas they hold. */
#define ALLOC_PRAGMA 1
#define ALLOC_DATA_PRAGMA 1

/* MSVC keywords drivers use directly. */
#define __int8 char
#define __int16 short
#define __int32 int
#define __int64 long long
#define __forceinline FORCEINLINE
#define __stdcall
#define __cdecl
#define __fastcall
#define __ptr64
#define __ptr32
#define __unaligned
#define UNALIGNED
#define __pragma(x)
#define __noop(...) ((void)0)
#define __assume(x) ((void)0)
/* __declspec(x) becomes KSIM_WDK_DECLSPEC_x, so each supported specifier maps on its own. */
#define __declspec(x) KSIM_WDK_DECLSPEC_##x
#define KSIM_WDK_DECLSPEC_noreturn KSIM_WDK_NORETURN
#define KSIM_WDK_DECLSPEC_noinline DECLSPEC_NOINLINE
#define KSIM_WDK_DECLSPEC_align(x) DECLSPEC_ALIGN(x)
#define KSIM_WDK_DECLSPEC_selectany DECLSPEC_SELECTANY
#define KSIM_WDK_DECLSPEC_thread __thread
#define KSIM_WDK_DECLSPEC_dllimport
#define KSIM_WDK_DECLSPEC_dllexport
#define KSIM_WDK_DECLSPEC_nothrow
#define KSIM_WDK_DECLSPEC_restrict
#define KSIM_WDK_DECLSPEC_noalias
#define KSIM_WDK_DECLSPEC_deprecated
#define KSIM_WDK_DECLSPEC_code_seg(x)
#define KSIM_WDK_DECLSPEC_allocate(x)

/* MSVC accepts what these diagnose; gcc must not reject a driver MSVC built.
 * #pragma alloc_text / warning(...) are MSVC's (g++ before 13 ignores this for its own
 * diagnostic, so C++ drivers there need -Wno-unknown-pragmas); pool tags such as 'gaT1'
 * are multi-character constants, with the same value under both compilers; and MSVC only
 * warns when, e.g., an NTSTATUS-returning function is passed as a KSTART_ROUTINE.
 * An undeclared function, on the other hand, is a DDI ksim lacks: fail at compile time
 * rather than at load time. */
#pragma GCC diagnostic ignored "-Wunknown-pragmas"
#pragma GCC diagnostic ignored "-Wmultichar"
#ifndef __cplusplus
#pragma GCC diagnostic warning "-Wincompatible-pointer-types"
#pragma GCC diagnostic error "-Wimplicit-function-declaration"
#endif
#endif /* KSIM_WDK_DRIVER_MODE */

#endif /* KSIM_WDK_BASE_H */
