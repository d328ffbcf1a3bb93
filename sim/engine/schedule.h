// Schedules as tokens. Every decision a run takes goes through the choice point; a schedule is
// the list of its answers, and a token is that list compressed to the answers that differ from
// the default (0), so `ksim run --schedule TOKEN` replays a run exactly.
//
// Token: "s1-" followed by base-32 digits (0-9, a-v) of unsigned varints, two per non-default
// decision: the number of default decisions since the previous one, then the answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel_model/choice_point.h"

namespace ksim {

struct Decision {
  km::ChoiceKind kind;
  km::ULONG options;
  km::ULONG pick;
};

// Answers from another choice point, and remembers every decision taken.
class RecordingChoices final : public km::ChoicePoint {
 public:
  explicit RecordingChoices(km::ChoicePoint& source) : source_(source) {}
  km::ULONG pick(km::ChoiceKind kind, km::ULONG options) override;
  const std::vector<Decision>& decisions() const { return decisions_; }

 private:
  km::ChoicePoint& source_;
  std::vector<Decision> decisions_;
};

// Answers a schedule's picks in order, then the default once the schedule runs out. A pick the
// run no longer offers (the program changed) is answered with the default and counted.
class ReplayChoices final : public km::ChoicePoint {
 public:
  explicit ReplayChoices(std::vector<km::ULONG> picks) : picks_(std::move(picks)) {}
  km::ULONG pick(km::ChoiceKind kind, km::ULONG options) override;
  std::uint64_t mismatches() const { return mismatches_; }

 private:
  std::vector<km::ULONG> picks_;
  std::size_t next_ = 0;
  std::uint64_t mismatches_ = 0;
};

std::string encode_schedule(const std::vector<Decision>& decisions);
std::string encode_schedule(const std::vector<km::ULONG>& picks);
// The picks a token stands for (defaults included, up to its last non-default pick); nothing if
// the token is malformed.
std::optional<std::vector<km::ULONG>> decode_schedule(std::string_view token);

}  // namespace ksim
