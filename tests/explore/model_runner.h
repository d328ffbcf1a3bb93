// Runs a random program (model_program.h) on a Dispatcher, step by step, with no fibers: each
// step either lets one processor's running thread make its next call or takes a clock tick (which
// one is drawn from the program's seed, as are the dispatcher's own choices). After every step it
// checks, and records as "property: what" lines:
//   invariants  Dispatcher::check_invariants() holds;
//   one-owner   the dispatcher's trace never shows a mutant acquired while another thread owns it,
//               the trace's owner is the model's, and a wait a mutant satisfied leaves its thread
//               the owner;
//   lost-wakeup no object stays signalled while a waiter it could satisfy waits (WaitAll too);
//   fifo        a signal wakes single-object waiters in the order they began waiting;
//   wait-all    a thread blocked in WaitAll owns none of its mutants it did not own before, and a
//               WaitAll that ends (not by timeout) owns them all.
// The trace hash makes determinism checkable: the same program gives the same hash.
#pragma once

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/random_choices.h"
#include "kernel_model/dispatcher.h"
#include "kernel_model/model_fixture.h"
#include "model_program.h"

namespace modelprop {

struct Outcome {
  std::vector<std::string> broken;
  std::uint64_t trace_hash = 14695981039346656037ull;
  std::uint64_t steps = 0;
};

class Runner final : public km::TraceSink {
 public:
  explicit Runner(const Program& program)
      : program_(program),
        choices_(program.seed),
        steps_(~program.seed),
        d_(kmtest::test_config(static_cast<km::ULONG>(program.processors)), choices_) {
    d_.set_trace(this);
    km::KPROCESS& system = d_.create_process(kmtest::kSystemProcess, kmtest::kSystemPid, "System", 8);
    for (int m = 0; m < kMutants; ++m) objects_[m] = &d_.KeInitializeMutant(object_address(m), nullptr).Header;
    objects_[kSyncEvent] = &d_.KeInitializeEvent(object_address(kSyncEvent), km::EVENT_TYPE::SynchronizationEvent, false).Header;
    objects_[kNotificationEvent] = &d_.KeInitializeEvent(object_address(kNotificationEvent), km::EVENT_TYPE::NotificationEvent, false).Header;
    objects_[kSemaphore] = &d_.KeInitializeSemaphore(object_address(kSemaphore), program.semaphore_count, 2).Header;
    for (std::size_t i = 0; i < program.threads.size(); ++i) {
      km::KTHREAD& t = d_.create_thread(kmtest::kThreadBase + i * kmtest::kThreadStride, system, 0x44 + 4 * i, 0);
      t.NextProcessor = t.IdealProcessor = static_cast<km::ULONG>(i) % d_.processor_count();
      threads_.push_back(&t);
      d_.ready_new_thread(t);
    }
    pc_.assign(threads_.size(), 0);
    waits_.resize(threads_.size());
  }

  Outcome run() {
    constexpr std::uint64_t MaxSteps = 5000;
    check();
    for (; outcome_.steps < MaxSteps && outcome_.broken.size() < 8; ++outcome_.steps) {
      for (km::ULONG cpu = 0; cpu < d_.processor_count(); ++cpu) d_.dispatch(cpu);
      check();
      std::vector<km::ULONG> busy;
      for (km::ULONG cpu = 0; cpu < d_.processor_count(); ++cpu) {
        if (!d_.Prcb(cpu).CurrentThread->IsIdleThread) busy.push_back(cpu);
      }
      if (busy.empty() && !d_.next_timer_due()) break;  // finished, or every thread waits for good
      const auto before = fifo_candidates();
      if (busy.empty() || steps_.pick(km::ChoiceKind::NextRunnable, 8) == 0) {
        d_.clock_tick();
      } else {
        step(busy[busy.size() == 1 ? 0 : steps_.pick(km::ChoiceKind::NextRunnable, static_cast<km::ULONG>(busy.size()))]);
      }
      check_fifo(before);
      check();
    }
    return std::move(outcome_);
  }

