// Driver code is real C running in ksim's process. While a machine runs, host faults raised on a
// simulated thread's fiber (a bad pointer, a stack overflow into the guard page, a division by
// zero) become the bugcheck Windows would show for them, and a thread that runs driver code for
// seconds of host CPU without one kernel call ends the run instead of hanging ksim. Faults
// outside simulated threads are ksim's own and keep their default behaviour.
//
// Guards nest and may live on several host threads at once: the first guard in the process
// installs the handlers and the last removes them; each host thread gets its own signal stack.
// Exploration holds one guard per job for all its runs, so a run pays for no system calls here.
#pragma once

namespace ksim {

class FaultGuard {
 public:
  FaultGuard();
  ~FaultGuard();
  FaultGuard(const FaultGuard&) = delete;
  FaultGuard& operator=(const FaultGuard&) = delete;
};

}  // namespace ksim
