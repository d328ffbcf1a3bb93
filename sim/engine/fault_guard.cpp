#include "fault_guard.h"

#include <signal.h>
#include <sys/time.h>
#include <ucontext.h>

#include <array>
#include <cstdlib>
#include <mutex>
#include <vector>

#include "machine.h"

namespace ksim {

namespace {

constexpr std::array<int, 4> kFaults = {SIGSEGV, SIGBUS, SIGFPE, SIGILL};
constexpr int kWatchdogSeconds = 1;

std::mutex g_lock;
int g_guards = 0;  // guards alive in the process, under g_lock
struct sigaction g_previous[NSIG];
struct sigaction g_previous_watchdog;
thread_local int t_guards = 0;  // guards alive on this host thread
thread_local stack_t t_previous_stack;
thread_local std::vector<char> t_alternate_stack;

void on_fault(int signal, siginfo_t* info, void* context) {
  Machine* machine = Machine::active();
  if (!machine || !machine->in_simulated_thread()) {
    // Not driver code: restore the default action and let the fault take its usual course.
    sigaction(signal, &g_previous[signal], nullptr);
    return;
  }
  const auto* uc = static_cast<const ucontext_t*>(context);
  const void* ip = reinterpret_cast<const void*>(uc->uc_mcontext.gregs[REG_RIP]);
  machine->host_fault(signal, ip, info->si_addr);  // does not return
}

void on_watchdog(int, siginfo_t*, void*) {
  if (Machine* machine = Machine::active(); machine && machine->in_simulated_thread()) machine->watchdog_tick();
}

}  // namespace

FaultGuard::FaultGuard() {
  if (t_guards++ > 0) return;
  t_alternate_stack.resize(64 * 1024);
  stack_t stack{};
  stack.ss_sp = t_alternate_stack.data();
  stack.ss_size = t_alternate_stack.size();
  sigaltstack(&stack, &t_previous_stack);
  const std::lock_guard lock(g_lock);
  if (g_guards++ > 0) return;
  struct sigaction action {};
  action.sa_sigaction = on_fault;
  // NODEFER: the handler leaves by switching fibers, never returning, so the signal stays usable.
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&action.sa_mask);
  for (int signal : kFaults) sigaction(signal, &action, &g_previous[signal]);
  action.sa_sigaction = on_watchdog;
  sigaction(SIGVTALRM, &action, &g_previous_watchdog);
  const itimerval every_second{{kWatchdogSeconds, 0}, {kWatchdogSeconds, 0}};
  setitimer(ITIMER_VIRTUAL, &every_second, nullptr);
}

FaultGuard::~FaultGuard() {
  if (--t_guards > 0) return;
  {
    const std::lock_guard lock(g_lock);
    if (--g_guards == 0) {
      const itimerval off{};
      setitimer(ITIMER_VIRTUAL, &off, nullptr);
      sigaction(SIGVTALRM, &g_previous_watchdog, nullptr);
      for (int signal : kFaults) sigaction(signal, &g_previous[signal], nullptr);
    }
  }
  sigaltstack(&t_previous_stack, nullptr);
}

}  // namespace ksim
