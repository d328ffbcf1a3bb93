// `ksim explore` as a user meets it: the report, the tokens it prints replay with `ksim run`
// byte for byte, and bad input gets one line and exit 2.
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

namespace {

struct Result {
  int exit_code;
  std::string output;  // stdout and stderr
};

Result run_ksim(const std::string& arguments) {
  const char* binary = std::getenv("KSIM_BINARY");
  FILE* pipe = popen((std::string(binary ? binary : "ksim") + " " + arguments + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

// The `ksim run ...` commands a report prints, without the leading "ksim ".
std::vector<std::string> run_commands(const std::string& report) {
  std::vector<std::string> commands;
  std::istringstream in(report);
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find("ksim run ");
    if (at != std::string::npos) commands.push_back(line.substr(at + 5));
  }
  return commands;
}

}  // namespace

TEST_CASE("explore reports the mutex-order failure of kmutex-sync with tokens ksim run replays") {
  const Result r = run_ksim("explore kmutex-sync --set files=20 --set writes=5");
  CHECK(r.exit_code == 1);
  CHECK(r.output.find("property all-moved violated in schedule") != std::string::npos);
  CHECK(r.output.find("The mutex excludes, it does not order") != std::string::npos);
  CHECK(r.output.find("shortest found: 1 non-default decision") != std::string::npos);
  const auto commands = run_commands(r.output);
  REQUIRE(commands.size() == 2);
  for (const std::string& command : commands) {
    CHECK(command.find("--set files=20 --set writes=5 --schedule s1-") != std::string::npos);
    const Result first = run_ksim(command + " --cmd '!mex.lt'");
    CHECK(first.exit_code == 0);
    CHECK(first.output.find("every driver thread finished") != std::string::npos);
    CHECK(run_ksim(command + " --cmd '!mex.lt'").output == first.output);
  }
}

TEST_CASE("explore without a violation prints the count and exits 0") {
  const Result r = run_ksim("explore kmutex-sync --set files=5 --set writes=2 --property exclusive --schedules 40 --jobs 2");
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("no violation in 40 schedules") != std::string::npos);
  CHECK(r.output.find("schedules/s") != std::string::npos);
}

TEST_CASE("explore: bad input is one line and exit 2") {
  for (const auto& [arguments, message] : std::vector<std::pair<std::string, std::string>>{
           {"explore kmutex-sync --strategy sideways", "--strategy takes random, pct or dfs"},
           {"explore kmutex-sync --property tidy", "kmutex-sync declares no property 'tidy'"},
           {"explore kmutex-sync --schedules 0", "--schedules must be at least 1"},
           {"explore kmutex-sync --jobs 0", "--jobs must be between 1 and 64"},
           {"explore kmutex-sync --preemption-bound 2", "--preemption-bound applies to --strategy dfs"},
           {"explore kmutex-sync --depth 2", "--depth applies to --strategy pct or dfs"},
           {"explore kmutex-sync --set files=many", "takes a whole number"},
           {"explore no-such-scenario", "unknown scenario"},
       }) {
    const Result r = run_ksim(arguments);
    CHECK_MESSAGE(r.exit_code == 2, arguments);
    CHECK_MESSAGE(r.output.rfind("ksim: ", 0) == 0, r.output);
    CHECK_MESSAGE(r.output.find(message) != std::string::npos, r.output);
    CHECK_MESSAGE(std::count(r.output.begin(), r.output.end(), '\n') == 1, r.output);
  }
}
