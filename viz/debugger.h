// The debugger's face of ksim: run a WinDbg/MEX command against a Snapshot and get the text the real
// debugger prints for it. Renderers are pure: the snapshot and the context in, text out.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kernel_model/snapshot.h"

namespace viz {

struct DebuggerContext {
  km::ULONG processor = 0;  // the prompt's N, switched with ~Ns
  // MEX prints process creation times in the analyst's time zone, not the target's: the seed's
  // System process shows 06:17:56 AM, an hour off the dump's UTC-8 (the analyst was on US daylight
  // time, UTC-7, on 2023-11-03). Unset, the target's own zone is used.
  std::optional<km::LONG> host_bias_minutes = std::nullopt;
};

// "2: kd> "
std::string prompt(const DebuggerContext& context);

// The output of one command line, without the prompt/echo line; every line ends with '\n' and a
// command that prints nothing (~0s) returns "". Unknown commands and bad addresses print the
// debugger's one-line errors.
std::string execute(const km::Snapshot& snap, std::string_view command, DebuggerContext& context);

}  // namespace viz
