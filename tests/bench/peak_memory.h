// Memory figures for the benchmark programs, from the kernel's accounting of this process.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>

namespace ksim::bench {

// A line of /proc/self/status in bytes ("VmHWM", "VmRSS"): the kernel reports kB. NaN if the
// line is missing, so that a figure that could not be measured prints as "nan", never as 0.
inline double status_bytes(const char* field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with(std::string(field) + ":")) return std::stod(line.substr(std::strlen(field) + 1)) * 1024;
  }
  return NAN;
}

// The memory `body` adds at its peak, measured in a forked child so that no earlier run's peak or
// freed memory hides it: the child's peak resident set less what it had at its start. NaN, with a
// line on stderr, if the child could not be run.
inline double peak_growth(const std::function<void()>& body) {
  int out[2];
  if (pipe(out) != 0) {
    std::fprintf(stderr, "ksim bench: memory not measured: pipe: %s\n", std::strerror(errno));
    return NAN;
  }
  const pid_t child = fork();
  if (child == 0) {
    const double before = status_bytes("VmRSS");
    body();
    const double growth = status_bytes("VmHWM") - before;
    (void)!write(out[1], &growth, sizeof growth);
    _exit(0);
  }
  const int fork_error = errno;
  close(out[1]);
  double growth = NAN;
  if (child < 0) {
    std::fprintf(stderr, "ksim bench: memory not measured: fork: %s\n", std::strerror(fork_error));
  } else if (read(out[0], &growth, sizeof growth) != sizeof growth) {
    std::fprintf(stderr, "ksim bench: memory not measured: the measuring child ended early\n");
    growth = NAN;
  }
  close(out[0]);
  if (child > 0) waitpid(child, nullptr, 0);
  return growth;
}

}  // namespace ksim::bench
