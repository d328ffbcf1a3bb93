// Exploration's throughput (a program, not a test): schedules/s on mutex_event.c, three threads
// with one KMUTEX and one auto-reset event, the program of Relacy's anchor (anchors.md §1:
// ~1.2 M schedules/s). Each figure is the median of three runs; the memory rows show whether an
// exploration grows with its schedules; the last lines split a schedule's cost into building the
// machine, running it, and the checks.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "engine/fault_guard.h"
#include "engine/random_choices.h"
#include "engine/run_setup.h"
#include "explore/explorer.h"
#include "peak_memory.h"

namespace {

namespace ex = ksim::explore;
using Clock = std::chrono::steady_clock;

double median_seconds(const std::function<void()>& body) {
  std::vector<double> samples;
  for (int i = 0; i < 3; ++i) {
    const auto start = Clock::now();
    body();
    samples.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(samples.begin(), samples.end());
  return samples[1];
}

ksim::PreparedRun prepare() {
  ksim::RunRequest request;
  request.target = std::string(KSIM_BENCH_DIR) + "/mutex_event.c";
  std::string error;
  auto run = ksim::prepare_run(request, error);
  if (!run) {
    std::fprintf(stderr, "ksim_explore_bench: %s\n", error.c_str());
    std::exit(2);
  }
  return std::move(*run);
}

void report(const char* what, double count, double seconds) {
  std::printf("%-52s %10.0f /s  (%.0f ns each)\n", what, count / seconds, seconds / count * 1e9);
}

}  // namespace

int main() {
  ksim::PreparedRun run = prepare();
  const ex::CheckSpec spec{};
  std::string error;
  constexpr std::uint64_t schedules = 100000;
  for (unsigned jobs : {1u, 2u}) {
    const double s = median_seconds([&] {
      if (!ex::explore(run, spec, {.strategy = ex::Strategy::Random, .schedules = schedules, .jobs = jobs}, error)) std::exit(2);
    });
    report(jobs == 1 ? "random schedules, checked, 1 job" : "random schedules, checked, 2 jobs", schedules, s);
  }
  // Schedules are checked and dropped one after another: an exploration's memory should not grow with them.
  for (std::uint64_t count : {schedules / 10, schedules * 10}) {
    const double memory = ksim::bench::peak_growth([&] {
      if (!ex::explore(run, spec, {.strategy = ex::Strategy::Random, .schedules = count, .jobs = 1}, error)) std::exit(2);
    });
    const std::string what = "  peak memory of " + std::to_string(count) + " random schedules, 1 job";
    std::printf("%-52s %10.1f MiB\n", what.c_str(), memory / (1 << 20));
  }
  for (bool sleep_sets : {true, false}) {
    std::uint64_t tree = 0;
    const double dfs = median_seconds([&] {
      tree = ex::explore(run, spec, {.strategy = ex::Strategy::Dfs, .schedules = 10000000, .jobs = 1, .sleep_sets = sleep_sets},
                         error)->explored;
    });
    const std::string whole = std::string(sleep_sets ? "dfs, sleep sets" : "dfs, no sleep sets") + ", the whole tree (" +
                              std::to_string(tree) + "), 1 job";
    report(whole.c_str(), static_cast<double>(tree), dfs);
  }

  // Where a schedule's time goes, on the lean machine exploration uses.
  ksim::PreparedRun lean{run.scenario, run.image->load_copy(error), run.config, run.profile.lean(run.config.processors)};
  const ksim::FaultGuard guard;
  const double unchecked = median_seconds([&] {
    for (std::uint64_t i = 0; i < schedules; ++i) {
      ksim::RandomChoices choices(i);
      ksim::make_machine(lean, choices)->run();
    }
  });
  report("  a schedule without the checks (build + run)", schedules, unchecked);
  const double build = median_seconds([&] {
    for (std::uint64_t i = 0; i < schedules; ++i) {
      km::DefaultChoices choices;
      ksim::make_machine(lean, choices);
    }
  });
  report("  building and dropping the machine only", schedules, build);
  const double full = median_seconds([&] {
    for (std::uint64_t i = 0; i < schedules / 10; ++i) {
      km::DefaultChoices choices;
      ksim::make_machine(run, choices);
    }
  });
  report("  the same on the full machine (255 System threads)", schedules / 10.0, full);
  return 0;
}
