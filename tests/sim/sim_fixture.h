// Running scenarios and driver sources in-process, as `ksim run` does.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "engine/run_setup.h"
#include "kernel_model/choice_point.h"

namespace simtest {

struct Run {
  ksim::PreparedRun prepared;
  km::DefaultChoices choices;
  std::unique_ptr<ksim::Machine> machine;
  ksim::StopReason reason{};
};

inline std::unique_ptr<Run> run(ksim::RunRequest request) {
  auto r = std::make_unique<Run>();
  std::string error;
  auto prepared = ksim::prepare_run(request, error);
  REQUIRE_MESSAGE(prepared, error);
  r->prepared = std::move(*prepared);
  r->machine = ksim::make_machine(r->prepared, r->choices);
  r->reason = r->machine->run();
  return r;
}

inline std::string env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value ? value : fallback;
}

inline std::string shared_dir() { return env("KSIM_SHARED_DIR", std::string(KSIM_TEST_SOURCE_DIR) + "/../../shared"); }
inline std::string driver_path(const std::string& name) { return std::string(KSIM_TEST_SOURCE_DIR) + "/sim/drivers/" + name; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace simtest
