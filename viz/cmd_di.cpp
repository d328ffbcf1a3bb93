// !mex.di: MEX's dump information, an extended vertarget.
#include "viz/commands.h"
#include "viz/format.h"

namespace viz {

namespace {

std::string optional_line(std::string_view label, const std::string& value) {
  return value.empty() ? std::string() : std::string(label) + value + "\n";
}

std::string kernel_version_line(const km::MachineView& machine) {
  const std::string processors =
      machine.ProcessorCount > 1 ? "MP (" + dec(machine.ProcessorCount) + " procs)" : std::string("UP");
  return "Windows 10 Kernel Version " + dec(machine.BuildNumber) + " " + processors + " Free x64\n";
}

std::string bugcheck_lines(const km::BugcheckView& bugcheck) {
  std::string args;
  for (const km::ULONG64 arg : bugcheck.Args) args += (args.empty() ? "" : ", ") + hex_upper(arg);
  std::string out = "Bugcheck: " + hex_upper(bugcheck.Code) + " (" + args + ")\n";
  if (!bugcheck.Cause.empty()) out += "Bugcheck: This is a " + bugcheck.Cause + " dump.\n";
  return out;
}

}  // namespace

std::string cmd_mex_di(const km::Snapshot& snap, const CommandLine&, DebuggerContext&) {
  const km::MachineView& machine = snap.Machine;
  const CivilTime now = civil_time(machine.SystemTime, machine.TimeZoneBiasMinutes);
  std::string out;
  out += "Computer Name:  " + (machine.ComputerName.empty() ? std::string("Not Found") : machine.ComputerName) + "\n";
  out += kernel_version_line(machine);
  out += optional_line("Product: ", machine.Product);
  out += optional_line("Edition build lab: ", machine.BuildLab);
  out += "Kernel base = " + pointer(machine.KernelBase) +
         " PsLoadedModuleList = " + pointer(machine.PsLoadedModuleList) + "\n";
  out += "Debug session time: " + session_time(now) + " (" + utc_offset(machine.TimeZoneBiasMinutes) + ")\n";
  out += "System Uptime: " + uptime(machine.InterruptTime) + "\n";
  out += optional_line("SystemManufacturer = ", machine.SystemManufacturer);
  out += optional_line("SystemProductName = ", machine.SystemProductName);
  out += optional_line("Processor: ", machine.ProcessorName);
  if (snap.Bugcheck) out += bugcheck_lines(*snap.Bugcheck);
  out += optional_line("KernelMode Dump Path: ", machine.DumpPath);
  out += optional_line("Share Path: ", machine.SharePath);
  return out;
}

}  // namespace viz
