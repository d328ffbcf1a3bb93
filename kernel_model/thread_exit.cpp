// Thread exit (nt-dispatcher.md §4): PspExitThread's APC-disable check comes before mutant rundown,
// so a system thread that exits owning a KMUTEX bugchecks 0x20, not 0x4000008A.
#include "dispatcher.h"

namespace km {

CallResult Dispatcher::terminate_thread(ULONG cpu) {
  if (bugcheck_) return {Outcome::Bugcheck, 0};
  // PsTerminateSystemThread from a DPC would switch away from it.
  if (switch_from_dpc(cpu)) return {Outcome::Bugcheck, 0};
  KTHREAD& thread = current(cpu);
  thread.Irql = PASSIVE_LEVEL;
  if (const ULONG disabled = thread.CombinedApcDisable(); disabled != 0) {
    raise_bugcheck(cpu, KERNEL_APC_PENDING_DURING_EXIT, {0, disabled, 0, 1});
    return {Outcome::Bugcheck, 0};
  }
  while (!IsListEmpty(thread.MutantListHead)) {
    KMUTANT& mutant = *containing_record<KMUTANT>(thread.MutantListHead.Flink, offsetof(KMUTANT, MutantListEntry));
    if (mutant.ApcDisable != 0) {
      raise_bugcheck(cpu, THREAD_TERMINATE_HELD_MUTEX, {thread.Header.Self, mutant.Header.Self, 0, 0});
      return {Outcome::Bugcheck, 0};
    }
    (void)KeReleaseMutant(cpu, mutant, 1, true, false);  // abandon: MUTANT_INCREMENT
  }
  trace(TraceKind::ThreadTerminated, thread.Header.Self, 0, 0, cpu);
  thread.State = KTHREAD_STATE::Terminated;
  thread.WaitReason = KWAIT_REASON::WrTerminated;
  thread.WaitTime = static_cast<ULONG>(tick_count_);
  thread.Header.SignalState = 1;
  KiWaitTest(thread.Header, 0);
  KiSwapThread(cpu);
  return {Outcome::Blocked, 0};
}

}  // namespace km
