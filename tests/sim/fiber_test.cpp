// Fibers keep what a thread of execution owns across switches: its callee-saved registers and
// its floating-point control state. fiber_jump resumes contexts Boost.Context made or suspended,
// and Boost resumes the ones it suspended.
#include <doctest/doctest.h>

#include <algorithm>
#include <cfenv>
#include <vector>

#include "engine/fiber.h"
#include "engine/fiber_jump.h"

namespace {

namespace ctx = boost::context::detail;

// Values the compiler must keep live across a call it cannot see into: they sit in callee-saved
// registers (or the fiber's own stack), so a switch that loses one changes the sum.
long live_across(const volatile long* seed, ksim::Fiber& self, ksim::Fiber* next) {
  const long a = seed[0], b = seed[1], c = seed[2], d = seed[3], e = seed[4], f = seed[5];
  if (next) self.switch_to(*next);
  else self.yield();
  return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
}

}  // namespace

TEST_CASE("fibers keep their registers and rounding mode across handoffs") {
  ksim::StackPool pool;
  const volatile long seeds[2][6] = {{1, 2, 3, 4, 5, 6}, {10, 20, 30, 40, 50, 60}};
  std::vector<long> sums;
  std::vector<int> rounding;
  ksim::Fiber* fibers[2] = {};
  ksim::Fiber first(pool, [&] {
    std::fesetround(FE_DOWNWARD);
    sums.push_back(live_across(seeds[0], *fibers[0], fibers[1]));
    rounding.push_back(std::fegetround());
  });
  ksim::Fiber second(pool, [&] {
    rounding.push_back(std::fegetround());  // not the first fiber's: it was saved with it
    sums.push_back(live_across(seeds[1], *fibers[1], nullptr));
  });
  fibers[0] = &first;
  fibers[1] = &second;

  first.resume();   // first hands over to second, which yields to here
  CHECK(rounding == std::vector<int>{FE_TONEAREST});
  second.resume();  // second ends
  first.resume();   // first ends
  CHECK(sums == std::vector<long>{10 * 91, 91});
  CHECK(rounding == std::vector<int>{FE_TONEAREST, FE_DOWNWARD});
  CHECK(std::fegetround() == FE_TONEAREST);
}

TEST_CASE("fiber_jump and Boost's jump_fcontext resume each other's contexts") {
  static char stack[64 * 1024];
  static std::vector<long> seen;
  seen.clear();
  // The fiber receives a number, answers with its double, and suspends with the jump it was told.
  auto entry = [](ctx::transfer_t t) {
    for (;;) {
      const long n = reinterpret_cast<long>(t.data);
      seen.push_back(n);
      const bool boost_jump = n % 2 != 0;
      void* answer = reinterpret_cast<void*>(2 * n);
      t = boost_jump ? ctx::jump_fcontext(t.fctx, answer) : ksim::fiber_jump(t.fctx, answer);
    }
  };
  ctx::fcontext_t fiber = ctx::make_fcontext(stack + sizeof stack, sizeof stack, entry);
  std::vector<long> answers;
  for (long n = 1; n <= 4; ++n) {
    // Alternate which side's jump resumes: 1 and 3 by fiber_jump, 2 and 4 by Boost's.
    const ctx::transfer_t t = n % 2 != 0 ? ksim::fiber_jump(fiber, reinterpret_cast<void*>(n))
                                         : ctx::jump_fcontext(fiber, reinterpret_cast<void*>(n));
    fiber = t.fctx;
    answers.push_back(reinterpret_cast<long>(t.data));
  }
  CHECK(seen == std::vector<long>{1, 2, 3, 4});
  CHECK(answers == std::vector<long>{2, 4, 6, 8});
}

TEST_CASE("a pool colours its stacks in the same order every time, whichever stacks it reuses") {
  auto colours = [](std::vector<ksim::Stack>& taken) {
    ksim::StackPool pool;
    std::vector<std::size_t> seen;
    for (int i = 0; i < 64; ++i) {
      taken.push_back(pool.acquire());
      seen.push_back(taken.back().colour);
    }
    return seen;
  };
  std::vector<ksim::Stack> first, second;
  const std::vector<std::size_t> fresh = colours(first);
  ksim::StackPool releaser;
  for (const ksim::Stack& s : first) releaser.release(s);  // the next pool reuses some of these
  const std::vector<std::size_t> reused = colours(second);
  for (const ksim::Stack& s : second) releaser.release(s);

  CHECK(reused == fresh);  // how deep a thread can go does not depend on which stack it got
  std::vector<std::size_t> sorted = fresh;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // 64 different offsets
  for (std::size_t c : fresh) CHECK((c % 64 == 0 && c < 4096));  // whole lines, under a page
}
