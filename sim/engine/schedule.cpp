#include "schedule.h"

namespace ksim {

namespace {

constexpr std::string_view Prefix = "s1-";
constexpr std::string_view Digits = "0123456789abcdefghijklmnopqrstuv";
// Bounds that keep a hand-edited token from asking for absurd schedules.
constexpr std::uint64_t MaxSkip = 1ull << 32;
constexpr std::uint64_t MaxPick = 4096;

void put_varint(std::string& out, std::uint64_t value) {
  // Base-32 varint: 4 data bits per digit, the fifth bit says another digit follows.
  do {
    const std::uint64_t chunk = value & 0xF;
    value >>= 4;
    out.push_back(Digits[chunk | (value ? 0x10 : 0)]);
  } while (value);
}

std::optional<std::uint64_t> get_varint(std::string_view text, std::size_t& at) {
  std::uint64_t value = 0;
  for (int shift = 0; at < text.size() && shift < 64; shift += 4) {
    const auto digit = Digits.find(text[at++]);
    if (digit == std::string_view::npos) return std::nullopt;
    value |= static_cast<std::uint64_t>(digit & 0xF) << shift;
    if (!(digit & 0x10)) return value;
  }
  return std::nullopt;
}

}  // namespace

km::ULONG RecordingChoices::pick(km::ChoiceKind kind, km::ULONG options) {
  const km::ULONG answer = source_.pick(kind, options);
  decisions_.push_back({kind, options, answer});
  return answer;
}

km::ULONG ReplayChoices::pick(km::ChoiceKind, km::ULONG options) {
  if (next_ >= picks_.size()) return 0;
  const km::ULONG answer = picks_[next_++];
  if (answer < options) return answer;
  ++mismatches_;
  return 0;
}

std::string encode_schedule(const std::vector<km::ULONG>& picks) {
  std::string token(Prefix);
  std::uint64_t skipped = 0;
  for (km::ULONG pick : picks) {
    if (pick == 0) {
      ++skipped;
      continue;
    }
    put_varint(token, skipped);
    put_varint(token, pick);
    skipped = 0;
  }
  return token;
}

std::string encode_schedule(const std::vector<Decision>& decisions) {
  std::vector<km::ULONG> picks;
  picks.reserve(decisions.size());
  for (const Decision& d : decisions) picks.push_back(d.pick);
  return encode_schedule(picks);
}

std::optional<std::vector<km::ULONG>> decode_schedule(std::string_view token) {
  if (token.substr(0, Prefix.size()) != Prefix) return std::nullopt;
  std::vector<km::ULONG> picks;
  std::size_t at = Prefix.size();
  while (at < token.size()) {
    const auto skipped = get_varint(token, at);
    const auto pick = get_varint(token, at);
    if (!skipped || !pick || *pick == 0 || *skipped > MaxSkip || *pick > MaxPick) return std::nullopt;
    picks.insert(picks.end(), *skipped, 0);
    picks.push_back(static_cast<km::ULONG>(*pick));
  }
  return picks;
}

}  // namespace ksim
