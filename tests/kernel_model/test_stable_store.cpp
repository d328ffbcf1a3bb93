// StableStore: objects never move as more are added (the model links them by pointer), and
// iteration visits every one in creation order across its chunks.
#include <doctest/doctest.h>

#include <vector>

#include "kernel_model/stable_store.h"

namespace {

struct Counted {
  int value = 0;
  static inline int live = 0;
  Counted() { ++live; }
  ~Counted() { --live; }
  Counted(const Counted&) = delete;
  Counted& operator=(const Counted&) = delete;
};

}  // namespace

TEST_CASE("a stable store keeps addresses and creation order across chunks") {
  km::StableStore<Counted> store;
  CHECK(store.begin() == store.end());
  std::vector<const Counted*> placed;
  for (int i = 0; i < 100; ++i) {  // 8 + 16 + 32 + 64: four chunks, the last partly filled
    Counted& c = store.emplace_back();
    c.value = i;
    placed.push_back(&c);
  }
  CHECK(store.size() == 100);
  int expected = 0;
  for (const Counted& c : store) {
    REQUIRE(expected < 100);
    CHECK(&c == placed[static_cast<std::size_t>(expected)]);
    CHECK(c.value == expected);
    ++expected;
  }
  CHECK(expected == 100);
}

TEST_CASE("a stable store destroys what it holds") {
  {
    km::StableStore<Counted> store;
    for (int i = 0; i < 9; ++i) store.emplace_back();
    CHECK(Counted::live == 9);
  }
  CHECK(Counted::live == 0);
}
