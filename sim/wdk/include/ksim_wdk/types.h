/* ksim WDK shim: the LLP64 scalar types, the basic NT structures and the helper macros
 * of ntdef.h/basetsd.h. LONG/ULONG are 32-bit here even though Linux long is 64-bit. */
#ifndef KSIM_WDK_TYPES_H
#define KSIM_WDK_TYPES_H

#include "base.h"

KSIM_WDK_BEGIN_DECLS

typedef char CHAR, *PCHAR, *PCH, *PSTR, *LPSTR, *PSZ;
typedef const char *PCCH, *PCSTR, *LPCSTR, *PCSZ;
typedef unsigned char UCHAR, *PUCHAR, BYTE, *PBYTE;
typedef short SHORT, *PSHORT;
typedef unsigned short USHORT, *PUSHORT, WORD, *PWORD;
typedef int INT, *PINT;
typedef unsigned int UINT, *PUINT;
typedef int LONG, *PLONG;
typedef unsigned int ULONG, *PULONG, DWORD, *PDWORD;
typedef long long LONGLONG, *PLONGLONG;
typedef unsigned long long ULONGLONG, *PULONGLONG;
typedef double DOUBLE;

typedef signed char INT8, *PINT8;
typedef unsigned char UINT8, *PUINT8;
typedef short INT16, *PINT16;
typedef unsigned short UINT16, *PUINT16;
typedef int INT32, *PINT32, LONG32, *PLONG32;
typedef unsigned int UINT32, *PUINT32, ULONG32, *PULONG32, DWORD32, *PDWORD32;
typedef long long INT64, *PINT64, LONG64, *PLONG64;
typedef unsigned long long UINT64, *PUINT64, ULONG64, *PULONG64, DWORD64, *PDWORD64;
typedef long long INT_PTR, *PINT_PTR, LONG_PTR, *PLONG_PTR;
typedef unsigned long long UINT_PTR, *PUINT_PTR, ULONG_PTR, *PULONG_PTR, DWORD_PTR, *PDWORD_PTR;
typedef ULONG_PTR SIZE_T, *PSIZE_T;
typedef LONG_PTR SSIZE_T, *PSSIZE_T;
typedef ULONG_PTR KAFFINITY, *PKAFFINITY;

/* C drivers see wchar_t (2 bytes under -fshort-wchar) so L"..." literals fit; ksim's C++
 * sees char16_t. Both are 2-byte unsigned code units with the same calling convention. */
#if defined(__cplusplus) && !(KSIM_WDK_DRIVER_MODE && __SIZEOF_WCHAR_T__ == 2)
typedef char16_t WCHAR;
#else
typedef wchar_t WCHAR;
#endif
typedef WCHAR *PWCHAR, *PWCH, *PWSTR, *LPWSTR, *PZZWSTR;
typedef const WCHAR *PCWCH, *PCWSTR, *LPCWSTR, *PCZZWSTR;
KSIM_WDK_ASSERT(sizeof(WCHAR) == 2, "WCHAR must be 2 bytes: compile driver sources with -fshort-wchar");

typedef void *PVOID, **PPVOID;
typedef const void *PCVOID;
typedef void *HANDLE, **PHANDLE;
typedef UCHAR BOOLEAN, *PBOOLEAN;
typedef char CCHAR;
typedef short CSHORT;
typedef ULONG CLONG;
typedef ULONG LOGICAL, *PLOGICAL;
typedef LONG NTSTATUS, *PNTSTATUS;
typedef ULONG ACCESS_MASK, *PACCESS_MASK;
typedef UCHAR KIRQL, *PKIRQL;
typedef LONG KPRIORITY;
typedef CCHAR KPROCESSOR_MODE;
typedef ULONG DEVICE_TYPE;
typedef PVOID PSECURITY_DESCRIPTOR;

KSIM_WDK_SIZE(LONG, 4);
KSIM_WDK_SIZE(ULONG, 4);
KSIM_WDK_SIZE(LONG64, 8);
KSIM_WDK_SIZE(ULONG_PTR, 8);
KSIM_WDK_SIZE(SIZE_T, 8);
KSIM_WDK_SIZE(HANDLE, 8);
KSIM_WDK_SIZE(BOOLEAN, 1);

#ifndef FALSE
#define FALSE 0
#endif
#ifndef TRUE
#define TRUE 1
#endif

