// Text formats shared by every renderer: numbers, addresses, durations, dates and sizes, each the way
// WinDbg or MEX prints it. Pure functions; no locale, no libc time zones.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "kernel_model/nt_enums.h"

namespace viz {

// --- Numbers and addresses -------------------------------------------------------------------------
std::string hex(km::ULONG64 value);                     // "2268" (lowercase, no prefix, no padding)
std::string hex_upper(km::ULONG64 value);               // "FFFF8001ACDC6010"
std::string hex_padded(km::ULONG64 value, int digits);  // "0004", "00000000"
std::string hex16(km::ULONG64 value);                   // "ffffc983f2d47040"
std::string backtick(km::ULONG64 value);                // "ffffc983`f2d47040"
std::string pointer(km::ULONG64 value);                 // "0xffffc983`f2d47040"
std::string dec(km::LONG64 value);

std::string pad_right(std::string_view text, std::size_t width);
std::string pad_left(std::string_view text, std::size_t width);
std::string lowercase(std::string_view text);
bool contains_nocase(std::string_view haystack, std::string_view needle);
bool equals_nocase(std::string_view a, std::string_view b);

// --- Clock ticks -----------------------------------------------------------------------------------
// A tick is TimeIncrement 100 ns units (15.625 ms). Wait ages are truncated to the millisecond (the
// seed's 7511 ticks print 1m:57.359); CPU times are rounded to the nearest millisecond (38 ticks of
// KernelTime print 594ms, one tick prints 16ms in the 0x13C dump).
km::ULONG64 ticks_to_ms_truncated(km::ULONG64 ticks, km::ULONG time_increment);
km::ULONG64 ticks_to_ms_rounded(km::ULONG64 ticks, km::ULONG time_increment);

// MEX's duration: "0", "15ms", "36s.515", "1m:53.953", "1h:02m:03.004".
std::string mex_duration(km::ULONG64 ms);
// WinDbg !thread's times: "00:00:01.953" and the Ticks form "0:00:01:57.359".
std::string hms_ms(km::ULONG64 ms);
std::string dhms_ms(km::ULONG64 ms);
// !di's uptime: "0 days 0:17:02.325" from 100 ns units.
std::string uptime(km::ULONG64 interrupt_time);

// --- Civil time ------------------------------------------------------------------------------------
struct CivilTime {
  int year = 1601, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0, millisecond = 0;
  int weekday = 1;  // 0 = Sunday
};
// system_time: 100 ns since 1601-01-01 UTC; bias_minutes: local = UTC + bias.
CivilTime civil_time(km::LONG64 system_time, km::LONG bias_minutes);
std::string session_time(const CivilTime& t);      // "Fri Nov  3 05:35:00.352 2023"
std::string utc_offset(km::LONG bias_minutes);     // "UTC - 8:00"
std::string us_date_time_12h(const CivilTime& t);  // "11/03/2023 06:17:56.694 AM"
std::string kd_date_time(const CivilTime& t);      // " 1/ 9/2020 12:20:34.851" (!timer)

// --- Sizes -----------------------------------------------------------------------------------------
// MEX's memory sizes: "272 B", "44 KB", "86.52 MB": the largest unit keeping the value >= 1, two
// decimals rounded to nearest, trailing zeros dropped.
std::string mex_size(km::ULONG64 bytes);

}  // namespace viz
