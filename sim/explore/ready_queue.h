// The thread a processor would switch to next: the head of its highest non-empty ready list.
// PCT compares it with the running thread; reports name it.
#pragma once

#include <bit>
#include <cstddef>

#include "kernel_model/dispatcher.h"

namespace ksim::explore {

inline const km::KTHREAD* next_ready(const km::Dispatcher& model, km::ULONG cpu) {
  const km::KPRCB& prcb = model.Prcb(cpu);
  if (prcb.ReadySummary == 0) return nullptr;
  const auto priority = static_cast<std::size_t>(31 - std::countl_zero(prcb.ReadySummary));
  km::LIST_ENTRY* head = prcb.DispatcherReadyListHead[priority].Flink;
  return km::containing_record<km::KTHREAD>(head, offsetof(km::KTHREAD, WaitListEntry));
}

}  // namespace ksim::explore
