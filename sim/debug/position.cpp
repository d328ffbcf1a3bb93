#include "position.h"

#include "viz/commands.h"
#include "viz/format.h"

namespace ksim::debug {

std::string to_string(const Position& position) {
  return viz::hex_upper(position.events) + ":" + viz::hex_upper(position.steps);
}

std::optional<Position> parse_position(std::string_view text) {
  const auto colon = text.find(':');
  const auto events = viz::parse_address(text.substr(0, colon));
  const auto steps = colon == std::string_view::npos ? std::optional<km::Address>(0)
                                                     : viz::parse_address(text.substr(colon + 1));
  if (!events || !steps) return std::nullopt;
  return Position{*events, *steps, 0};
}

}  // namespace ksim::debug
