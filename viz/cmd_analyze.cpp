// !analyze [-v]: the bugcheck, what its arguments mean, the crashing stack and the frame blamed for it.
#include <algorithm>
#include <array>

#include "viz/bugcheck_catalog.h"
#include "viz/commands.h"
#include "viz/format.h"
#include "viz/snapshot_query.h"
#include "viz/stack.h"

namespace viz {

namespace {

constexpr std::string_view kBanner =
    "*******************************************************************************\n"
    "*                                                                             *\n"
    "*                        Bugcheck Analysis                                    *\n"
    "*                                                                             *\n"
    "*******************************************************************************\n"
    "\n";

constexpr std::string_view kFollowup = "Followup:     MachineOwner\n---------\n\n";

// The frames between the fault and KeBugCheckEx; !analyze looks past them for a culprit.
bool is_bugcheck_plumbing(const km::FrameView& frame) {
  static constexpr std::array<std::string_view, 6> plumbing = {
      "KeBugCheckEx",       "KeBugCheck", "KiBugCheckDispatch", "KiPageFault", "KiGeneralProtectionFault",
      "KiExceptionDispatch"};
  return frame.Module == "nt" && std::find(plumbing.begin(), plumbing.end(), frame.Function) != plumbing.end();
}

// The first frame outside nt (a driver is the likelier culprit), else the first past the plumbing.
const km::FrameView* blamed_frame(const std::vector<km::FrameView>& stack) {
  const auto driver = std::find_if(stack.begin(), stack.end(), [](const km::FrameView& f) { return f.Module != "nt"; });
  if (driver != stack.end()) return &*driver;
  const auto past = std::find_if_not(stack.begin(), stack.end(), is_bugcheck_plumbing);
  return past == stack.end() ? nullptr : &*past;
}

std::string image_of(const km::Snapshot& snap, const std::string& module) {
  const km::ModuleView* view = snap.find_module(module);
  return view && !view->ImageName.empty() ? view->ImageName : module + ".sys";
}

std::string header(const km::BugcheckView& bugcheck, const BugcheckInfo* info) {
  std::string out(kBanner);
  out += std::string(info ? info->name : "Unknown bugcheck code") + " (" + hex(bugcheck.Code) + ")\n";
  out += std::string(info ? info->description : "Unknown bugcheck description") + "\n";
  out += "Arguments:\n";
  for (std::size_t i = 0; i < bugcheck.Args.size(); ++i) {
    out += "Arg" + dec(static_cast<km::LONG64>(i + 1)) + ": " + hex16(bugcheck.Args[i]);
    if (info) out += ", " + std::string(info->arguments[i]);
    out += "\n";
  }
  return out + "\n";
}

std::string os_lines(const km::MachineView& machine) {
  // "22621.2506.amd64fre.ni_release_svc_prod3.231018-1809": build, revision, flavour, branch, date.
  const std::vector<std::string> lab = split_list(machine.BuildLab, '.');
  const std::string revision = lab.size() > 1 ? lab[1] : "0";
  std::string out = "OS_VERSION:  10.0." + dec(machine.BuildNumber) + "." + revision + "\n\n";
  if (lab.size() > 3) out += "BUILDLAB_STR:  " + lab[3] + "\n\n";
  return out + "OSPLATFORM_TYPE:  x64\n\nOSNAME:  Windows 10\n\n";
}

std::string process_name(const km::Snapshot& snap, const km::BugcheckView& bugcheck) {
  const km::ThreadView* thread = snap.find_thread(bugcheck.Thread);
  const std::string name = thread ? image_name(snap, *thread) : std::string();
  return name.empty() ? "System" : name;
}

std::string verbose(const km::Snapshot& snap, const km::BugcheckView& bugcheck, const BugcheckInfo* info) {
  std::string out = header(bugcheck, info) + "Debugging Details:\n------------------\n\n\n";
  out += "BUGCHECK_CODE:  " + hex(bugcheck.Code) + "\n\n";
  for (std::size_t i = 0; i < bugcheck.Args.size(); ++i) {
    out += "BUGCHECK_P" + dec(static_cast<km::LONG64>(i + 1)) + ": " + hex(bugcheck.Args[i]) + "\n\n";
  }
  out += "PROCESS_NAME:  " + process_name(snap, bugcheck) + "\n\n";
  out += "STACK_TEXT:  \n" + kv_stack_lines(bugcheck.Stack) + "\n\n";

  const std::string code = "0x" + hex_upper(bugcheck.Code);
  const km::FrameView* culprit = blamed_frame(bugcheck.Stack);
  if (culprit) {
    out += "SYMBOL_NAME:  " + bucket_symbol(*culprit) + "\n\n";
    out += "MODULE_NAME: " + culprit->Module + "\n\n";
    out += "IMAGE_NAME:  " + image_of(snap, culprit->Module) + "\n\n";
  }
  out += "STACK_COMMAND:  .cxr; .ecxr ; kb\n\n";
  const std::string function = culprit && !culprit->Function.empty() ? culprit->Function : "unknown_function";
  out += "FAILURE_BUCKET_ID:  " + code + "_" + (culprit ? culprit->Module + "!" + function : "UNKNOWN") + "\n\n";
  return out + os_lines(snap.Machine) + std::string(kFollowup);
}

std::string brief(const km::Snapshot& snap, const km::BugcheckView& bugcheck) {
  std::string args;
  for (const km::ULONG64 arg : bugcheck.Args) args += (args.empty() ? "" : ", ") + hex(arg);
  std::string out(kBanner);
  out += "Use !analyze -v to get detailed debugging information.\n\n";
  out += "BugCheck " + hex_upper(bugcheck.Code) + ", {" + args + "}\n\n";
  if (const km::FrameView* culprit = blamed_frame(bugcheck.Stack)) {
    out += "Probably caused by : " + image_of(snap, culprit->Module) + " ( " + bucket_symbol(*culprit) + " )\n\n";
  }
  return out + std::string(kFollowup);
}

}  // namespace

std::string cmd_analyze(const km::Snapshot& snap, const CommandLine& line, DebuggerContext& context) {
  const bool is_verbose = !line.args.empty() && line.args.front() == "-v";
  if (line.args.size() > 1 || (!line.args.empty() && !is_verbose)) return syntax_error(context, line.text);
  const km::BugcheckView bugcheck = snap.Bugcheck.value_or(km::BugcheckView{});
  return is_verbose ? verbose(snap, bugcheck, find_bugcheck(bugcheck.Code)) : brief(snap, bugcheck);
}

}  // namespace viz
