#include "debug_command.h"

#include <editline/readline.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "debug/session.h"
#include "engine/duration.h"
#include "engine/schedule.h"
#include "request_options.h"

namespace ksim::cli {

namespace {

// Ctrl-C interrupts a long g and comes back to the prompt; it never ends the session.
void on_interrupt(int) { debug::request_interrupt(); }

void catch_interrupts() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
}

// One line typed at the terminal, with libedit's editing and history; nothing at end of input.
std::optional<std::string> read_terminal_line(const std::string& prompt, std::ostream& out) {
  for (;;) {
    debug::clear_interrupt();
    char* text = readline(prompt.c_str());
    if (!text) {
      // Ctrl-C at the prompt abandons the line; only Ctrl-D (end of input) ends the session.
      if (debug::interrupt_requested()) {
        out << '\n';
        continue;
      }
      out << '\n';
      return std::nullopt;
    }
    std::string line(text);
    std::free(text);
    if (line.find_first_not_of(" \t") != std::string::npos) add_history(line.c_str());
    return line;
  }
}

}  // namespace

int debug(const DebugOptions& options, std::ostream& out, std::ostream& err) {
  debug::SessionOptions session_options;
  if (const std::string bad = fill_request(session_options.request, options.where);
      !bad.empty()) {
    return usage_error(err, bad);
  }
  if (options.seed && !options.schedule.empty()) return usage_error(err, "--seed and --schedule cannot be combined");
  if (options.seed) {
    session_options.timeline.seed = options.seed;
    session_options.choices = "seed " + std::to_string(*options.seed);
  } else if (!options.schedule.empty()) {
    const auto picks = decode_schedule(options.schedule);
    if (!picks) return usage_error(err, "bad schedule token '" + options.schedule + "'");
    session_options.timeline.schedule = *picks;
    session_options.choices = "schedule " + options.schedule;
  }
  std::string error;
  const auto session = debug::Session::open(session_options, error);
  if (!session) return usage_error(err, error);
  catch_interrupts();

  out << session->banner();
  for (const std::string& command : options.commands) {
    if (session->finished()) break;
    out << session->prompt() << command << '\n' << session->execute(command) << std::flush;
  }
  if (!options.commands.empty() && options.commands.back() == "q") return 0;

  const bool terminal = isatty(STDIN_FILENO);
  while (!session->finished()) {
    std::optional<std::string> line;
    if (terminal) {
      out << std::flush;
      line = read_terminal_line(session->prompt(), out);
    } else if (std::string text; std::getline(std::cin, text)) {
      out << session->prompt() << text << '\n';
      line = std::move(text);
    }
    if (!line) break;
    out << session->execute(*line) << std::flush;
  }
  return 0;
}

}  // namespace ksim::cli
