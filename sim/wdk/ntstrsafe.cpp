// The ntstrsafe.h routines. Every result is NUL-terminated within the destination;
// STATUS_BUFFER_OVERFLOW reports truncation, STATUS_INVALID_PARAMETER a size of 0 or above
// NTSTRSAFE_MAX_CCH characters (the destination is then left untouched) or a missing
// argument (where Windows would fault).
#include <ntifs.h>
#include <ntstrsafe.h>

#include "nt_format.h"

#include <algorithm>
#include <string>

namespace {

template <typename Char>
std::size_t bounded_length(const Char* text, std::size_t max_units) {
  std::size_t units = 0;
  while (units < max_units && text[units] != 0) {
    ++units;
  }
  return units;
}

bool valid_cch(std::size_t cch) { return cch != 0 && cch <= NTSTRSAFE_MAX_CCH; }

// Stores the first min(units, cch - 1) units of source plus a NUL.
template <typename Char>
NTSTATUS store(Char* destination, std::size_t cch, const Char* source, std::size_t units) {
  const std::size_t kept = std::min(units, cch - 1);
  std::copy_n(source, kept, destination);
  destination[kept] = 0;
  return kept < units ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

template <typename Char>
NTSTATUS copy_string(Char* destination, std::size_t cch, const Char* source) {
  if (!valid_cch(cch) || destination == nullptr || source == nullptr) {
    return STATUS_INVALID_PARAMETER;
  }
  return store(destination, cch, source, bounded_length(source, cch));
}

// The destination must already hold a NUL within its cch characters.
template <typename Char>
NTSTATUS cat_string(Char* destination, std::size_t cch, const Char* source) {
  if (!valid_cch(cch) || destination == nullptr || source == nullptr) {
    return STATUS_INVALID_PARAMETER;
  }
  const std::size_t used = bounded_length(destination, cch);
  if (used == cch) {
    return STATUS_INVALID_PARAMETER;
  }
  const std::size_t left = cch - used;
  return store(destination + used, left, source, bounded_length(source, left));
}

template <typename Char>
NTSTATUS string_length(const Char* text, std::size_t cch_max, std::size_t* cch_length) {
  const bool valid = text != nullptr && valid_cch(cch_max);
  const std::size_t units = valid ? bounded_length(text, cch_max) : cch_max;
  const bool terminated = valid && units < cch_max;
  if (cch_length != nullptr) {
    *cch_length = terminated ? units : 0;
  }
  return terminated ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

template <typename Char>
NTSTATUS print_string(Char* destination, std::size_t cch, const Char* format, va_list args) {
  if (!valid_cch(cch) || destination == nullptr) {
    return STATUS_INVALID_PARAMETER;
  }
  if (format == nullptr) {
    destination[0] = 0;
    return STATUS_INVALID_PARAMETER;
  }
  std::basic_string<Char> text;
  const std::size_t units = ksim::wdk::format_append(text, format, args, cch);
  return store(destination, cch, text.data(), units);
}

}  // namespace

extern "C" {

NTSTATUS RtlStringCchCopyW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc) {
  return copy_string(pszDest, cchDest, pszSrc);
}
NTSTATUS RtlStringCchCopyA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc) {
  return copy_string(pszDest, cchDest, pszSrc);
}
NTSTATUS RtlStringCbCopyW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc) {
  return copy_string(pszDest, cbDest / sizeof(WCHAR), pszSrc);
}
NTSTATUS RtlStringCbCopyA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc) {
  return copy_string(pszDest, cbDest, pszSrc);
}

NTSTATUS RtlStringCchCatW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszSrc) {
  return cat_string(pszDest, cchDest, pszSrc);
}
NTSTATUS RtlStringCchCatA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszSrc) {
  return cat_string(pszDest, cchDest, pszSrc);
}
NTSTATUS RtlStringCbCatW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszSrc) {
  return cat_string(pszDest, cbDest / sizeof(WCHAR), pszSrc);
}
NTSTATUS RtlStringCbCatA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszSrc) {
  return cat_string(pszDest, cbDest, pszSrc);
}

NTSTATUS RtlStringCchLengthW(NTSTRSAFE_PCWSTR psz, size_t cchMax, size_t* pcchLength) {
  return string_length(psz, cchMax, pcchLength);
}
NTSTATUS RtlStringCchLengthA(NTSTRSAFE_PCSTR psz, size_t cchMax, size_t* pcchLength) {
  return string_length(psz, cchMax, pcchLength);
}
NTSTATUS RtlStringCbLengthW(NTSTRSAFE_PCWSTR psz, size_t cbMax, size_t* pcbLength) {
  const NTSTATUS status = string_length(psz, cbMax / sizeof(WCHAR), pcbLength);
  if (pcbLength != nullptr) {
    *pcbLength *= sizeof(WCHAR);
  }
  return status;
}
NTSTATUS RtlStringCbLengthA(NTSTRSAFE_PCSTR psz, size_t cbMax, size_t* pcbLength) {
  return string_length(psz, cbMax, pcbLength);
}

