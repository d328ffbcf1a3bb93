#include "narration.h"

#include "engine/duration.h"
#include "kernel_model/kmutant.h"
#include "kernel_model/kthread.h"
#include "viz/bugcheck_catalog.h"
#include "viz/format.h"

namespace ksim::debug {

namespace {

std::string status_name(km::LONG64 status) {
  switch (status) {
    case km::STATUS_SUCCESS: return "STATUS_SUCCESS";
    case km::STATUS_ABANDONED_WAIT_0: return "STATUS_ABANDONED_WAIT_0";
    case km::STATUS_USER_APC: return "STATUS_USER_APC";
    case km::STATUS_ALERTED: return "STATUS_ALERTED";
    case km::STATUS_TIMEOUT: return "STATUS_TIMEOUT";
    default: return "0x" + viz::hex_padded(static_cast<km::ULONG64>(status), 8);
  }
}

std::size_t list_length(const km::LIST_ENTRY& head) {
  std::size_t n = 0;
  for (const km::LIST_ENTRY* e = head.Flink; e != &head; e = e->Flink) ++n;
  return n;
}

std::string plural(std::size_t n, const std::string& noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

}  // namespace

const std::string& Narrator::thread(km::Address thread) {
  auto it = thread_names_.find(thread);
  if (it == thread_names_.end()) it = thread_names_.emplace(thread, symbols_.thread_name(machine_, thread)).first;
  return it->second;
}

const SimThread* Narrator::io_owner(km::Address event) const {
  for (const auto& sim : machine_.threads()) {
    if (sim->io_event && sim->io_event->Header.Self == event) return sim.get();
  }
  return nullptr;
}

// "Mutant ffffc983`f2c00580", "its I/O event ffffc983`f2d1c0a0 (ZwCreateFile)", "the delay timer of X".
std::string Narrator::object(km::Address address, km::Address for_thread) {
  if (const SimThread* owner = io_owner(address)) {
    const std::string whose = owner->kthread->Header.Self == for_thread ? "its" : thread(owner->kthread->Header.Self) + "'s";
    return whose + " I/O event " + viz::backtick(address) + " (" + owner->io_routine + ")";
  }
  if (const km::KTHREAD* owner = machine_.model().thread_at(address - km::KTHREAD::TimerOffset);
      owner && owner->Timer.Header.Self == address) {
    return (owner->Header.Self == for_thread ? "its" : thread(owner->Header.Self) + "'s") + std::string(" timer");
  }
  const km::DISPATCHER_HEADER* header = machine_.model().object_at(address);
  const std::string type = header ? std::string(km::object_type_name(header->Type)) : "object";
  return type + " " + viz::backtick(address);
}

std::string Narrator::wait_blocked(const km::TraceEvent& e) {
  const std::string& who = thread(e.Thread);
  const std::string reason(km::to_string(static_cast<km::KWAIT_REASON>(e.Value)));
  const km::KTHREAD* t = machine_.model().thread_at(e.Thread);
  if (e.Object == 0) {
    return who + " delays: its timer goes into the timer table, due at uptime " + format_uptime(t->Timer.DueTime) +
           "; the thread becomes Waiting (" + reason + ")";
  }
  std::string text = who + " waits on " + object(e.Object, e.Thread);
  const km::DISPATCHER_HEADER* header = machine_.model().object_at(e.Object);
  if (header && header->Type == km::MutantObject) {
    if (const km::KTHREAD* owner = reinterpret_cast<const km::KMUTANT*>(header)->OwnerThread) {
      text += ", owned by " + thread(owner->Header.Self);
    }
  }
  if (t->PendingWait.Objects.size() > 1) text += " and " + plural(t->PendingWait.Objects.size() - 1, "more object");
  if (header) {
    const std::size_t ahead = list_length(header->WaitListHead) - 1;
    text += "; its wait block goes to the tail of the " +
            (header->Type == km::MutantObject ? std::string("mutant") : std::string("object")) + "'s wait list" +
            (ahead ? " (" + plural(ahead, "waiter") + " ahead)" : "");
  }
  if (t->PendingWait.HasTimeout) text += ", with a timeout due at uptime " + format_uptime(t->PendingWait.DueTime);
  return text + "; the thread becomes Waiting (" + reason + ")";
}

std::string Narrator::signalled(const km::TraceEvent& e) {
  if (const SimThread* owner = io_owner(e.Object)) {
    return "the disk completes " + thread(owner->kthread->Header.Self) + "'s " + owner->io_routine +
           ": the completion sets its I/O event " + viz::backtick(e.Object);
  }
  const km::DISPATCHER_HEADER* header = machine_.model().object_at(e.Object);
  const std::string by = e.Thread ? thread(e.Thread) + " " : std::string();
  if (header && header->Type == km::SemaphoreObject) {
    return by + "releases " + object(e.Object, e.Thread) + " (count " + std::to_string(e.Value) + " -> " +
           std::to_string(header->SignalState) + ")";
  }
  return by + (by.empty() ? "KeSetEvent sets " : "sets ") + object(e.Object, e.Thread) + " (SignalState " +
         std::to_string(e.Value) + " -> 1)";
}

std::string Narrator::text(const km::TraceEvent& e) {
  switch (e.Kind) {
    case km::TraceKind::WaitBlocked: return wait_blocked(e);
    case km::TraceKind::WaitSatisfied:
      return thread(e.Thread) + "'s wait on " + object(e.Object, e.Thread) + " is satisfied at once (" +
             status_name(e.Value) + "); it goes on running";
    case km::TraceKind::Unwaited: {
      const km::KTHREAD* t = machine_.model().thread_at(e.Thread);
      if (t && t->PendingWait.IsDelay) {
        return thread(e.Thread) + "'s delay is over: it leaves the wait and becomes DeferredReady";
      }
      return thread(e.Thread) + "'s wait is satisfied (" + status_name(e.Value) +
             "): its wait blocks leave the wait lists and it becomes DeferredReady";
    }
    case km::TraceKind::MutantAcquired:
      return thread(e.Thread) + " acquires " + object(e.Object, e.Thread) +
             ": it becomes the owner and the mutant joins its MutantListHead";
    case km::TraceKind::MutantReleased: {
      const km::LONG now = static_cast<km::LONG>(e.Value) + 1;
      return thread(e.Thread) + " releases " + object(e.Object, e.Thread) + " (SignalState " + std::to_string(e.Value) +
             " -> " + std::to_string(now) + "): " + (now == 1 ? "it is free" : "it still owns it");
    }
    case km::TraceKind::MutantAbandoned:
      return object(e.Object, 0) + " is abandoned: its owner " + thread(e.Thread) + " exits holding it";
    case km::TraceKind::ObjectSignalled: return signalled(e);
    case km::TraceKind::TimerExpired: return object(e.Object, 0) + " expires";
    case km::TraceKind::Readied: {
      const km::KTHREAD* t = machine_.model().thread_at(e.Thread);
      const bool starting = t && t->State == km::KTHREAD_STATE::Initialized;
      return thread(e.Thread) + (starting ? " starts (PsCreateSystemThread) and" : "") + " is readied for processor " +
             std::to_string(e.Processor) + " at priority " + std::to_string(t ? t->Priority : 0);
    }
    case km::TraceKind::SwitchedIn: {
      const km::Address previous = machine_.model().Prcb(e.Processor).CurrentThread->Header.Self;
      return "processor " + std::to_string(e.Processor) + " switches from " + thread(previous) + " to " + thread(e.Thread);
    }
    case km::TraceKind::ThreadTerminated:
      return thread(e.Thread) + " exits: it becomes Terminated and its thread object is signalled";
    case km::TraceKind::DpcQueued:
      return "DPC " + viz::backtick(e.Object) + " is queued on processor " + std::to_string(e.Processor);
    case km::TraceKind::DpcRetired:
      return "processor " + std::to_string(e.Processor) + " runs DPC " + viz::backtick(e.Object) +
             " at DISPATCH_LEVEL, interrupting " + thread(e.Thread);
    case km::TraceKind::Bugcheck: {
      const viz::BugcheckInfo* info = viz::find_bugcheck(static_cast<km::ULONG>(e.Value));
      return "KeBugCheckEx 0x" + viz::hex_upper(static_cast<km::ULONG64>(e.Value)) + (info ? " (" + std::string(info->name) + ")" : "") +
             " on processor " + std::to_string(e.Processor) + ": the machine stops";
    }
  }
  return {};
}

std::string Narrator::line(std::uint64_t number, const km::TraceEvent& event) {
  return "[" + viz::hex_upper(number) + " " + format_uptime(event.Time) + "] " + text(event);
}

}  // namespace ksim::debug
