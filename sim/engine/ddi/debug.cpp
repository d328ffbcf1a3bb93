// Debug output, bugchecks, and the hooks the shim's call-site macros and driver runtime call.
#include <cstdarg>

#include "../driver_image.h"
#include "ddi_support.h"
#include "nt_format.h"

namespace kc = ksim::kcall;

extern "C" {

void KsimNoteCallSite(const char* file, int line) { kc::note_call_site(file, line); }

// The compiler's stack protector found a smashed canary as the function returned (driver_runtime.c):
// what /GS reports as DRIVER_OVERRAN_STACK_BUFFER. ksim does not see the cookie values: 0.
void KsimStackOverrun(void*) { kc::bugcheck(DRIVER_OVERRAN_STACK_BUFFER, {0, 0, 0, 0}); }

ULONG DbgPrint(PCSTR Format, ...) {
  va_list args;
  va_start(args, Format);
  kc::debug_print(ksim::wdk::format_dbgprint(Format, args));
  va_end(args);
  return STATUS_SUCCESS;
}

ULONG DbgPrintEx(ULONG, ULONG, PCSTR Format, ...) {
  va_list args;
  va_start(args, Format);
  kc::debug_print(ksim::wdk::format_dbgprint(Format, args));
  va_end(args);
  return STATUS_SUCCESS;
}

VOID KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR P1, ULONG_PTR P2, ULONG_PTR P3, ULONG_PTR P4) {
  kc::bugcheck(BugCheckCode, {P1, P2, P3, P4});
}

VOID KeBugCheck(ULONG BugCheckCode) { kc::bugcheck(BugCheckCode, {0, 0, 0, 0}); }

VOID NTAPI RtlAssert(PVOID, PVOID, ULONG, PSTR) {}

}  // extern "C"