  void record(const km::TraceEvent& e) override {
    for (const std::uint64_t v : {static_cast<std::uint64_t>(e.Kind), e.Time, static_cast<std::uint64_t>(e.Processor), e.Thread,
                                  e.Object, static_cast<std::uint64_t>(e.Value)}) {
      outcome_.trace_hash = (outcome_.trace_hash ^ v) * 1099511628211ull;
    }
    if (e.Kind == km::TraceKind::MutantAcquired) {
      const auto [owner, added] = trace_owner_.try_emplace(e.Object, e.Thread);
      if (!added && owner->second != e.Thread) fail("one-owner", "mutant " + hex(e.Object) + " acquired by " + hex(e.Thread) + " while " + hex(owner->second) + " owns it");
      owner->second = e.Thread;
    } else if ((e.Kind == km::TraceKind::MutantReleased && e.Value == 0) || e.Kind == km::TraceKind::MutantAbandoned) {
      trace_owner_.erase(e.Object);
    }
  }

 private:
  static km::Address object_address(int index) { return kmtest::kObjectBase + static_cast<km::Address>(index) * kmtest::kObjectStride; }
  static std::string hex(km::Address a) {
    char text[20];
    std::snprintf(text, sizeof text, "%llx", static_cast<unsigned long long>(a));
    return text;
  }
  void fail(const std::string& property, const std::string& what) { outcome_.broken.push_back(property + ": " + what); }
  std::size_t index_of(const km::KTHREAD& t) const {
    return static_cast<std::size_t>(std::find(threads_.begin(), threads_.end(), &t) - threads_.begin());
  }
  km::KMUTANT& mutant(int m) { return reinterpret_cast<km::KMUTANT&>(*objects_[static_cast<std::size_t>(m)]); }

  // The running thread on `cpu` makes its next call, or exits after its last.
  void step(km::ULONG cpu) {
    km::KTHREAD& t = d_.current(cpu);
    const std::size_t i = index_of(t);
    if (pc_[i] == program_.threads[i].size()) {
      (void)d_.terminate_thread(cpu);
      return;
    }
    const Op& op = program_.threads[i][pc_[i]++];
    const km::LONG64 relative = -static_cast<km::LONG64>(op.timeout_ticks) * kmtest::kTick;
    const km::LONG64* timeout = op.timeout_ticks < 0 ? nullptr : &relative;
    std::vector<km::DISPATCHER_HEADER*> objects;
    for (int o : op.objects) objects.push_back(objects_[static_cast<std::size_t>(o)]);
    km::CallResult r{};
    switch (op.kind) {
      case OpKind::Wait:
      case OpKind::WaitAny:
      case OpKind::WaitAll: {
        Wait& wait = waits_[i].emplace(Wait{objects, op.kind == OpKind::WaitAll, {}});
        for (int m = 0; m < kMutants; ++m) wait.owned_before.push_back(mutant(m).OwnerThread == &t);
        if (op.kind == OpKind::Wait) {
          r = d_.KeWaitForSingleObject(cpu, *objects[0], km::KWAIT_REASON::Executive, km::KPROCESSOR_MODE::KernelMode, false, timeout);
          if (r.Kind == km::Outcome::Blocked) began_waiting_[static_cast<std::size_t>(op.objects[0])].push_back(&t);
        } else {
          r = d_.KeWaitForMultipleObjects(cpu, objects, wait.all ? km::WAIT_TYPE::WaitAll : km::WAIT_TYPE::WaitAny,
                                          km::KWAIT_REASON::Executive, km::KPROCESSOR_MODE::KernelMode, false, timeout, 0);
        }
        if (r.Kind == km::Outcome::Continue) check_wait_end(i, r.Status);
        break;
      }
      case OpKind::Delay:
        r = d_.KeDelayExecutionThread(cpu, km::KPROCESSOR_MODE::KernelMode, false, op.timeout_ticks <= 0 ? 0 : relative);
        break;
      case OpKind::ReleaseMutant:
        // The one named if the thread owns it, else any it owns: releases of others' raise.
        for (int m : {op.objects[0], 0, 1}) {
          if (mutant(m).OwnerThread != &t) continue;
          r = d_.KeReleaseMutant(cpu, mutant(m), 1, false, false);
          break;
        }
        break;
      case OpKind::SetEvent: r = d_.KeSetEvent(cpu, reinterpret_cast<km::KEVENT&>(*objects[0]), 1, false); break;
      case OpKind::ResetEvent: d_.KeResetEvent(reinterpret_cast<km::KEVENT&>(*objects[0])); break;
      case OpKind::PulseEvent: r = d_.KePulseEvent(cpu, reinterpret_cast<km::KEVENT&>(*objects[0]), 1, false); break;
      case OpKind::ReleaseSemaphore: {
        auto& s = reinterpret_cast<km::KSEMAPHORE&>(*objects[0]);
        if (s.Header.SignalState < s.Limit) r = d_.KeReleaseSemaphore(cpu, s, 1, 1, false);
        break;
      }
    }
    if (r.Kind == km::Outcome::Raised || r.Kind == km::Outcome::Bugcheck)
      fail("invariants", std::string(name(op.kind)) + " raised or bugchecked (status " + hex(static_cast<km::ULONG>(r.Status)) + ")");
    // A call that returned is a kernel-call boundary, where the choice point may end the quantum.
    if (r.Kind == km::Outcome::Continue) d_.offer_preemption(cpu);
  }

