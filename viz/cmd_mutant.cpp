// Dispatcher objects through MEX: !mex.mut (a KMUTANT in dt form) and !mex.obj -waiters.
#include <algorithm>

#include "viz/commands.h"
#include "viz/dt_layout.h"
#include "viz/format.h"
#include "viz/thread_table.h"

namespace viz {

namespace {

// MEX's own dt: 20-character names, its banner, and notes after some values.
constexpr std::size_t kMexNameWidth = 20;
constexpr std::size_t kMexBannerWidth = 82;

std::string mex_dt_banner(std::string_view type, km::Address address) {
  return "\ndt nt!" + std::string(type) + " " + hex16(address) + " () Recursive: [ -r1 -r2 -r ] Verbose Normal dt\n" +
         std::string(kMexBannerWidth, '=') + "\n";
}

// The command's first argument that is not an option; the debugger's error when there is none usable.
std::optional<km::Address> address_argument(const CommandLine& line, const DebuggerContext& context,
                                            std::string& error) {
  for (const std::string& arg : line.args) {
    if (arg.empty() || arg[0] == '-') continue;
    const auto address = parse_address(arg);
    if (!address) error = unresolved_error(arg);
    return address;
  }
  error = syntax_error(context, line.text);
  return std::nullopt;
}

}  // namespace

std::string cmd_mex_mut(const km::Snapshot& snap, const CommandLine& line, DebuggerContext& context) {
  std::string error;
  const auto address = address_argument(line, context, error);
  if (!address) return error;
  DtType type;
  if (dt_layout(snap, "_KMUTANT", address, type) != DtLookup::Found) {
    return "Could not read nt!_KMUTANT at " + hex16(*address) + "\n";
  }
  const km::ObjectView& mutant = *snap.find_object(*address);
  const std::string owner =
      mutant.OwnerThread != 0 ? "Owning Thread: " + hex16(mutant.OwnerThread) : "No owning thread";
  return mex_dt_banner(type.name, *address) + dt_lines(type, kMexNameWidth, true, true) +
         "\n\nNumber of waiters: " + dec(static_cast<km::LONG64>(mutant.Waiters.size())) + "\n" + owner + "\n";
}

// !mex.obj -waiters <object>: the threads queued on an object's WaitListHead, first waiter first.
std::string cmd_mex_obj(const km::Snapshot& snap, const CommandLine& line, DebuggerContext& context) {
  const bool waiters = std::any_of(line.args.begin(), line.args.end(),
                                   [](const std::string& arg) { return equals_nocase(arg, "-waiters"); });
  if (!waiters) return syntax_error(context, line.text);
  std::string error;
  const auto address = address_argument(line, context, error);
  if (!address) return error;
  const km::ObjectView* object = snap.find_object(*address);
  if (!object) return "Could not read nt!_DISPATCHER_HEADER at " + hex16(*address) + "\n";

  std::vector<const km::ThreadView*> threads;
  for (const km::Address thread : object->WaiterThreads) {
    if (const km::ThreadView* t = snap.find_thread(thread)) threads.push_back(t);
  }
  return thread_table(snap, threads,
                      {ThreadField::Process, ThreadField::Thread, ThreadField::Id, ThreadField::CSwitches,
                       ThreadField::User, ThreadField::Kernel, ThreadField::State, ThreadField::Time,
                       ThreadField::Reason, ThreadField::WaitFunction})
      .render();
}

}  // namespace viz
