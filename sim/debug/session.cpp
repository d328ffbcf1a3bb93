#include "session.h"

#include <charconv>
#include <cstdio>

#include "engine/duration.h"
#include "thread_list.h"
#include "viz/commands.h"
#include "viz/format.h"
#include "viz/snapshot_query.h"
#include "viz/stack.h"

namespace ksim::debug {

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

constexpr std::string_view kHelp =
    "Run:        g [duration]   to the end, the next breakpoint, or that much more virtual time (90s, 1m57.359s)\n"
    "            p              one dispatcher event (a wait, a satisfaction, a release, a switch, ...)\n"
    "            t [thread]     to the thread's next kernel call (the current thread's without one)\n"
    "            .crash         a NotMyFault bugcheck now          q  quit\n"
    "Back:       g-  p-  t- [thread]   and  !tt <position> (\"1A:0\")\n"
    "Breaks:     bp nt!KeWaitForSingleObject | bp TestDriver!FileMoveThread | ba [w8] <address>\n"
    "            bl  bc <ids|*>  bd <ids|*>  be <ids|*>\n"
    "Threads:    ~  ~*  ~<n>s  k\n"
    "Narration:  .explain on|off\n"
    "Dumps:      every ksim run --cmd command: !mex.t, !us, !mex.mut, !thread, !ready, !running, dt ...\n";

// The kd commands that show one thread, the current one when they name none.
bool shows_current_thread(std::string_view name) {
  for (std::string_view command : {"!thread", "!kdexts.thread", "!t", "!mex.t"}) {
    if (viz::equals_nocase(name, command)) return true;
  }
  return false;
}

bool repeatable(std::string_view line) {
  const std::string_view name = line.substr(0, line.find(' '));
  return name == "p" || name == "t" || name == "p-" || name == "t-";
}

// What kd prints when the target bugchecks.
std::string fatal_error(const km::BugcheckView& bugcheck) {
  char text[160];
  const auto& a = bugcheck.Args;
  std::snprintf(text, sizeof text,
                "*** Fatal System Error: 0x%08x\n                       (0x%016llX,0x%016llX,0x%016llX,0x%016llX)\n",
                bugcheck.Code, static_cast<unsigned long long>(a[0]), static_cast<unsigned long long>(a[1]),
                static_cast<unsigned long long>(a[2]), static_cast<unsigned long long>(a[3]));
  return text;
}

}  // namespace

std::unique_ptr<Session> Session::open(const SessionOptions& options, std::string& error) {
  auto prepared = prepare_run(options.request, error);
  if (!prepared) return nullptr;
  return std::unique_ptr<Session>(new Session(std::move(*prepared), options));
}

Session::Session(PreparedRun prepared, const SessionOptions& options)
    : prepared_(std::move(prepared)),
      symbols_(*prepared_.image, prepared_.profile),
      breakpoints_(symbols_),
      travel_(std::make_unique<TimeTravel>(prepared_, options.timeline, symbols_, breakpoints_)) {
  const std::string image = prepared_.scenario.module + ".sys";
  banner_ = "ksim debug: " + prepared_.scenario.name + " (" + image + ") on " +
            std::to_string(prepared_.config.processors) + " processors, " + options.choices + "\n" + image +
            " is loaded at uptime " + format_uptime(prepared_.config.load_time) +
            " on a System worker thread; nothing has run yet. .help lists the commands.\n" + position_line();
}

Session::~Session() = default;

const km::Snapshot& Session::snapshot() {
  if (!snapshot_) snapshot_ = travel_->live().machine().snapshot();
  return *snapshot_;
}

std::string Session::position_line() {
  return "Time Travel Position: " + to_string(travel_->live().position()) + " (uptime " +
         format_uptime(snapshot().Machine.InterruptTime) + ")\n";
}

std::string Session::ended_message() {
  return "ksim: the run has ended (" + std::string(describe(*travel_->live().end())) +
         "); g-, p-, t- or !tt <position> go back\n";
}

