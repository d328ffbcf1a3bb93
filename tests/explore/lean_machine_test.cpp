// Exploration runs schedules on the lean machine: it must take the full machine's decisions,
// one for one, so that a token found there replays on the machine `ksim run` builds.
#include "engine/random_choices.h"
#include "explore_fixture.h"

using namespace extest;

namespace {

std::vector<ksim::Decision> decisions(ksim::PreparedRun& run, std::uint64_t seed) {
  ksim::RandomChoices random(seed);
  ksim::RecordingChoices recording(random);
  ksim::make_machine(run, recording)->run();
  return recording.decisions();
}

}  // namespace

TEST_CASE("the lean machine decides as the full one") {
  for (const std::string target : {"kmutex-race", "kmutex-sync", "bench/mutex_event.c"}) {
    Target full = prepare(target, target.ends_with(".c") ? std::map<std::string, std::string>{} : std::map<std::string, std::string>{{"files", "4"}, {"writes", "2"}});
    std::string error;
    for (std::uint32_t cpus : {1u, 2u, 6u}) {
      full.run.config.processors = cpus;
      ksim::PreparedRun lean{full.run.scenario, full.run.image->load_copy(error), full.run.config, full.run.profile.lean(cpus)};
      REQUIRE_MESSAGE(lean.image, error);
      for (std::uint64_t seed = 0; seed < 8; ++seed) {
        INFO(target, " on ", cpus, " processors, seed ", seed);
        const auto a = decisions(full.run, seed);
        const auto b = decisions(lean, seed);
        REQUIRE(a.size() == b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
          CHECK(a[i].kind == b[i].kind);
          CHECK(a[i].options == b[i].options);
          CHECK(a[i].pick == b[i].pick);
        }
      }
    }
  }
}

TEST_CASE("the lean profile keeps the loader and the System thread count modulo the processors") {
  const ksim::MachineProfile full = ksim::MachineProfile::windows11_22621_vm();
  std::uint32_t total = 0;
  for (const auto& group : full.system_threads) total += group.count;
  for (std::uint32_t cpus : {1u, 4u, 6u, 64u}) {
    std::uint32_t lean_total = 0, built = 0;
    for (const auto& group : full.lean(cpus).system_threads) {
      lean_total += group.count;
      built += group.built ? group.count : 0;
    }
    CHECK(lean_total % cpus == total % cpus);
    CHECK(lean_total < 2 * cpus + 1);
    CHECK(built == 1);  // the loader; the others are only counted
  }
}
