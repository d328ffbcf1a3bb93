// Timers (nt-dispatcher.md §2.6): the timer table is ordered by (DueTime, insertion), so timers
// due in the same tick expire in a fixed order unless the choice point says otherwise.
#include "dispatcher.h"

namespace km {

void Dispatcher::insert_timer(KTIMER& timer, ULONG64 due_time) {
  timer.DueTime = due_time;
  timer.InsertSequence = ++timer_sequence_;
  timer.Inserted = true;
  timer_queue_.emplace(std::make_pair(due_time, timer.InsertSequence), &timer);
}

void Dispatcher::remove_timer(KTIMER& timer) {
  timer_queue_.erase({timer.DueTime, timer.InsertSequence});
  timer.Inserted = false;
}

void Dispatcher::expire_timer(KTIMER& timer) {
  remove_timer(timer);
  trace(TraceKind::TimerExpired, 0, timer.Header.Self);
  timer.Header.SignalState = 1;
  KiWaitTest(timer.Header, 0);  // TIMER_EXPIRE_INCREMENT
  // A timer's DPC is handed the expiry's system time, low and high parts (WRK KiTimerListExpire);
  // already queued, it is not queued again.
  if (timer.Dpc && !timer.Dpc->DpcData) {
    const auto now = static_cast<ULONG64>(SystemTime());
    queue_dpc(prcbs_[timer.Processor], *timer.Dpc, now & 0xffffffff, now >> 32);
  }
  // A periodic timer is re-armed relative to the time it expires at (WRK: a relative insertion of
  // Period), not from its previous DueTime: it never falls due twice in one tick, so a period
  // shorter than the clock interval fires once per tick, and lateness carries into the next due time.
  if (timer.Period > 0) {
    insert_timer(timer, interrupt_time_ + static_cast<ULONG64>(timer.Period) * 10000);
  }
}

bool Dispatcher::KeSetTimerEx(ULONG cpu, KTIMER& timer, LONG64 due_time, LONG period_ms, KDPC* dpc) {
  const bool was_inserted = timer.Inserted;
  if (was_inserted) remove_timer(timer);
  timer.Header.SignalState = 0;
  timer.Period = period_ms;
  timer.Dpc = dpc;
  timer.Processor = static_cast<USHORT>(cpu);
  insert_timer(timer, due_time_from(due_time));
  // An absolute time already past expires at once; a relative one waits for the next tick.
  if (due_time >= 0 && timer.DueTime <= interrupt_time_) expire_timer(timer);
  return was_inserted;
}

bool Dispatcher::KeCancelTimer(KTIMER& timer) {
  const bool was_inserted = timer.Inserted;
  if (was_inserted) remove_timer(timer);
  return was_inserted;
}

}  // namespace km
