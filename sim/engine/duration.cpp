#include "duration.h"

#include <cctype>
#include <cstdio>

namespace ksim {

std::optional<std::uint64_t> parse_duration(std::string_view text) {
  struct Unit {
    std::string_view name;
    std::uint64_t ticks;  // 100 ns units
  };
  // Longest names first, so "ms" is not read as "m" followed by garbage.
  static constexpr Unit units[] = {{"ms", 10000}, {"us", 10}, {"ns", 0}, {"h", 36000000000},
                                   {"m", 600000000}, {"s", 10000000}};
  std::uint64_t total = 0;
  std::size_t i = 0;
  if (text.empty()) return std::nullopt;
  while (i < text.size()) {
    std::uint64_t whole = 0;
    std::uint64_t fraction = 0;
    std::uint64_t scale = 1;
    const std::size_t start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
      whole = whole * 10 + static_cast<std::uint64_t>(text[i++] - '0');
      if (whole > 1000000000000ull) return std::nullopt;
    }
    if (i < text.size() && text[i] == '.') {
      ++i;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) {
        if (scale < 10000000000ull) {
          fraction = fraction * 10 + static_cast<std::uint64_t>(text[i] - '0');
          scale *= 10;
        }
        ++i;
      }
    }
    if (i == start) return std::nullopt;
    const Unit* unit = nullptr;
    for (const Unit& u : units) {
      if (text.substr(i, u.name.size()) == u.name) {
        unit = &u;
        break;
      }
    }
    if (!unit) return std::nullopt;
    i += unit->name.size();
    if (unit->ticks == 0) {  // nanoseconds: below the clock's 100 ns resolution
      total += whole / 100;
      continue;
    }
    total += whole * unit->ticks + fraction * unit->ticks / scale;
  }
  return total;
}

std::string format_uptime(std::uint64_t interrupt_time) {
  const std::uint64_t ms = interrupt_time / 10000;
  char text[48];
  std::snprintf(text, sizeof text, "%llu:%02llu:%02llu.%03llu", static_cast<unsigned long long>(ms / 3600000),
                static_cast<unsigned long long>(ms / 60000 % 60), static_cast<unsigned long long>(ms / 1000 % 60),
                static_cast<unsigned long long>(ms % 1000));
  return text;
}

}  // namespace ksim
