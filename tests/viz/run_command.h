// Runs one debugger command in a fresh context at the given processor's prompt.
#pragma once

#include <string>
#include <string_view>

#include "viz/debugger.h"

inline std::string run(const km::Snapshot& snap, std::string_view command, km::ULONG processor = 0) {
  viz::DebuggerContext context{processor, {}};
  return viz::execute(snap, command, context);
}
