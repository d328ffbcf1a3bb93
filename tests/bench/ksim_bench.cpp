// ksim's benchmarks (a program, not a test): wall time of whole runs, per-operation costs (each
// the median of several repetitions measured in one process) and memory by thread count. Figures
// are noisy on a shared machine; compare ratios from one run.
#include <boost/context/detail/fcontext.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "engine/fiber_jump.h"
#include "engine/run_setup.h"
#include "peak_memory.h"

namespace {

using Clock = std::chrono::steady_clock;

double median_seconds(int repetitions, const std::function<void()>& body) {
  std::vector<double> samples;
  for (int i = 0; i < repetitions; ++i) {
    const auto start = Clock::now();
    body();
    samples.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

ksim::PreparedRun prepare(ksim::RunRequest request) {
  std::string error;
  auto run = ksim::prepare_run(request, error);
  if (!run) {
    std::fprintf(stderr, "ksim_bench: %s\n", error.c_str());
    std::exit(2);
  }
  return std::move(*run);
}

ksim::PreparedRun prepare_driver(const std::string& file, std::vector<std::string> defines, std::uint32_t cpus) {
  ksim::PreparedRun run;
  run.scenario = ksim::scenario_for_source(std::string(KSIM_BENCH_DIR) + "/" + file, "");
  std::string error;
  run.image = ksim::DriverImage::load({run.scenario.source_path, run.scenario.module, run.scenario.display_path, defines}, error);
  if (!run.image) {
    std::fprintf(stderr, "ksim_bench: %s\n", error.c_str());
    std::exit(2);
  }
  run.config.processors = cpus;
  run.config.load_time = run.scenario.uptime_at_load;
  return run;
}

// Runs a prepared driver to its end; returns the kernel calls it made.
std::uint64_t run_once(ksim::PreparedRun& run) {
  km::DefaultChoices choices;
  auto machine = ksim::make_machine(run, choices);
  machine->run();
  return machine->calls();
}

// Two bare fibers handing the host thread back and forth through `jump`: Boost.Context's own
// jump_fcontext, then the fiber_jump ksim switches with (fiber_jump.h says why they differ).
template <auto jump>
void fiber_switch(const char* label) {
  namespace ctx = boost::context::detail;
  constexpr int rounds = 2000000;
  static char stack[64 * 1024];
  static ctx::fcontext_t back;
  auto entry = [](ctx::transfer_t t) {
    back = t.fctx;
    for (;;) back = jump(back, nullptr).fctx;
  };
  ctx::fcontext_t fiber = ctx::make_fcontext(stack + sizeof stack, sizeof stack, entry);
  const double s = median_seconds(5, [&] {
    for (int i = 0; i < rounds; ++i) fiber = jump(fiber, nullptr).fctx;
  });
  std::printf("%-40s %6.1f ns\n", label, s / rounds / 2 * 1e9);
}

}  // namespace

int main() {
  fiber_switch<boost::context::detail::jump_fcontext>("raw fcontext switch (Boost's jump):");
  fiber_switch<ksim::fiber_jump>("raw fcontext switch (ksim's fiber_jump):");

  ksim::RunRequest delay;
  delay.target = "kmutex-delay";
  delay.crash_at = 35ull * 600000000;
  auto delay_run = prepare(delay);
  std::printf("kmutex-delay to a 35-minute crash:       %6.1f ms wall\n",
              median_seconds(7, [&] { run_once(delay_run); }) * 1e3);
  ksim::RunRequest sync;
  sync.target = "kmutex-sync";
  auto sync_run = prepare(sync);
  std::uint64_t sync_calls = 0;
  const double sync_s = median_seconds(7, [&] { sync_calls = run_once(sync_run); });
  std::printf("kmutex-sync to completion:               %6.1f ms wall (%llu kernel calls, %.0f ns each)\n",
              sync_s * 1e3, static_cast<unsigned long long>(sync_calls), sync_s / static_cast<double>(sync_calls) * 1e9);

  // A switch in context: the same two calls without one, the switch's own share, and a yield
  // (one call per switch).
  constexpr int rounds = 200000;
  const std::string rounds_define = "-DKSIM_ROUNDS=" + std::to_string(rounds);
  auto no_switch = prepare_driver("no_switch.c", {rounds_define}, 1);
  const double ns_calls = median_seconds(5, [&] { run_once(no_switch); }) / rounds * 1e9;
  auto pingpong = prepare_driver("pingpong.c", {rounds_define}, 1);
  const double ns_round = median_seconds(5, [&] { run_once(pingpong); }) / (rounds * 2.0) * 1e9;
  auto yield = prepare_driver("yield.c", {rounds_define}, 1);
  const double ns_yield = median_seconds(5, [&] { run_once(yield); }) / (rounds * 2.0) * 1e9;
  auto lone_yield = prepare_driver("yield.c", {rounds_define, "-DKSIM_THREADS=1"}, 1);
  const double ns_lone_yield = median_seconds(5, [&] { run_once(lone_yield); }) / rounds * 1e9;
  std::printf("set + satisfied wait, no switch:         %6.1f ns (%d rounds, 1 processor)\n", ns_calls, rounds);
  std::printf("set + wait that switches (pingpong):     %6.1f ns per switch (%d rounds x 2)\n", ns_round, rounds);
  std::printf("  the dispatcher context switch itself:  %6.1f ns (the difference)\n", ns_round - ns_calls);
  std::printf("yield to the other ready thread:         %6.1f ns per switch (one call each)\n", ns_yield);
  std::printf("yield with nothing to yield to:          %6.1f ns per call\n", ns_lone_yield);
  std::printf("  the switch and its scheduling decision: %5.1f ns (the difference)\n", ns_yield - ns_lone_yield);
  auto dpc = prepare_driver("dpc.c", {rounds_define}, 1);
  const double ns_dpc = median_seconds(5, [&] { run_once(dpc); }) / rounds * 1e9;
  std::printf("DPC queued from PASSIVE_LEVEL and run:   %6.1f ns (insert, DPC stack and back, its KeSetEvent)\n", ns_dpc);

  // A run creates its threads, then they take turns: the pairs' own cost is the run's time less
  // that of the same threads doing one pair each.
  std::printf("KMUTEX acquire/release pair, by thread count (6 processors):\n");
  for (int threads : {10, 100, 1000, 10000}) {
    const int pairs = 1000000 / threads;
    auto contention = [&](int each) {
      return prepare_driver("contention.c",
                            {"-DKSIM_THREADS=" + std::to_string(threads), "-DKSIM_PAIRS=" + std::to_string(each)}, 6);
    };
    auto whole_run = contention(pairs);
    auto setup_run = contention(1);
    const double whole = median_seconds(3, [&] { run_once(whole_run); });
    const double setup = median_seconds(3, [&] { run_once(setup_run); });
    // The pairs queue every thread on the mutex at once: the peak holds all of them alive.
    const double memory = ksim::bench::peak_growth([&] { run_once(whole_run); });
    std::printf("  %5d threads x %6d pairs:           %6.1f ns per pair (%.1f ms per run, of which %.1f µs a thread to create and end)\n",
                threads, pairs, (whole - setup) / (static_cast<double>(threads) * (pairs - 1)) * 1e9, whole * 1e3,
                setup / threads * 1e6);
    std::printf("  %25s peak memory the run adds: %.1f MiB, %.1f KiB a thread\n", "", memory / (1 << 20),
                memory / threads / 1024);
  }
  return 0;
}
