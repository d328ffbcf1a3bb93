// The shared text formats: durations, ticks, civil dates and sizes.
#include <doctest/doctest.h>

#include "viz/format.h"

TEST_CASE("mex durations") {
  CHECK(viz::mex_duration(0) == "0");
  CHECK(viz::mex_duration(15) == "15ms");
  CHECK(viz::mex_duration(999) == "999ms");
  CHECK(viz::mex_duration(1000) == "1s.000");
  CHECK(viz::mex_duration(36515) == "36s.515");
  CHECK(viz::mex_duration(113953) == "1m:53.953");
  CHECK(viz::mex_duration(25 * 60000 + 5765) == "25m:05.765");
  CHECK(viz::mex_duration(3723004) == "1h:02m:03.004");
}

TEST_CASE("ticks become milliseconds: wait ages truncate, CPU times round") {
  constexpr km::ULONG increment = 156250;                        // 15.625 ms
  CHECK(viz::ticks_to_ms_truncated(7511, increment) == 117359);  // the seed's 1m:57.359
  CHECK(viz::ticks_to_ms_truncated(7293, increment) == 113953);  // 1m:53.953
  CHECK(viz::ticks_to_ms_truncated(1, increment) == 15);         // a 15ms wait
  CHECK(viz::ticks_to_ms_rounded(38, increment) == 594);         // the seed's KernelTime 594ms
  CHECK(viz::ticks_to_ms_rounded(1, increment) == 16);           // 0x13C dump's KernelTime 16ms
  CHECK(viz::ticks_to_ms_rounded(270, increment) == 4219);       // spinlock dump's 4s.219
}

TEST_CASE("WinDbg's clock formats") {
  CHECK(viz::hms_ms(593) == "00:00:00.593");
  CHECK(viz::dhms_ms(117359) == "0:00:01:57.359");
  CHECK(viz::uptime(10223250000) == "0 days 0:17:02.325");
  CHECK(viz::uptime(864000000000 + 36000000000) == "1 days 1:00:00.000");
}

TEST_CASE("civil time from FILETIME, with the time zone bias applied") {
  const viz::CivilTime session = viz::civil_time(133434921003520000, -480);  // 2023-11-03 13:35:00.352 UTC
  CHECK(viz::session_time(session) == "Fri Nov  3 05:35:00.352 2023");
  CHECK(viz::us_date_time_12h(viz::civil_time(133434910766940000, -420)) == "11/03/2023 06:17:56.694 AM");
  CHECK(viz::us_date_time_12h(viz::civil_time(133434910766940000, 0)) == "11/03/2023 01:17:56.694 PM");
  CHECK(viz::session_time(viz::civil_time(0, 0)) == "Mon Jan  1 00:00:00.000 1601");
  CHECK(viz::session_time(viz::civil_time(133536816000000000, 0)) == "Thu Feb 29 12:00:00.000 2024");
  CHECK(viz::session_time(viz::civil_time(133536816000000000, 12 * 60)) == "Fri Mar  1 00:00:00.000 2024");
  CHECK(viz::session_time(viz::civil_time(125911584000000000, -1)) == "Fri Dec 31 23:59:00.000 1999");
  CHECK(viz::kd_date_time(viz::civil_time(133536816000000000, 0)) == " 2/29/2024 12:00:00.000");
  CHECK(viz::us_date_time_12h(viz::civil_time(133536816000000000, 0)) == "02/29/2024 12:00:00.000 PM");
}

TEST_CASE("time zone offsets") {
  CHECK(viz::utc_offset(-480) == "UTC - 8:00");
  CHECK(viz::utc_offset(330) == "UTC + 5:30");
  CHECK(viz::utc_offset(0) == "UTC + 0:00");
}

TEST_CASE("mex sizes") {
  CHECK(viz::mex_size(272) == "272 B");
  CHECK(viz::mex_size(44 * 1024) == "44 KB");
  CHECK(viz::mex_size(4 << 20) == "4 MB");
  CHECK(viz::mex_size(90722796) == "86.52 MB");
  CHECK(viz::mex_size(160537395) == "153.1 MB");
  CHECK(viz::mex_size(1024 * 1024 - 1) == "1024 KB");
  CHECK(viz::mex_size(2ULL << 40) == "2 TB");
}

TEST_CASE("numbers and addresses") {
  CHECK(viz::hex16(0xffffc983f2d47040) == "ffffc983f2d47040");
  CHECK(viz::pointer(0xffffc983f2d47348) == "0xffffc983`f2d47348");
  CHECK(viz::hex_upper(0xFFFF8001ACDC6010) == "FFFF8001ACDC6010");
  CHECK(viz::hex_padded(0x878, 4) == "0878");
  CHECK(viz::dec(-1) == "-1");
}
