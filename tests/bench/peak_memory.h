// Memory figures for the benchmark programs, from the kernel's accounting of this process.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <functional>
#include <string>

namespace ksim::bench {

// A line of /proc/self/status in bytes ("VmHWM", "VmRSS"): the kernel reports kB.
inline double status_bytes(const char* field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(std::string(field) + ":")) return std::stod(line.substr(std::strlen(field) + 1)) * 1024;
  }
  return 0;
}

// The memory `body` adds at its peak, measured in a forked child so that no earlier run's peak or
// freed memory hides it: the child's peak resident set less what it had at its start.
inline double peak_growth(const std::function<void()>& body) {
  int out[2];
  if (pipe(out) != 0) return 0;
  const pid_t child = fork();
  if (child == 0) {
    const double before = status_bytes("VmRSS");
    body();
    const double growth = status_bytes("VmHWM") - before;
    (void)!write(out[1], &growth, sizeof growth);
    _exit(0);
  }
  close(out[1]);
  double growth = 0;
  if (child < 0 || read(out[0], &growth, sizeof growth) != sizeof growth) growth = 0;
  close(out[0]);
  if (child > 0) waitpid(child, nullptr, 0);
  return growth;
}

}  // namespace ksim::bench
