#include "log.h"

#include <spdlog/sinks/stdout_sinks.h>

#include <cstdlib>

namespace ksim {

spdlog::logger& engine_log() {
  static const std::shared_ptr<spdlog::logger> logger = [] {
    auto made = std::make_shared<spdlog::logger>("ksim", std::make_shared<spdlog::sinks::stderr_sink_st>());
    const char* level = std::getenv("KSIM_LOG");
    made->set_level(level ? spdlog::level::from_str(level) : spdlog::level::off);
    made->set_pattern("ksim %l: %v");
    return made;
  }();
  return *logger;
}

}  // namespace ksim
