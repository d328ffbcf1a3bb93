#include "viz/format.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <type_traits>

namespace viz {

namespace {

// 64-bit integers travel to snprintf as (unsigned) long long, matching the %ll conversions used here.
template <typename T>
auto printf_arg(T value) {
  if constexpr (std::is_integral_v<T> && sizeof(T) == 8) {
    if constexpr (std::is_signed_v<T>) {
      return static_cast<long long>(value);
    } else {
      return static_cast<unsigned long long>(value);
    }
  } else {
    return value;
  }
}

template <typename... Args>
std::string printf_string(const char* format, Args... args) {
  std::array<char, 64> buffer{};
  const int length = std::snprintf(buffer.data(), buffer.size(), format, printf_arg(args)...);
  return std::string(buffer.data(), static_cast<std::size_t>(std::max(length, 0)));
}

constexpr km::ULONG64 kMsPerSecond = 1000;
constexpr km::ULONG64 kMsPerMinute = 60 * kMsPerSecond;
constexpr km::ULONG64 kMsPerHour = 60 * kMsPerMinute;
constexpr km::ULONG64 kMsPerDay = 24 * kMsPerHour;
constexpr km::LONG64 kHundredNsPerMs = 10'000;

// Days from 1601-01-01 (the FILETIME epoch) to 1970-01-01.
constexpr km::LONG64 kDays1601To1970 = 134'774;

struct CivilDate {
  int year, month, day;
};

// Proleptic Gregorian date of a day count from 1970-01-01, computed in 400-year eras that start on
// March 1st so that the leap day falls at the end of each year.
CivilDate civil_from_days(km::LONG64 days) {
  const km::LONG64 shifted = days + 719'468;  // days from 0000-03-01
  const km::LONG64 era = (shifted >= 0 ? shifted : shifted - 146'096) / 146'097;
  const km::LONG64 day_of_era = shifted - era * 146'097;
  const km::LONG64 year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36'524 - day_of_era / 146'096) / 365;
  const km::LONG64 day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const km::LONG64 month_from_march = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  const int month = static_cast<int>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

km::LONG64 floor_div(km::LONG64 a, km::LONG64 b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::string hex(km::ULONG64 value) { return printf_string("%llx", value); }

std::string hex_upper(km::ULONG64 value) { return printf_string("%llX", value); }

std::string hex_padded(km::ULONG64 value, int digits) { return printf_string("%0*llx", digits, value); }

std::string hex16(km::ULONG64 value) { return hex_padded(value, 16); }

std::string backtick(km::ULONG64 value) {
  return hex_padded(value >> 32, 8) + "`" + hex_padded(value & 0xffff'ffffULL, 8);
}

std::string pointer(km::ULONG64 value) { return "0x" + backtick(value); }

std::string dec(km::LONG64 value) { return printf_string("%lld", value); }

std::string pad_right(std::string_view text, std::size_t width) {
  std::string out(text);
  if (out.size() < width) out.append(width - out.size(), ' ');
  return out;
}

std::string pad_left(std::string_view text, std::size_t width) {
  std::string out;
  if (text.size() < width) out.assign(width - text.size(), ' ');
  out.append(text);
  return out;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool contains_nocase(std::string_view haystack, std::string_view needle) {
  return lowercase(haystack).find(lowercase(needle)) != std::string::npos;
}

bool equals_nocase(std::string_view a, std::string_view b) { return lowercase(a) == lowercase(b); }

km::ULONG64 ticks_to_ms_truncated(km::ULONG64 ticks, km::ULONG time_increment) {
  return ticks * time_increment / kHundredNsPerMs;
}

km::ULONG64 ticks_to_ms_rounded(km::ULONG64 ticks, km::ULONG time_increment) {
  return (ticks * time_increment + kHundredNsPerMs / 2) / kHundredNsPerMs;
}

std::string mex_duration(km::ULONG64 ms) {
  const auto hours = ms / kMsPerHour;
  const auto minutes = ms % kMsPerHour / kMsPerMinute;
  const auto seconds = ms % kMsPerMinute / kMsPerSecond;
  const auto millis = ms % kMsPerSecond;
  if (ms == 0) return "0";
  if (ms < kMsPerSecond) return dec(static_cast<km::LONG64>(ms)) + "ms";
  if (ms < kMsPerMinute) return printf_string("%llus.%03llu", seconds, millis);
  if (ms < kMsPerHour) return printf_string("%llum:%02llu.%03llu", minutes, seconds, millis);
  return printf_string("%lluh:%02llum:%02llu.%03llu", hours, minutes, seconds, millis);
}

std::string hms_ms(km::ULONG64 ms) {
  return printf_string("%02llu:%02llu:%02llu.%03llu", ms / kMsPerHour, ms % kMsPerHour / kMsPerMinute,
                       ms % kMsPerMinute / kMsPerSecond, ms % kMsPerSecond);
}

std::string dhms_ms(km::ULONG64 ms) {
  return printf_string("%llu:%02llu:%02llu:%02llu.%03llu", ms / kMsPerDay, ms % kMsPerDay / kMsPerHour,
                       ms % kMsPerHour / kMsPerMinute, ms % kMsPerMinute / kMsPerSecond, ms % kMsPerSecond);
}

std::string uptime(km::ULONG64 interrupt_time) {
  const km::ULONG64 ms = interrupt_time / kHundredNsPerMs;
  return printf_string("%llu days %llu:%02llu:%02llu.%03llu", ms / kMsPerDay, ms % kMsPerDay / kMsPerHour,
                       ms % kMsPerHour / kMsPerMinute, ms % kMsPerMinute / kMsPerSecond, ms % kMsPerSecond);
}

CivilTime civil_time(km::LONG64 system_time, km::LONG bias_minutes) {
  const km::LONG64 local_ms = floor_div(system_time, kHundredNsPerMs) + static_cast<km::LONG64>(bias_minutes) * 60'000;
  const auto ms_per_day = static_cast<km::LONG64>(kMsPerDay);
  const km::LONG64 days = floor_div(local_ms, ms_per_day);
  const km::LONG64 ms_of_day = local_ms - days * ms_per_day;
  const km::LONG64 days_1970 = days - kDays1601To1970;
  const CivilDate date = civil_from_days(days_1970);
  CivilTime t;
  t.year = date.year;
  t.month = date.month;
  t.day = date.day;
  t.hour = static_cast<int>(ms_of_day / 3'600'000);
  t.minute = static_cast<int>(ms_of_day / 60'000 % 60);
  t.second = static_cast<int>(ms_of_day / 1000 % 60);
  t.millisecond = static_cast<int>(ms_of_day % 1000);
  t.weekday = static_cast<int>(days_1970 - floor_div(days_1970 + 4, 7) * 7 + 4);  // 1970-01-01: Thursday
  return t;
}

std::string session_time(const CivilTime& t) {
  return std::string(kWeekdays[static_cast<std::size_t>(t.weekday)]) + " " +
         std::string(kMonths[static_cast<std::size_t>(t.month - 1)]) +
         printf_string(" %2d %02d:%02d:%02d.%03d %d", t.day, t.hour, t.minute, t.second, t.millisecond, t.year);
}

std::string utc_offset(km::LONG bias_minutes) {
  const km::LONG magnitude = bias_minutes < 0 ? -bias_minutes : bias_minutes;
  return printf_string("UTC %c %d:%02d", bias_minutes < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

std::string us_date_time_12h(const CivilTime& t) {
  const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  return printf_string("%02d/%02d/%04d %02d:%02d:%02d.%03d %s", t.month, t.day, t.year, hour12, t.minute, t.second,
                       t.millisecond, t.hour < 12 ? "AM" : "PM");
}

std::string kd_date_time(const CivilTime& t) {
  return printf_string("%2d/%2d/%04d %02d:%02d:%02d.%03d", t.month, t.day, t.year, t.hour, t.minute, t.second,
                       t.millisecond);
}

std::string mex_size(km::ULONG64 bytes) {
  static constexpr std::array<std::string_view, 5> units = {"B", "KB", "MB", "GB", "TB"};
  std::size_t unit_index = 0;
  km::ULONG64 unit = 1;
  while (unit_index + 1 < units.size() && bytes / unit >= 1024) {
    unit *= 1024;
    ++unit_index;
  }
  km::ULONG64 whole = bytes / unit;
  km::ULONG64 hundredths = (bytes % unit * 100 + unit / 2) / unit;
  if (hundredths == 100) {
    ++whole;
    hundredths = 0;
  }
  std::string text = dec(static_cast<km::LONG64>(whole));
  if (hundredths != 0) {
    text += hundredths % 10 == 0 ? printf_string(".%llu", hundredths / 10) : printf_string(".%02llu", hundredths);
  }
  return text + " " + std::string(units[unit_index]);
}

}  // namespace viz
