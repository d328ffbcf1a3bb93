// Random programs for the dispatcher's property tests: 2-6 threads, each a short list of
// operations on a fixed set of objects (two mutants, a synchronization and a notification event,
// a semaphore), run directly on kernel_model's Dispatcher. Generated and shrunk by rapidcheck.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <ostream>
#include <vector>

namespace modelprop {

enum class OpKind : std::uint8_t { Wait, WaitAny, WaitAll, Delay, ReleaseMutant, SetEvent, ResetEvent, PulseEvent, ReleaseSemaphore };

// The objects, by index.
inline constexpr int kMutants = 2;          // 0, 1
inline constexpr int kSyncEvent = 2;        // auto-reset
inline constexpr int kNotificationEvent = 3;
inline constexpr int kSemaphore = 4;        // limit 2
inline constexpr int kObjects = 5;

struct Op {
  OpKind kind = OpKind::Wait;
  std::vector<int> objects;  // waits: 1 (Wait) or 2-3 distinct (WaitAny/WaitAll); others: 1
  int timeout_ticks = -1;    // waits and delays: -1 infinite, 0 poll (a delay of 0 yields), n ticks
};

struct Program {
  int processors = 1;
  std::uint64_t seed = 0;    // the choice point's answers and the order processors step in
  int semaphore_count = 0;   // initial count, 0..2
  std::vector<std::vector<Op>> threads;
};

inline const char* name(OpKind kind) {
  switch (kind) {
    case OpKind::Wait: return "Wait";
    case OpKind::WaitAny: return "WaitAny";
    case OpKind::WaitAll: return "WaitAll";
    case OpKind::Delay: return "Delay";
    case OpKind::ReleaseMutant: return "ReleaseMutant";
    case OpKind::SetEvent: return "SetEvent";
    case OpKind::ResetEvent: return "ResetEvent";
    case OpKind::PulseEvent: return "PulseEvent";
    case OpKind::ReleaseSemaphore: return "ReleaseSemaphore";
  }
  return "?";
}

// How rapidcheck prints a shrunk counterexample.
inline void showValue(const Program& p, std::ostream& os) {
  os << "program: " << p.processors << " processor(s), seed " << p.seed << ", semaphore count " << p.semaphore_count << '\n';
  for (std::size_t t = 0; t < p.threads.size(); ++t) {
    os << "  thread " << t << ":";
    for (const Op& op : p.threads[t]) {
      os << ' ' << name(op.kind) << '(';
      for (std::size_t i = 0; i < op.objects.size(); ++i) os << (i ? "," : "") << op.objects[i];
      if (op.kind == OpKind::Wait || op.kind == OpKind::WaitAny || op.kind == OpKind::WaitAll || op.kind == OpKind::Delay)
        os << (op.objects.empty() ? "" : " ") << "t=" << op.timeout_ticks;
      os << ')';
    }
    os << '\n';
  }
}

inline rc::Gen<int> gen_timeout() { return rc::gen::element(-1, -1, 0, 1, 3); }

inline rc::Gen<Op> gen_op() {
  using namespace rc;
  // Several objects: a non-empty subset of at most three (THREAD_WAIT_OBJECTS, no wait block array).
  const auto several = gen::map(gen::inRange(1, 1 << kObjects), [](int mask) {
    std::vector<int> objects;
    for (int o = 0; o < kObjects && objects.size() < 3; ++o) {
      if (mask & (1 << o)) objects.push_back(o);
    }
    if (objects.size() < 2) objects.push_back(objects.front() == 0 ? 1 : 0);
    return objects;
  });
  const auto one = [](OpKind kind, Gen<int> object) {
    return gen::map(object, [kind](int o) { return Op{kind, {o}, -1}; });
  };
  return gen::weightedOneOf<Op>({
      {8, gen::apply([](int o, int t) { return Op{OpKind::Wait, {o}, t}; }, gen::inRange(0, kObjects), gen_timeout())},
      {2, gen::apply([](std::vector<int> os, int t) { return Op{OpKind::WaitAny, std::move(os), t}; }, several, gen_timeout())},
      {2, gen::apply([](std::vector<int> os, int t) { return Op{OpKind::WaitAll, std::move(os), t}; }, several, gen_timeout())},
      {1, gen::map(gen::element(0, 1, 2), [](int t) { return Op{OpKind::Delay, {}, t}; })},
      {5, one(OpKind::ReleaseMutant, gen::inRange(0, kMutants))},
      {4, one(OpKind::SetEvent, gen::element(kSyncEvent, kNotificationEvent))},
      {1, one(OpKind::ResetEvent, gen::element(kSyncEvent, kNotificationEvent))},
      {2, one(OpKind::PulseEvent, gen::element(kSyncEvent, kNotificationEvent))},
      {4, one(OpKind::ReleaseSemaphore, gen::just(kSemaphore))},
  });
}

inline rc::Gen<Program> gen_program() {
  using namespace rc;
  const auto threads = gen::mapcat(gen::inRange(2, 7), [](int n) {
    return gen::container<std::vector<std::vector<Op>>>(static_cast<std::size_t>(n),
                                                        gen::resize(12, gen::container<std::vector<Op>>(gen_op())));
  });
  return gen::apply(
      [](int processors, std::uint64_t seed, int count, std::vector<std::vector<Op>> ts) {
        return Program{processors, seed, count, std::move(ts)};
      },
      gen::inRange(1, 4), gen::arbitrary<std::uint64_t>(), gen::inRange(0, 3), threads);
}

}  // namespace modelprop