#define MINCHAR 0x80
#define MAXCHAR 0x7f
#define MINSHORT 0x8000
#define MAXSHORT 0x7fff
#define MINLONG 0x80000000
#define MAXLONG 0x7fffffff
#define MAXUCHAR 0xff
#define MAXUSHORT 0xffff
#define MAXULONG 0xffffffff
#define MAXLONGLONG (0x7fffffffffffffffLL)
#define MAXULONGLONG (~0ULL)
#define MAXLONG_PTR ((LONG_PTR)(MAXULONG_PTR >> 1))
#define MAXULONG_PTR (~(ULONG_PTR)0)
#define MAXSIZE_T ((SIZE_T) ~((SIZE_T)0))

typedef union _LARGE_INTEGER {
  __extension__ struct {
    ULONG LowPart;
    LONG HighPart;
  };
  struct {
    ULONG LowPart;
    LONG HighPart;
  } u;
  LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER, PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;

typedef union _ULARGE_INTEGER {
  __extension__ struct {
    ULONG LowPart;
    ULONG HighPart;
  };
  struct {
    ULONG LowPart;
    ULONG HighPart;
  } u;
  ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;

KSIM_WDK_SIZE(LARGE_INTEGER, 8);
KSIM_WDK_OFFSET(LARGE_INTEGER, HighPart, 4);
KSIM_WDK_SIZE(ULARGE_INTEGER, 8);

typedef struct _LIST_ENTRY {
  struct _LIST_ENTRY *Flink;
  struct _LIST_ENTRY *Blink;
} LIST_ENTRY, *PLIST_ENTRY, *PRLIST_ENTRY;

typedef struct _SINGLE_LIST_ENTRY {
  struct _SINGLE_LIST_ENTRY *Next;
} SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;

KSIM_WDK_SIZE(LIST_ENTRY, 0x10);

/* Counted strings: Length and MaximumLength are in bytes; Buffer need not be NUL-terminated. */
typedef struct _UNICODE_STRING {
  USHORT Length;
  USHORT MaximumLength;
  PWCH Buffer;
} UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;

typedef struct _STRING {
  USHORT Length;
  USHORT MaximumLength;
  PCHAR Buffer;
} STRING, *PSTRING, ANSI_STRING, *PANSI_STRING, OEM_STRING, *POEM_STRING;
typedef const STRING *PCSTRING, *PCANSI_STRING, *PCOEM_STRING;

KSIM_WDK_SIZE(UNICODE_STRING, 0x10);
KSIM_WDK_OFFSET(UNICODE_STRING, Buffer, 8);
KSIM_WDK_SIZE(ANSI_STRING, 0x10);

#define UNICODE_NULL ((WCHAR)0)
#define ANSI_NULL ((CHAR)0)
#define UNICODE_STRING_MAX_BYTES ((USHORT)65534)
#define UNICODE_STRING_MAX_CHARS (32767)

typedef struct _CLIENT_ID {
  HANDLE UniqueProcess;
  HANDLE UniqueThread;
} CLIENT_ID, *PCLIENT_ID;

KSIM_WDK_SIZE(CLIENT_ID, 0x10);

#define OBJ_INHERIT 0x00000002L
#define OBJ_PERMANENT 0x00000010L
#define OBJ_EXCLUSIVE 0x00000020L
#define OBJ_CASE_INSENSITIVE 0x00000040L
#define OBJ_OPENIF 0x00000080L
#define OBJ_OPENLINK 0x00000100L
#define OBJ_KERNEL_HANDLE 0x00000200L
#define OBJ_FORCE_ACCESS_CHECK 0x00000400L
#define OBJ_VALID_ATTRIBUTES 0x000007F2L

typedef struct _OBJECT_ATTRIBUTES {
  ULONG Length;
  HANDLE RootDirectory;
  PUNICODE_STRING ObjectName;
  ULONG Attributes;
  PVOID SecurityDescriptor;
  PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;
typedef const OBJECT_ATTRIBUTES *PCOBJECT_ATTRIBUTES;

KSIM_WDK_SIZE(OBJECT_ATTRIBUTES, 0x30);
KSIM_WDK_OFFSET(OBJECT_ATTRIBUTES, ObjectName, 0x10);
KSIM_WDK_OFFSET(OBJECT_ATTRIBUTES, Attributes, 0x18);

/* A braced block rather than do/while, as in the WDK, so driver code written against it
 * (with or without a trailing semicolon) compiles unchanged. */
#define InitializeObjectAttributes(p, n, a, r, s) \
  {                                               \
    (p)->Length = sizeof(OBJECT_ATTRIBUTES);      \
    (p)->RootDirectory = (r);                     \
    (p)->Attributes = (a);                        \
    (p)->ObjectName = (n);                        \
    (p)->SecurityDescriptor = (s);                \
    (p)->SecurityQualityOfService = NULL;         \
  }

/* Standard access rights (winnt.h); object-specific rights live with their objects. */
#define DELETE 0x00010000L
#define READ_CONTROL 0x00020000L
#define WRITE_DAC 0x00040000L
#define WRITE_OWNER 0x00080000L
#define SYNCHRONIZE 0x00100000L
#define STANDARD_RIGHTS_REQUIRED 0x000F0000L
#define STANDARD_RIGHTS_READ READ_CONTROL
#define STANDARD_RIGHTS_WRITE READ_CONTROL
#define STANDARD_RIGHTS_EXECUTE READ_CONTROL
#define STANDARD_RIGHTS_ALL 0x001F0000L
#define SPECIFIC_RIGHTS_ALL 0x0000FFFFL
#define ACCESS_SYSTEM_SECURITY 0x01000000L
#define MAXIMUM_ALLOWED 0x02000000L
#define GENERIC_READ 0x80000000L
#define GENERIC_WRITE 0x40000000L
#define GENERIC_EXECUTE 0x20000000L
#define GENERIC_ALL 0x10000000L

#define FIELD_OFFSET(type, field) ((LONG) __builtin_offsetof(type, field))
#define UFIELD_OFFSET(type, field) ((ULONG) __builtin_offsetof(type, field))
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) (FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define CONTAINING_RECORD(address, type, field) \
  ((type *)((PCHAR)(address) - (ULONG_PTR) __builtin_offsetof(type, field)))
#define RTL_NUMBER_OF(a) (sizeof(a) / sizeof((a)[0]))
#define ARRAYSIZE(a) RTL_NUMBER_OF(a)
#define ARGUMENT_PRESENT(p) ((CHAR *)((ULONG_PTR)(p)) != (CHAR *)NULL)
#define UNREFERENCED_PARAMETER(p) ((void)(p))
#define DBG_UNREFERENCED_PARAMETER(p) ((void)(p))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(v) ((void)(v))
#define C_ASSERT(e) KSIM_WDK_ASSERT(e, #e)
#define Int32x32To64(a, b) ((LONGLONG)((LONG)(a)) * (LONGLONG)((LONG)(b)))
#define UInt32x32To64(a, b) ((ULONGLONG)((ULONG)(a)) * (ULONGLONG)((ULONG)(b)))
#define ALIGN_DOWN_BY(length, alignment) ((ULONG_PTR)(length) & ~((ULONG_PTR)(alignment)-1))
#define ALIGN_UP_BY(length, alignment) (ALIGN_DOWN_BY(((ULONG_PTR)(length) + (alignment)-1), alignment))
#define MEMORY_ALLOCATION_ALIGNMENT 16

/* Driver code only: these short names collide with libc/libstdc++ or with C++ methods. */
#if KSIM_WDK_DRIVER_MODE
#define FlagOn(flags, single_flag) ((flags) & (single_flag))
#define BooleanFlagOn(flags, single_flag) ((BOOLEAN)(((flags) & (single_flag)) != 0))
#define SetFlag(flags, single_flag) ((flags) |= (single_flag))
#define ClearFlag(flags, single_flag) ((flags) &= ~(single_flag))
#define PAGE_SIZE 0x1000
#define PAGE_SHIFT 12L
#if !defined(__cplusplus) && !defined(NOMINMAX)
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#endif
#endif

KSIM_WDK_END_DECLS

/* RTL_CONSTANT_STRING(L"x") builds a UNICODE_STRING (or, from "x", a STRING) initializer.
 * C++ needs the literal's constness dropped explicitly, as the WDK does with a template. */
#ifdef __cplusplus
template <typename Char, size_t N>
constexpr Char *KsimWdkMutableLiteral(const Char (&literal)[N]) {
  return const_cast<Char *>(literal);
}
#define RTL_CONSTANT_STRING(s) \
  { sizeof(s) - sizeof((s)[0]), sizeof(s), KsimWdkMutableLiteral(s) }
#else
#define RTL_CONSTANT_STRING(s) \
  { sizeof(s) - sizeof((s)[0]), sizeof(s), s }
#endif

#define DECLARE_CONST_UNICODE_STRING(var, literal) \
  const WCHAR var##_buffer[] = literal;            \
  const UNICODE_STRING var = {sizeof(literal) - sizeof(WCHAR), sizeof(literal), (PWCH)var##_buffer}
#define DECLARE_GLOBAL_CONST_UNICODE_STRING(var, literal) const UNICODE_STRING var = RTL_CONSTANT_STRING(literal)
#define DECLARE_UNICODE_STRING_SIZE(var, size_in_chars) \
  WCHAR var##_buffer[size_in_chars];                    \
  UNICODE_STRING var = {0, (size_in_chars) * sizeof(WCHAR), var##_buffer}

#endif /* KSIM_WDK_TYPES_H */