// "nt!KeDelayExecutionThread:" (where WinDbg shows the breakpoint's symbol), then who calls it from where.
std::string Session::call_banner(const Stop& stop, const km::Snapshot& snap) const {
  const km::ThreadView* caller = snap.find_thread(stop.thread);
  if (!caller) return {};
  const std::string name = symbols_.thread_name(snap, *caller);
  const std::string address = viz::backtick(caller->Self);
  const std::string who = name + (name.find(address) == std::string::npos ? " (" + address + ")" : "");
  std::string out = "nt!" + stop.routine + ":\n";
  if (!stop.dpc_routine.empty()) {
    // A DPC borrows the thread it interrupts: that thread's stack is not where the call is.
    return out + "a DPC interrupting " + who + " calls it from " + stop.dpc_routine + "\n";
  }
  out += who + " calls it";
  if (!caller->Stack.empty() && caller->Stack.front().Module == symbols_.module()) {
    const km::FrameView& site = caller->Stack.front();
    out += " from " + viz::frame_symbol(site) + (site.SourceFile.empty() ? "" : " [" + viz::frame_source(site) + "]");
  }
  return out + "\n";
}

std::string Session::report(const Stop& stop, const std::vector<std::string>& log) {
  snapshot_.reset();
  const km::Snapshot& snap = snapshot();
  Machine& machine = travel_->live().machine();
  context_.processor = snap.Bugcheck ? snap.Bugcheck->Processor : machine.cpu();
  const km::ThreadView* running = viz::current_thread(snap, context_.processor);
  current_thread_ = !stop.routine.empty() ? stop.thread : running ? running->Self : 0;
  event_thread_ = stop.thread ? stop.thread : current_thread_;

  std::string out;
  for (const std::string& line : log) out += line + "\n";
  for (const std::string& line : stop.step) out += line + "\n";
  for (int id : stop.breakpoints) out += "Breakpoint " + std::to_string(id) + " hit\n";
  if (!stop.routine.empty()) out += call_banner(stop, snap);
  if (stop.why == Stop::Why::Interrupted) out += "ksim: interrupted (Ctrl-C)\n";
  if (stop.why == Stop::Why::Ended && stop.end) {
    if (snap.Bugcheck) out += fatal_error(*snap.Bugcheck);
    out += "ksim: stopped at uptime " + format_uptime(snap.Machine.InterruptTime) + ": " + std::string(describe(*stop.end));
    if (!machine.stop_detail().empty()) out += " (" + machine.stop_detail() + ")";
    out += "\n";
  }
  return out + position_line();
}

std::string Session::go(const std::vector<std::string>& args, std::string_view line) {
  if (args.size() > 1) return viz::syntax_error(context_, line);
  const auto duration = args.empty() ? std::optional<std::uint64_t>(0) : parse_duration(args.front());
  if (!duration) return viz::unresolved_error(args.front());
  if (travel_->live().end()) return ended_message();
  Goal goal;
  if (!args.empty()) goal.until = travel_->live().machine().model().InterruptTime() + *duration;
  std::vector<std::string> log;
  const Stop stop = travel_->forward(goal, log);
  return report(stop, log);
}

std::optional<km::Address> Session::thread_argument(const std::vector<std::string>& args, std::string& error) {
  if (args.empty()) return current_thread_;
  const auto address = viz::parse_address(args.front());
  if (!address) {
    error = viz::unresolved_error(args.front());
    return std::nullopt;
  }
  if (!snapshot().find_thread(*address)) {
    error = "TYPE mismatch for thread object at " + viz::hex16(*address) + "\n";
    return std::nullopt;
  }
  return address;
}

std::string Session::trace(const std::vector<std::string>& args, std::string_view line, bool back) {
  if (args.size() > 1) return viz::syntax_error(context_, line);
  std::string error;
  const auto thread = thread_argument(args, error);
  if (!thread) return error;
  if (back) {
    const Stop stop = travel_->back_to_call(*thread);
    const std::string note = stop.why == Stop::Why::ThreadCall ? "" : "ksim: no earlier kernel call by that thread; back at the start\n";
    return note + report(stop, {});
  }
  if (travel_->live().end()) return ended_message();
  std::vector<std::string> log;
  const Stop stop = travel_->forward({.kind = Goal::Kind::ThreadCall, .thread = *thread}, log);
  return report(stop, log);
}

std::string Session::travel(const std::vector<std::string>& args) {
  if (args.empty()) return position_line();
  const auto target = parse_position(args.front());
  if (!target) return viz::unresolved_error(args.front());
  std::vector<std::string> log;
  const Stop stop = travel_->travel(*target, log);
  return "Setting position: " + to_string(*target) + "\n" + report(stop, log);
}

