// Counted-string Rtl routines (UNICODE_STRING / ANSI_STRING). Lengths are in bytes.
#include <ntifs.h>

#include <algorithm>
#include <cstring>

namespace {

// The largest byte counts a counted string can describe while keeping room for its NUL.
constexpr std::size_t kMaxUnicodeLength = 0xFFFC;
constexpr std::size_t kMaxAnsiLength = 0xFFFE;

std::size_t bounded_wcslen(PCWSTR text, std::size_t max_units) {
  std::size_t units = 0;
  while (units < max_units && text[units] != 0) {
    ++units;
  }
  return units;
}

void init_counted(PSTRING destination, PCSZ source) {
  const std::size_t length = source == nullptr ? 0 : std::min(std::strlen(source), kMaxAnsiLength);
  destination->Length = static_cast<USHORT>(length);
  destination->MaximumLength = static_cast<USHORT>(source == nullptr ? 0 : length + 1);
  destination->Buffer = const_cast<PCHAR>(source);
}

// Appends bytes and NUL-terminates when the buffer has room for it.
NTSTATUS append_units(PUNICODE_STRING destination, PCWCH source, std::size_t bytes) {
  if (destination->Length + bytes > destination->MaximumLength) {
    return STATUS_BUFFER_TOO_SMALL;
  }
  if (bytes != 0) {
    std::memmove(destination->Buffer + destination->Length / sizeof(WCHAR), source, bytes);
    destination->Length = static_cast<USHORT>(destination->Length + bytes);
  }
  if (destination->Length + sizeof(WCHAR) <= destination->MaximumLength) {
    destination->Buffer[destination->Length / sizeof(WCHAR)] = 0;
  }
  return STATUS_SUCCESS;
}

}  // namespace

// Length excludes the NUL and MaximumLength includes it. A string too long for a
// UNICODE_STRING is clamped to 0xFFFC / 0xFFFE bytes, as on Windows 7 and later.
extern "C" VOID RtlInitUnicodeString(PUNICODE_STRING DestinationString, PCWSTR SourceString) {
  if (SourceString == nullptr) {
    DestinationString->Length = 0;
    DestinationString->MaximumLength = 0;
    DestinationString->Buffer = nullptr;
    return;
  }
  const std::size_t bytes = bounded_wcslen(SourceString, kMaxUnicodeLength / sizeof(WCHAR) + 1) * sizeof(WCHAR);
  const std::size_t length = std::min(bytes, kMaxUnicodeLength);
  DestinationString->Length = static_cast<USHORT>(length);
  DestinationString->MaximumLength = static_cast<USHORT>(length + sizeof(WCHAR));
  DestinationString->Buffer = const_cast<PWCH>(SourceString);
}

extern "C" VOID RtlInitAnsiString(PANSI_STRING DestinationString, PCSZ SourceString) {
  init_counted(DestinationString, SourceString);
}

extern "C" VOID RtlInitString(PSTRING DestinationString, PCSZ SourceString) {
  init_counted(DestinationString, SourceString);
}

// Copies as much as fits; NUL-terminates when there is room. A null source empties it.
extern "C" VOID RtlCopyUnicodeString(PUNICODE_STRING DestinationString, PCUNICODE_STRING SourceString) {
  DestinationString->Length = 0;
  if (SourceString != nullptr) {
    const std::size_t bytes = std::min(SourceString->Length, DestinationString->MaximumLength);
    append_units(DestinationString, SourceString->Buffer, bytes & ~std::size_t{1});
  }
}

// The difference of the first differing characters (upcased when CaseInSensitive), else of
// the lengths.
extern "C" LONG RtlCompareUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive) {
  const std::size_t units = std::min(String1->Length, String2->Length) / sizeof(WCHAR);
  for (std::size_t i = 0; i < units; ++i) {
    WCHAR a = String1->Buffer[i];
    WCHAR b = String2->Buffer[i];
    if (CaseInSensitive) {
      a = RtlUpcaseUnicodeChar(a);
      b = RtlUpcaseUnicodeChar(b);
    }
    if (a != b) {
      return static_cast<LONG>(a) - static_cast<LONG>(b);
    }
  }
  return static_cast<LONG>(String1->Length) - static_cast<LONG>(String2->Length);
}

extern "C" BOOLEAN RtlEqualUnicodeString(PCUNICODE_STRING String1, PCUNICODE_STRING String2, BOOLEAN CaseInSensitive) {
  return String1->Length == String2->Length && RtlCompareUnicodeString(String1, String2, CaseInSensitive) == 0;
}

extern "C" NTSTATUS RtlAppendUnicodeStringToString(PUNICODE_STRING Destination, PCUNICODE_STRING Source) {
  return append_units(Destination, Source->Buffer, Source->Length);
}

extern "C" NTSTATUS RtlAppendUnicodeToString(PUNICODE_STRING Destination, PCWSTR Source) {
  const std::size_t units = Source == nullptr ? 0 : bounded_wcslen(Source, kMaxUnicodeLength);
  return append_units(Destination, Source, units * sizeof(WCHAR));
}

// Windows upcases through the NLS table; ksim covers ASCII, Latin-1, and the basic Greek and
// Cyrillic alphabets, and leaves every other character unchanged.
extern "C" WCHAR RtlUpcaseUnicodeChar(WCHAR SourceCharacter) {
  const unsigned c = SourceCharacter;
  if ((c >= u'a' && c <= u'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) ||
      (c >= 0x430 && c <= 0x44F)) {
    return static_cast<WCHAR>(c - 0x20);
  }
  if (c >= 0x450 && c <= 0x45F) {
    return static_cast<WCHAR>(c - 0x50);
  }
  if (c == 0xFF) {
    return 0x178;
  }
  if (c == 0x3C2) {  // final sigma
    return 0x3A3;
  }
  return SourceCharacter;
}
