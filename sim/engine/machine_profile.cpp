#include "machine_profile.h"

namespace ksim {

namespace {
// 2023-11-03 13:17:58.027 UTC as a FILETIME: the seed dump's session time less its uptime.
constexpr std::int64_t SeedBootSystemTime = 133434910780270000;
}  // namespace

MachineProfile MachineProfile::windows11_22621_vm() {
  MachineProfile p;
  p.boot_system_time = SeedBootSystemTime;
  // The seed's System process shows Create Time 06:17:56.694 in mex's zone: 1.333 s before the
  // clock interrupt started counting.
  p.system_process_create_offset = -13330000;
  p.processes = {
      {0x7c, 4, "Registry"},        {0x1a4, 4, "smss.exe"},   {0x228, 0x21c, "csrss.exe"},
      {0x268, 0x21c, "wininit.exe"}, {0x2b0, 0x268, "services.exe"}, {0x2c8, 0x268, "lsass.exe"},
      {0x3a8, 0x2b0, "svchost.exe"}, {0x1c34, 0x3a8, "explorer.exe", 1},
      {0x2268, 0x3a8, "SystemSettingsBroker.exe", 1},
      {0x1f84, 0x3a8, "conhost.exe", 1, true},       {0x2404, 0x3a8, "backgroundTaskHost.exe", 1, true},
      {0x1b10, 0x3a8, "RuntimeBroker.exe", 1, true}, {0x2530, 0x1c34, "notmyfault64.exe", 1, true},
      {0x2a1c, 0x3a8, "svchost.exe", 0, true},
  };
  // 255 threads of its own: with the driver's two, the seed's System process has 257.
  p.system_threads = {
      {km::KWAIT_REASON::Executive, 140}, {km::KWAIT_REASON::WrQueue, 62},
      {km::KWAIT_REASON::WrFreePage, 21}, {km::KWAIT_REASON::DelayExecution, 20},
      {km::KWAIT_REASON::Suspended, 4},   {km::KWAIT_REASON::WrVirtualMemory, 2},
      {km::KWAIT_REASON::WrPageOut, 1},   {km::KWAIT_REASON::WrLpcReceive, 1},
      {km::KWAIT_REASON::WrExecutive, 1}, {km::KWAIT_REASON::WrResource, 3},
  };
  return p;
}

MachineProfile MachineProfile::lean(std::uint32_t processors) const {
  // What decides placement: how many threads come before the worker that loads the driver, and
  // how many there are in all, each modulo the processor count.
  std::uint32_t before = 0;
  std::uint32_t after = 0;
  bool worker_seen = false;
  for (const BackgroundThreads& group : system_threads) {
    const bool worker = !worker_seen && group.reason == km::KWAIT_REASON::WrQueue;
    if (worker) after += group.count - 1;
    else (worker_seen ? after : before) += group.count;
    worker_seen = worker_seen || worker;
  }
  MachineProfile p = *this;
  p.system_threads = {{km::KWAIT_REASON::Executive, before % processors, false},
                      {km::KWAIT_REASON::WrQueue, 1},
                      {km::KWAIT_REASON::Executive, after % processors, false}};
  return p;
}

}  // namespace ksim