  bool satisfiable(const km::DISPATCHER_HEADER& o, const km::KTHREAD& t) const {
    if (o.Type == km::MutantObject) return o.SignalState > 0 || reinterpret_cast<const km::KMUTANT&>(o).OwnerThread == &t;
    return o.SignalState > 0;
  }

  static std::vector<const km::KTHREAD*> waiters(const km::DISPATCHER_HEADER& o) {
    std::vector<const km::KTHREAD*> threads;
    for (const km::LIST_ENTRY* e = o.WaitListHead.Flink; e != &o.WaitListHead; e = e->Flink)
      threads.push_back(reinterpret_cast<const km::KWAIT_BLOCK*>(e)->Thread);
    return threads;
  }

  // Per object, its waiters in the order they began waiting, when they all wait for it alone
  // (else none to check).
  std::array<std::vector<const km::KTHREAD*>, kObjects> fifo_candidates() {
    std::array<std::vector<const km::KTHREAD*>, kObjects> candidates;
    for (std::size_t o = 0; o < kObjects; ++o) {
      auto& began = began_waiting_[o];
      std::erase_if(began, [&](const km::KTHREAD* t) {
        return t->State != km::KTHREAD_STATE::Waiting || t->PendingWait.Objects.size() != 1 || t->PendingWait.Objects[0] != objects_[o];
      });
      if (began.size() == waiters(*objects_[o]).size()) candidates[o] = began;
    }
    return candidates;
  }

  void check_fifo(const std::array<std::vector<const km::KTHREAD*>, kObjects>& before) {
    for (std::size_t o = 0; o < kObjects; ++o) {
      bool gap = false;  // a waiter passed over by the signal
      for (const km::KTHREAD* t : before[o]) {
        const bool still_waiting = t->State == km::KTHREAD_STATE::Waiting;
        if (!still_waiting && t->WaitStatus == km::STATUS_TIMEOUT) continue;
        if (still_waiting) gap = true;
        else if (gap) fail("fifo", "thread " + hex(t->Header.Self) + " was woken by object " + std::to_string(o) + " before an earlier waiter");
      }
    }
  }

