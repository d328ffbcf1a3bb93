// The 16-bit wide-string CRT that driver code reaches through rtl.h's wcs* redirections,
// and MSVC's legacy _snprintf family on the Windows printf engine.
#include <ntifs.h>

#include "nt_format.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <string>

namespace {

int sign(int difference) { return (difference > 0) - (difference < 0); }

// _wcsicmp compares lowercase forms, and in the kernel's C locale only ASCII has case.
WCHAR lower(WCHAR c) { return c >= u'A' && c <= u'Z' ? static_cast<WCHAR>(c + (u'a' - u'A')) : c; }

template <typename Fold>
int compare(const WCHAR* a, const WCHAR* b, size_t count, Fold fold) {
  for (size_t i = 0; i < count; ++i) {
    const WCHAR x = fold(a[i]);
    const WCHAR y = fold(b[i]);
    if (x != y || x == 0) {
      return sign(static_cast<int>(x) - static_cast<int>(y));
    }
  }
  return 0;
}

WCHAR same(WCHAR c) { return c; }

// MSVC's legacy contract: the count written, or -1 when the output does not fit (the buffer
// then holds the first count units, unterminated, as it does when the output exactly fits).
template <typename Char>
int print_legacy(Char* buffer, size_t count, const Char* format, va_list args) {
  if (format == nullptr || (buffer == nullptr && count != 0)) {
    return -1;
  }
  std::basic_string<Char> text;
  const size_t units = ksim::wdk::format_append(text, format, args, count);
  std::copy(text.begin(), text.end(), buffer);
  if (units < count) {
    buffer[units] = 0;
  }
  return units <= count && units <= INT_MAX ? static_cast<int>(units) : -1;
}

}  // namespace

extern "C" {

size_t KsimWcslen(const WCHAR* String) { return KsimWcsnlen(String, SIZE_MAX); }

size_t KsimWcsnlen(const WCHAR* String, size_t MaxCount) {
  size_t units = 0;
  while (units < MaxCount && String[units] != 0) {
    ++units;
  }
  return units;
}

WCHAR* KsimWcscpy(WCHAR* Destination, const WCHAR* Source) {
  std::copy_n(Source, KsimWcslen(Source) + 1, Destination);
  return Destination;
}

// Copies at most Count units, padding with NULs; no NUL is added when Source is longer.
WCHAR* KsimWcsncpy(WCHAR* Destination, const WCHAR* Source, size_t Count) {
  const size_t units = KsimWcsnlen(Source, Count);
  std::copy_n(Source, units, Destination);
  std::fill(Destination + units, Destination + Count, WCHAR{0});
  return Destination;
}

WCHAR* KsimWcscat(WCHAR* Destination, const WCHAR* Source) {
  KsimWcscpy(Destination + KsimWcslen(Destination), Source);
  return Destination;
}

int KsimWcscmp(const WCHAR* String1, const WCHAR* String2) { return compare(String1, String2, SIZE_MAX, same); }

int KsimWcsncmp(const WCHAR* String1, const WCHAR* String2, size_t Count) {
  return compare(String1, String2, Count, same);
}

int KsimWcsicmp(const WCHAR* String1, const WCHAR* String2) { return compare(String1, String2, SIZE_MAX, lower); }

int KsimWcsnicmp(const WCHAR* String1, const WCHAR* String2, size_t Count) {
  return compare(String1, String2, Count, lower);
}

// Finding the NUL itself is allowed, as with wcschr(s, 0).
WCHAR* KsimWcschr(const WCHAR* String, WCHAR Character) {
  for (;; ++String) {
    if (*String == Character) {
      return const_cast<WCHAR*>(String);
    }
    if (*String == 0) {
      return nullptr;
    }
  }
}

WCHAR* KsimWcsrchr(const WCHAR* String, WCHAR Character) {
  const WCHAR* found = nullptr;
  for (;; ++String) {
    if (*String == Character) {
      found = String;
    }
    if (*String == 0) {
      return const_cast<WCHAR*>(found);
    }
  }
}

WCHAR* KsimWcsstr(const WCHAR* String, const WCHAR* Substring) {
  const std::u16string_view haystack(String, KsimWcslen(String));
  const size_t at = haystack.find(std::u16string_view(Substring, KsimWcslen(Substring)));
  return at == std::u16string_view::npos ? nullptr : const_cast<WCHAR*>(String + at);
}

int KsimVsnwprintf(WCHAR* Buffer, size_t Count, const WCHAR* Format, va_list Arguments) {
  return print_legacy(Buffer, Count, Format, Arguments);
}

int KsimSnwprintf(WCHAR* Buffer, size_t Count, const WCHAR* Format, ...) {
  va_list args;
  va_start(args, Format);
  const int written = print_legacy(Buffer, Count, Format, args);
  va_end(args);
  return written;
}

int KsimVsnprintf(char* Buffer, size_t Count, const char* Format, va_list Arguments) {
  return print_legacy(Buffer, Count, Format, Arguments);
}

int KsimSnprintf(char* Buffer, size_t Count, const char* Format, ...) {
  va_list args;
  va_start(args, Format);
  const int written = print_legacy(Buffer, Count, Format, args);
  va_end(args);
  return written;
}

}  // extern "C"
