// `ksim debug`: a kd>-style session over a running simulation, for a teacher in front of a class
// or a student alone. Commands go in one line at a time and their output comes back as text, so a
// session is driven the same way by a terminal, a script on standard input, `-c` options and tests.
//
// Run control: g [duration], p, t [thread], .crash, q. Breakpoints: bp, ba, bl, bc, bd, be
// (breakpoints.h). Reverse execution: g-, p-, t- [thread], !tt <position> (time_travel.h).
// Threads: ~, ~*, ~<n>s, k. Narration: .explain on|off (narration.h). Every dump command of
// viz/debugger.h works at every stop, on a snapshot taken there.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "breakpoints.h"
#include "engine/run_setup.h"
#include "time_travel.h"
#include "viz/debugger.h"

namespace ksim::debug {

struct SessionOptions {
  RunRequest request;
  Timeline timeline;           // a seed or a schedule's picks
  std::string choices = "default schedule";  // how the banner names them: "seed 7", "schedule s1-..."
};

class Session {
 public:
  // Loads the driver and builds the machine at its start; on failure returns null and sets `error`.
  static std::unique_ptr<Session> open(const SessionOptions& options, std::string& error);
  ~Session();

  // What the session prints before its first prompt.
  const std::string& banner() const { return banner_; }
  std::string prompt() const { return viz::prompt(context_); }
  // One command line in, its output out (every line ends with '\n'). An empty line repeats a
  // stepping command (p, t, p-, t-), as WinDbg does.
  std::string execute(std::string_view line);
  bool finished() const { return finished_; }

 private:
  Session(PreparedRun prepared, const SessionOptions& options);

  std::string go(const std::vector<std::string>& args, std::string_view line);
  std::string trace(const std::vector<std::string>& args, std::string_view line, bool back);
  std::string travel(const std::vector<std::string>& args);
  std::string explain(const std::vector<std::string>& args, std::string_view line);
  std::string switch_thread(std::string_view word);
  std::string stack();
  std::string dump_command(std::string_view line);
  // The thread a `t` or `t-` names (the current one when none); on failure `error` says why.
  std::optional<km::Address> thread_argument(const std::vector<std::string>& args, std::string& error);
  std::string ended_message();

  // Takes the machine's state after a stop: the snapshot, the prompt's processor, the current thread.
  std::string report(const Stop& stop, const std::vector<std::string>& log);
  std::string call_banner(const Stop& stop, const km::Snapshot& snap) const;
  std::string position_line();
  const km::Snapshot& snapshot();

  PreparedRun prepared_;
  Symbols symbols_;
  Breakpoints breakpoints_;
  std::unique_ptr<TimeTravel> travel_;
  std::optional<km::Snapshot> snapshot_;
  viz::DebuggerContext context_;
  km::Address current_thread_ = 0;
  km::Address event_thread_ = 0;
  bool explain_ = false;
  bool finished_ = false;
  std::string last_command_;
  std::string banner_;
};

// A whole session with scripted input: the banner, then each command after its prompt and its
// output, as a terminal shows them, until the commands run out or one is q.
std::string transcript(const SessionOptions& options, const std::vector<std::string>& commands);

}  // namespace ksim::debug
