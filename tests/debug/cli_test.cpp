// `ksim debug` from a script: -c commands first, then standard input when it is not a terminal,
// each echoed after its prompt; end of input ends the session with exit 0.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>

#include "debug_fixture.h"

namespace {

struct Result {
  int exit_code;
  std::string output;
};

Result ksim_debug(const std::string& arguments, const std::string& input) {
  const std::string ksim = std::filesystem::canonical("/proc/self/exe").parent_path() / "ksim";
  FILE* pipe = popen(("printf '" + input + "' | " + ksim + " debug " + arguments + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

}  // namespace

TEST_CASE("ksim debug reads -c commands, then standard input, and ends cleanly at its end") {
  const Result r = ksim_debug("kmutex-delay --set files=3 --set writes=2 -c 'bp nt!KeDelayExecutionThread'", "g\\nk\\n");
  CHECK(r.exit_code == 0);
  CHECK(debugtest::contains(r.output, "0: kd> bp nt!KeDelayExecutionThread\n0: kd> g\nBreakpoint 0 hit\n"));
  CHECK(debugtest::contains(r.output, "3: kd> k\n # Child-SP          RetAddr               Call Site\n00 "));
  CHECK(r.output.substr(r.output.size() - 1) == "\n");
  // The same session in-process gives the same text.
  const std::string in_process = ksim::debug::transcript(debugtest::small(), {"bp nt!KeDelayExecutionThread", "g", "k"});
  CHECK(r.output == in_process);
}

TEST_CASE("a last -c q ends the session before standard input; bad options exit 2") {
  const Result r = ksim_debug("kmutex-delay --set files=3 --set writes=2 -c '~' -c q", "g\\n");
  CHECK(r.exit_code == 0);
  CHECK(debugtest::contains(r.output, "0: kd> q\nquit:\n"));
  CHECK(!debugtest::contains(r.output, "kd> g"));
  const Result bad = ksim_debug("no-such-scenario", "");
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.rfind("ksim: unknown scenario 'no-such-scenario'", 0) == 0);
  CHECK(ksim_debug("kmutex-delay --seed 1 --schedule s1-", "").output == "ksim: --seed and --schedule cannot be combined\n");
  CHECK(debugtest::contains(ksim_debug("kmutex-delay --schedule zz", "").output, "bad schedule token 'zz'"));
}

TEST_CASE("a seed or a schedule token fixes the choices, and reverse execution replays them") {
  auto options = debugtest::small("kmutex-race");
  options.timeline.seed = 7;
  options.choices = "seed 7";
  const std::vector<std::string> commands = {"g 1s", "~", "p-", "p", "~", "g", "g-", "!tt 10", "~"};
  const std::string first = ksim::debug::transcript(options, commands);
  CHECK(debugtest::contains(first, "kmutex-race (TestDriver.sys) on 6 processors, seed 7\n"));
  CHECK(first == ksim::debug::transcript(options, commands));
}
