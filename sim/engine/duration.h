// Durations as users write them: "1m57.359s", "90s", "250ms", "35m", "1h30m", "15m04.966s".
// Parsed exactly into 100 ns units (no floating point).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ksim {

std::optional<std::uint64_t> parse_duration(std::string_view text);
// "0:17:02.325" (h:mm:ss.mmm, truncated to the millisecond), as !di shows uptime.
std::string format_uptime(std::uint64_t interrupt_time);

}  // namespace ksim