NTSTATUS RtlStringCchVPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszFormat, va_list argList) {
  return print_string(pszDest, cchDest, pszFormat, argList);
}
NTSTATUS RtlStringCchVPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszFormat, va_list argList) {
  return print_string(pszDest, cchDest, pszFormat, argList);
}
NTSTATUS RtlStringCbVPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszFormat, va_list argList) {
  return print_string(pszDest, cbDest / sizeof(WCHAR), pszFormat, argList);
}
NTSTATUS RtlStringCbVPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszFormat, va_list argList) {
  return print_string(pszDest, cbDest, pszFormat, argList);
}

NTSTATUS RtlStringCchPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cchDest, NTSTRSAFE_PCWSTR pszFormat, ...) {
  va_list args;
  va_start(args, pszFormat);
  const NTSTATUS status = print_string(pszDest, cchDest, pszFormat, args);
  va_end(args);
  return status;
}
NTSTATUS RtlStringCchPrintfA(NTSTRSAFE_PSTR pszDest, size_t cchDest, NTSTRSAFE_PCSTR pszFormat, ...) {
  va_list args;
  va_start(args, pszFormat);
  const NTSTATUS status = print_string(pszDest, cchDest, pszFormat, args);
  va_end(args);
  return status;
}
NTSTATUS RtlStringCbPrintfW(NTSTRSAFE_PWSTR pszDest, size_t cbDest, NTSTRSAFE_PCWSTR pszFormat, ...) {
  va_list args;
  va_start(args, pszFormat);
  const NTSTATUS status = print_string(pszDest, cbDest / sizeof(WCHAR), pszFormat, args);
  va_end(args);
  return status;
}
NTSTATUS RtlStringCbPrintfA(NTSTRSAFE_PSTR pszDest, size_t cbDest, NTSTRSAFE_PCSTR pszFormat, ...) {
  va_list args;
  va_start(args, pszFormat);
  const NTSTATUS status = print_string(pszDest, cbDest, pszFormat, args);
  va_end(args);
  return status;
}

// Length = bytes without the NUL, MaximumLength = Length + 2. A string of
// NTSTRSAFE_UNICODE_STRING_MAX_CCH characters or more would not fit a UNICODE_STRING with
// its NUL: STATUS_INVALID_PARAMETER, and the string is left empty (0/0/NULL).
NTSTATUS RtlUnicodeStringInit(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszSrc) {
  if (DestinationString == nullptr) {
    return STATUS_INVALID_PARAMETER;
  }
  const std::size_t units = pszSrc == nullptr ? 0 : bounded_length(pszSrc, NTSTRSAFE_UNICODE_STRING_MAX_CCH);
  const bool fits = units < NTSTRSAFE_UNICODE_STRING_MAX_CCH;
  DestinationString->Length = static_cast<USHORT>(fits ? units * sizeof(WCHAR) : 0);
  DestinationString->MaximumLength = static_cast<USHORT>(fits && pszSrc != nullptr ? (units + 1) * sizeof(WCHAR) : 0);
  DestinationString->Buffer = fits ? const_cast<PWCH>(pszSrc) : nullptr;
  return fits ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
}

// Fills the whole MaximumLength (no NUL needed); Length is what was written.
NTSTATUS RtlUnicodeStringPrintf(PUNICODE_STRING DestinationString, NTSTRSAFE_PCWSTR pszFormat, ...) {
  if (DestinationString == nullptr || pszFormat == nullptr || DestinationString->MaximumLength % sizeof(WCHAR) != 0 ||
      (DestinationString->Buffer == nullptr && DestinationString->MaximumLength != 0)) {
    return STATUS_INVALID_PARAMETER;
  }
  const std::size_t cch = DestinationString->MaximumLength / sizeof(WCHAR);
  std::u16string text;
  va_list args;
  va_start(args, pszFormat);
  const std::size_t units = ksim::wdk::format_append(text, pszFormat, args, cch);
  va_end(args);
  std::copy(text.begin(), text.end(), DestinationString->Buffer);
  DestinationString->Length = static_cast<USHORT>(text.size() * sizeof(WCHAR));
  return units > cch ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

}  // extern "C"
