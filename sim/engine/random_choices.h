// Seeded random answers at the choice point. splitmix64 with ksim's own range mapping (never
// std::uniform_int_distribution, whose output differs between standard libraries), so a seed
// replays the same schedule everywhere.
#pragma once

#include <cstdint>

#include "kernel_model/choice_point.h"

namespace ksim {

class RandomChoices final : public km::ChoicePoint {
 public:
  explicit RandomChoices(std::uint64_t seed) : state_(seed) {}
  km::ULONG pick(km::ChoiceKind, km::ULONG options) override {
    return static_cast<km::ULONG>((next() >> 32) * options >> 32);
  }

 private:
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

}  // namespace ksim
