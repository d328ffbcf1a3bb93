// Internal to viz: the parsed command line, the errors every command shares, and one entry point per
// command. debugger.cpp maps command names onto these.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel_model/snapshot.h"
#include "viz/debugger.h"

namespace viz {

struct CommandLine {
  std::string text;               // the command as typed, trimmed
  std::vector<std::string> args;  // the words after the command name
};

// "ffffc983f2cf36a0", "0xffffc983`f2cf36a0", ... ; nullopt when the text is not a number.
std::optional<km::Address> parse_address(std::string_view text);
// Split at a separator, dropping empty items: "WrResource,WrMutex" -> {"WrResource", "WrMutex"}.
std::vector<std::string> split_list(std::string_view text, char separator = ',');

// WinDbg's expression error for an argument that is not a number.
std::string unresolved_error(std::string_view argument);
// WinDbg's parser error, the caret under the start of the command.
std::string syntax_error(const DebuggerContext& context, std::string_view command);

// kdexts' THREAD line, shared by !thread and !ready: "THREAD <addr>  Cid 0004.0878  Teb: ... WAIT: (...)".
std::string kd_thread_line(const km::Snapshot& snap, const km::ThreadView& thread);

using CommandHandler = std::string (*)(const km::Snapshot&, const CommandLine&, DebuggerContext&);

// MEX commands
std::string cmd_mex_di(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_mex_tl(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_mex_p(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_mex_us(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_mex_t(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_mex_lt(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_mex_mut(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_mex_obj(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_mex_running(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_mex_deadlock(const km::Snapshot&, const CommandLine&, DebuggerContext&);
// WinDbg (kdexts) commands
std::string cmd_thread(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_process(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_analyze(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_ready(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_running(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_timer(const km::Snapshot&, const CommandLine&, DebuggerContext&);
std::string cmd_locks(const km::Snapshot&, const CommandLine&, DebuggerContext&);
// WinDbg built-ins
std::string cmd_dt(const km::Snapshot&, const CommandLine&, DebuggerContext&);

}  // namespace viz
