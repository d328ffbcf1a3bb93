// Where a stop lies in a run, numbered as WinDbg's Time Travel Debugging numbers positions,
// "Sequence:Steps" in hex. ksim's sequence is the number of dispatcher events so far (waits,
// satisfactions, releases, context switches, timer expiries, thread starts and exits); its steps
// count the engine's observation points (kernel calls, engine steps) since the last event.
// Replaying the same choices reaches the same position with the same machine state.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ksim::debug {

struct Position {
  std::uint64_t events = 0;
  std::uint64_t steps = 0;
  // A `g <duration>` stop lies between two points: the interrupt time the clock was brought to
  // after the point (events, steps); 0 at a point itself.
  std::uint64_t clock = 0;

  auto operator<=>(const Position&) const = default;
  Position point() const { return {events, steps, 0}; }
};

// "1A:0"
std::string to_string(const Position& position);
// "1A:0", "1a:3", or "1A" (steps 0); nothing when the text is not a position.
std::optional<Position> parse_position(std::string_view text);

}  // namespace ksim::debug