  void check() {
    for (const std::string& line : d_.check_invariants()) fail("invariants", line);
    for (int m = 0; m < kMutants; ++m) {
      const auto found = trace_owner_.find(objects_[static_cast<std::size_t>(m)]->Self);
      const km::KTHREAD* owner = mutant(m).OwnerThread;
      if ((owner ? owner->Header.Self : 0) != (found == trace_owner_.end() ? 0 : found->second))
        fail("one-owner", "mutant " + std::to_string(m) + "'s owner differs from the one the trace shows");
    }
    for (const km::DISPATCHER_HEADER* o : objects_) {
      if (o->SignalState <= 0) continue;
      for (const km::KTHREAD* t : waiters(*o)) {
        const auto& objects = t->PendingWait.Objects;
        const bool all = std::all_of(objects.begin(), objects.end(), [&](const km::DISPATCHER_HEADER* x) { return satisfiable(*x, *t); });
        if (t->PendingWait.WaitType == km::WAIT_TYPE::WaitAny || all)
          fail("lost-wakeup", "object " + hex(o->Self) + " stays signalled while thread " + hex(t->Header.Self) + " waits for it");
      }
    }
    for (std::size_t i = 0; i < threads_.size(); ++i) {
      const km::KTHREAD& t = *threads_[i];
      if (!waits_[i]) continue;
      if (t.State != km::KTHREAD_STATE::Waiting) {
        check_wait_end(i, static_cast<km::NTSTATUS>(t.WaitStatus));
        continue;
      }
      if (!waits_[i]->all) continue;
      for (int m = 0; m < kMutants; ++m) {
        const auto& objects = waits_[i]->objects;
        const bool waits_for = std::find(objects.begin(), objects.end(), objects_[static_cast<std::size_t>(m)]) != objects.end();
        if (waits_for && mutant(m).OwnerThread == &t && !waits_[i]->owned_before[static_cast<std::size_t>(m)])
          fail("wait-all", "thread " + hex(t.Header.Self) + " owns mutant " + std::to_string(m) + " while its WaitAll still waits");
      }
    }
  }

  // Thread i's wait ended with `status`. Unless it timed out, a WaitAll holds every mutant it
  // waited for, and a wait satisfied by a mutant (STATUS_WAIT_0 + k, or ABANDONED_WAIT_0 + k) holds it.
  void check_wait_end(std::size_t i, km::NTSTATUS status) {
    const km::KTHREAD& t = *threads_[i];
    const Wait wait = std::move(*waits_[i]);
    waits_[i].reset();
    if (status == km::STATUS_TIMEOUT) return;
    const auto owns = [&](const km::DISPATCHER_HEADER* o) {
      return o->Type != km::MutantObject || reinterpret_cast<const km::KMUTANT*>(o)->OwnerThread == &t;
    };
    const std::string ended = "thread " + hex(t.Header.Self) + "'s wait ended (status " + hex(static_cast<km::ULONG>(status)) + ")";
    if (wait.all) {
      for (const km::DISPATCHER_HEADER* o : wait.objects) {
        if (!owns(o)) fail("wait-all", ended + " without mutant " + hex(o->Self));
      }
    } else if (const std::size_t k = static_cast<std::size_t>(status) & 0x3f; k < wait.objects.size() && !owns(wait.objects[k])) {
      fail("one-owner", ended + " but another thread owns mutant " + hex(wait.objects[k]->Self));
    }
  }

  struct Wait {
    std::vector<km::DISPATCHER_HEADER*> objects;
    bool all;
    std::vector<bool> owned_before;  // per mutant, when the wait began
  };

  const Program& program_;
  ksim::RandomChoices choices_;  // the dispatcher's choice point
  ksim::RandomChoices steps_;    // which processor steps, and when the clock ticks
  km::Dispatcher d_;
  std::array<km::DISPATCHER_HEADER*, kObjects> objects_{};
  std::vector<km::KTHREAD*> threads_;
  std::vector<std::size_t> pc_;
  std::vector<std::optional<Wait>> waits_;  // per thread: the wait it is in, until checked at its end
  std::map<km::Address, km::Address> trace_owner_;  // mutant → owner, as the trace tells it
  std::array<std::vector<const km::KTHREAD*>, kObjects> began_waiting_;  // single-object waiters, in order
  Outcome outcome_;
};

inline Outcome run_program(const Program& program) { return Runner(program).run(); }

}  // namespace modelprop
