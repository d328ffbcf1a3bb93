// Machine::snapshot(): the dispatcher's state plus what only the engine knows — stacks, the
// machine's identity, the System process's details, the loaded modules.
#include "driver_image.h"
#include "machine.h"
#include "stack_model.h"

namespace ksim {

km::Snapshot Machine::snapshot() const {
  km::Snapshot s = model_.capture();
  km::MachineView& m = s.Machine;
  m.ComputerName = profile_.computer_name;
  m.BuildNumber = profile_.build;
  m.Product = profile_.product;
  m.BuildLab = profile_.build_lab;
  m.KernelBase = profile_.kernel_base;
  m.PsLoadedModuleList = profile_.ps_loaded_module_list;
  m.TimeZoneBiasMinutes = profile_.time_zone_bias_minutes;
  m.SystemManufacturer = profile_.system_manufacturer;
  m.SystemProductName = profile_.system_product_name;
  m.ProcessorName = profile_.processor_name;
  m.DumpPath = profile_.dump_path;
  m.SharePath = profile_.share_path;
  m.CurrentProcessor = s.Bugcheck ? s.Bugcheck->Processor : 0;

  for (km::ProcessView& p : s.Processes) {
    if (p.UniqueProcessId != 4) continue;
    p.UserName = profile_.system_user;
    p.VirtualSize = profile_.system_vm_bytes;
    p.PeakVirtualSize = profile_.system_peak_vm_bytes;
    p.CommitCharge = profile_.system_commit_bytes;
    p.NonPagedPoolQuota = profile_.system_npp_quota_bytes;
    p.Flags = "E|K|O";
  }
  for (std::size_t i = 0; i < profile_.processes.size(); ++i) {
    const ProfileProcess& source = profile_.processes[i];
    km::ProcessView p;
    p.Self = process_addresses_[i];
    p.UniqueProcessId = source.pid;
    p.InheritedFromUniqueProcessId = source.parent_pid;
    p.ImageFileName = source.image;
    p.SessionId = source.session;
    p.Zombie = source.zombie;
    p.CreateTime = profile_.boot_system_time;
    s.Processes.push_back(std::move(p));
  }

  for (km::ThreadView& t : s.Threads) {
    const km::KTHREAD* k = model_.thread_at(t.Self);
    const SimThread* thread = k ? by_index_[k->CreationIndex] : nullptr;
    if (!thread) continue;  // idle threads
    t.Stack = model_stack(*thread, driver_, profile_, memory_);
  }

  s.Modules.push_back({"nt", "ntoskrnl.exe", profile_.kernel_base, 0x1046000});
  if (driver_) {
    s.Modules.push_back({driver_->module_name(), driver_->module_name() + ".sys", profile_.driver_base,
                         static_cast<km::ULONG>(driver_->host_size())});
  }
  s.Modules.push_back({"myfault", "myfault.sys", profile_.myfault_base, 0x7000});
  if (s.Bugcheck && crashed_) {
    s.Bugcheck->Cause = "myfault.sys";
  }
  return s;
}

}  // namespace ksim
