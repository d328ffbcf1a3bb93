// The machine a run simulates: what a dump's !di, !tl and !mex.p describe that is not the driver's
// doing. The default is the seed's machine: a 6-processor Hyper-V VM on Windows 11 22621.2506.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernel_model/nt_enums.h"

namespace ksim {

struct ProfileProcess {
  std::uint64_t pid = 0;
  std::uint64_t parent_pid = 0;
  std::string image;
  std::uint32_t session = 0;
  bool zombie = false;
};

// A group of the System process's own threads, parked in one kind of wait for the whole run. An
// unbuilt group is only counted: it moves where the threads created after it start.
struct BackgroundThreads {
  km::KWAIT_REASON reason;
  std::uint32_t count;
  bool built = true;
};

struct MachineProfile {
  std::string computer_name = "Not Found";
  std::uint32_t build = 22621;
  std::string product = "WinNt, suite: TerminalServer SingleUserTS";
  std::string build_lab = "22621.2506.amd64fre.ni_release_svc_prod3.231018-1809";
  std::uint64_t kernel_base = 0xfffff8054d200000;
  std::uint64_t ps_loaded_module_list = 0xfffff8054de134a0;
  std::uint64_t driver_base = 0xfffff805735d0000;  // where the next driver image is mapped
  std::uint64_t myfault_base = 0xfffff80573630000;
  std::int64_t boot_system_time = 0;                // system time at interrupt time 0
  std::int32_t time_zone_bias_minutes = -480;       // UTC - 8:00
  std::int64_t system_process_create_offset = 0;    // System's CreateTime relative to boot (100 ns)
  std::int32_t create_time_bias_minutes = -420;     // mex prints process create times in this zone
  std::string system_manufacturer = "Microsoft Corporation";
  std::string system_product_name = "Virtual Machine";
  std::string processor_name = "11th Gen Intel(R) Core(TM) i7-1185G7 @ 3.00GHz";
  std::string dump_path = "C:\\Windows\\MEMORY.DMP";
  std::string share_path = "\\\\WINDEV2305EVAL\\ADMIN$\\MEMORY.DMP";
  std::string system_user = "WORKGROUP\\WINDEV2305EVAL$";
  std::uint64_t system_vm_bytes = 4ull << 20;
  std::uint64_t system_peak_vm_bytes = 90722796;    // 86.52 MB
  std::uint64_t system_commit_bytes = 44 << 10;
  std::uint64_t system_npp_quota_bytes = 272;
  std::vector<ProfileProcess> processes;            // besides System and Idle
  std::vector<BackgroundThreads> system_threads;    // the System process's own threads

  static MachineProfile windows11_22621_vm();
  // The same machine with one of the System process's parked threads: the worker that loads the
  // driver. The others are only counted, modulo the processor count, before and after it, since
  // their number decides where new threads start (ideal processors go round by the process's
  // ThreadSeed). Nothing in a run wakes them, so a driver is scheduled on it decision for
  // decision as on this one; only thread counts and addresses differ. Exploration builds
  // thousands of these.
  MachineProfile lean(std::uint32_t processors) const;
};

}  // namespace ksim
