// The Windows-kernel printf engine behind DbgPrint, RtlStringCch*Printf* and _snwprintf.
//
// Narrow text is treated as Latin-1, ksim's stand-in for the ANSI code page: a wide
// argument in narrow output keeps code units up to U+00FF and turns the rest into '?',
// and a narrow argument in wide output maps each byte to the code unit of equal value.
// nt_format.cpp lists the conversions and where they deviate from Windows.
#pragma once

#include <cstdarg>
#include <cstddef>
#include <string>
#include <string_view>

namespace ksim::wdk {

inline constexpr std::size_t kUnlimited = static_cast<std::size_t>(-1);

// DbgPrint transmits at most this many bytes of one message (learn.microsoft.com, DbgPrint).
inline constexpr std::size_t kDbgPrintMaxBytes = 512;

// Expands fmt with the arguments in args and appends at most max_units code units of the
// result to out. Returns the length the whole expansion has, so a result above max_units
// means the output was truncated. args is read through a copy: the caller's va_list is not
// advanced.
std::size_t format_append(std::string& out, std::string_view fmt, va_list args, std::size_t max_units = kUnlimited);
std::size_t format_append(std::u16string& out, std::u16string_view fmt, va_list args,
                          std::size_t max_units = kUnlimited);

// The text of DbgPrint(fmt, ...) as UTF-8: the first kDbgPrintMaxBytes bytes of the
// expansion, Latin-1 decoded. A null fmt gives an empty string.
std::string format_dbgprint(const char* fmt, va_list args);

// UTF-16 (e.g. a UNICODE_STRING's buffer) to UTF-8; unpaired surrogates become U+FFFD.
std::string utf16_to_utf8(std::u16string_view text);

}  // namespace ksim::wdk
