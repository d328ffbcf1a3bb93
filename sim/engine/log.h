// ksim's own diagnostics (not the simulated machine's output): a spdlog logger on stderr, silent
// unless KSIM_LOG names a level (trace, debug, info, warn, error), so runs stay byte-identical.
#pragma once

#include <spdlog/spdlog.h>

namespace ksim {

spdlog::logger& engine_log();

}  // namespace ksim
