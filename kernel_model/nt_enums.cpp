#include "nt_enums.h"
#include "trace.h"

#include <array>

namespace km {

std::string_view to_string(KWAIT_REASON reason) {
  static constexpr std::array<std::string_view, 42> names = {
      "Executive", "FreePage", "PageIn", "PoolAllocation", "DelayExecution", "Suspended",
      "UserRequest", "WrExecutive", "WrFreePage", "WrPageIn", "WrPoolAllocation",
      "WrDelayExecution", "WrSuspended", "WrUserRequest", "WrSpare0", "WrQueue", "WrLpcReceive",
      "WrLpcReply", "WrVirtualMemory", "WrPageOut", "WrRendezvous", "WrKeyedEvent", "WrTerminated",
      "WrProcessInSwap", "WrCpuRateControl", "WrCalloutStack", "WrKernel", "WrResource",
      "WrPushLock", "WrMutex", "WrQuantumEnd", "WrDispatchInt", "WrPreempted", "WrYieldExecution",
      "WrFastMutex", "WrGuardedMutex", "WrRundown", "WrAlertByThreadId", "WrDeferredPreempt",
      "WrPhysicalFault", "WrIoRing", "WrMdlCache"};
  const auto index = static_cast<std::size_t>(reason);
  return index < names.size() ? names[index] : "Unknown";
}

std::string_view to_string(KTHREAD_STATE state) {
  static constexpr std::array<std::string_view, 10> names = {
      "Initialized", "Ready", "Running", "Standby", "Terminated",
      "Waiting", "Transition", "DeferredReady", "GateWaitObsolete", "WaitingForProcessInSwap"};
  const auto index = static_cast<std::size_t>(state);
  return index < names.size() ? names[index] : "Unknown";
}

std::string_view object_type_name(UCHAR type) {
  switch (type) {
    case EventNotificationObject: return "NotificationEvent";
    case EventSynchronizationObject: return "SynchronizationEvent";
    case MutantObject: return "Mutant";
    case ProcessObject: return "ProcessObject";
    case QueueObject: return "QueueObject";
    case SemaphoreObject: return "Semaphore";
    case ThreadObject: return "Thread";
    case GateObject: return "Gate";
    case TimerNotificationObject: return "NotificationTimer";
    case TimerSynchronizationObject: return "SynchronizationTimer";
    default: return "Unknown";
  }
}

std::string_view to_string(TraceKind kind) {
  static constexpr std::array<std::string_view, 14> names = {
      "WaitSatisfied", "WaitBlocked", "Unwaited",   "MutantAcquired", "MutantReleased",
      "MutantAbandoned", "ObjectSignalled", "TimerExpired", "Readied", "SwitchedIn",
      "ThreadTerminated", "Bugcheck", "DpcQueued", "DpcRetired"};
  return names[static_cast<std::size_t>(kind)];
}

}  // namespace km