std::string Session::explain(const std::vector<std::string>& args, std::string_view line) {
  if (args.size() > 1 || (args.size() == 1 && args.front() != "on" && args.front() != "off")) {
    return viz::syntax_error(context_, line);
  }
  if (args.size() == 1) {
    explain_ = args.front() == "on";
    travel_->explain(explain_);
  }
  return explain_ ? "Narration is on: every dispatcher event is told in one line\n" : "Narration is off\n";
}

std::string Session::switch_thread(std::string_view word) {
  const std::string_view digits = word.substr(1, word.size() - 2);
  std::size_t number = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
    return viz::syntax_error(context_, word);
  }
  const km::Snapshot& snap = snapshot();
  const auto numbered = numbered_threads(snap, symbols_);
  if (number >= numbered.size()) {
    return std::string(prompt().size(), ' ') + "^ Illegal thread error in '" + std::string(word) + "'\n";
  }
  current_thread_ = numbered[number]->Self;
  if (const auto processor = viz::processor_of(snap, *numbered[number])) context_.processor = *processor;
  return {};
}

std::string Session::stack() {
  const km::ThreadView* thread = snapshot().find_thread(current_thread_);
  return thread ? stack_text(*thread) : stack_text({});
}

std::string Session::dump_command(std::string_view line) {
  std::string command(line);
  if (shows_current_thread(command) && current_thread_) command += " " + viz::hex16(current_thread_);
  return viz::execute(snapshot(), command, context_);
}

std::string Session::execute(std::string_view input) {
  std::string line(trim(input));
  if (line.empty()) {
    if (!repeatable(last_command_)) return {};
    line = last_command_;
  }
  clear_interrupt();  // a Ctrl-C before this command is not for it
  auto args = viz::split_list(line, ' ');
  const std::string name = args.front();
  args.erase(args.begin());
  last_command_ = line;

  if (name == "q") {
    finished_ = true;
    return "quit:\n";
  }
  if (name == "g") return go(args, line);
  if (name == "p" || name == "p-") {
    if (!args.empty()) return viz::syntax_error(context_, line);
    if (name == "p-") return report(travel_->step_back(), {});
    if (travel_->live().end()) return ended_message();
    std::vector<std::string> log;
    const Stop stop = travel_->forward({.kind = Goal::Kind::Step}, log);
    return report(stop, log);
  }
  if (name == "t" || name == "t-") return trace(args, line, name == "t-");
  if (name == "g-") {
    if (!args.empty()) return viz::syntax_error(context_, line);
    const Stop stop = travel_->back_to_breakpoint();
    const std::string note = stop.why == Stop::Why::Breakpoint ? "" : "ksim: no breakpoint hit before this position; back at the start\n";
    return note + report(stop, {});
  }
  if (name == "!tt") return travel(args);
  if (name == ".crash") {
    if (travel_->live().end()) return ended_message();
    std::vector<std::string> log;
    const Stop stop = travel_->crash(log);
    return report(stop, log);
  }
  if (name == "bp") return breakpoints_.bp(context_, line, args);
  if (name == "ba") return breakpoints_.ba(context_, line, args);
  if (name == "bl") return breakpoints_.bl();
  if (name == "bc") return breakpoints_.bc(context_, line, args);
  if (name == "bd" || name == "be") return breakpoints_.enable(context_, line, args, name == "be");
  if (name == "~" || name == "~*") {
    if (!args.empty()) return viz::syntax_error(context_, line);
    return list_threads(snapshot(), symbols_, current_thread_, event_thread_, name == "~*");
  }
  if (name.size() > 2 && name.front() == '~' && name.back() == 's' && args.empty()) return switch_thread(name);
  if (name == "k") return args.empty() ? stack() : viz::syntax_error(context_, line);
  if (name == ".explain") return explain(args, line);
  if (name == ".help") return std::string(kHelp);
  return dump_command(line);
}

std::string transcript(const SessionOptions& options, const std::vector<std::string>& commands) {
  std::string error;
  const auto session = Session::open(options, error);
  if (!session) return "ksim: " + error + "\n";
  std::string out = session->banner();
  for (const std::string& command : commands) {
    if (session->finished()) break;
    out += session->prompt() + command + "\n";  // the prompt before the command changes it
    out += session->execute(command);
  }
  return out;
}

}  // namespace ksim::debug
