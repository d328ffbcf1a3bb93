// The command line as a user meets it: bad input gets one clear line and exit 2.
#include <sys/wait.h>

#include <array>
#include <cstdio>

#include "sim_fixture.h"

namespace {

struct Result {
  int exit_code;
  std::string output;  // stdout and stderr
};

Result run_ksim(const std::string& arguments) {
  const std::string binary = simtest::env("KSIM_BINARY", "ksim");
  FILE* pipe = popen((binary + " " + arguments + " 2>&1").c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

void check_usage_error(const std::string& arguments, const std::string& message) {
  const Result r = run_ksim(arguments);
  CHECK_MESSAGE(r.exit_code == 2, arguments);
  CHECK_MESSAGE(r.output.rfind("ksim: ", 0) == 0, r.output);
  CHECK_MESSAGE(r.output.find(message) != std::string::npos, r.output);
}

}  // namespace

TEST_CASE("bad input: one clear line and exit 2") {
  check_usage_error("run no-such-scenario", "unknown scenario 'no-such-scenario'");
  check_usage_error("run kmutex-delay --crash-at 5parsecs", "bad duration '5parsecs'");
  check_usage_error("run kmutex-delay --cpus 0", "--cpus must be between 1 and 64");
  check_usage_error("run kmutex-delay --cpus 65", "--cpus must be between 1 and 64");
  check_usage_error("run kmutex-delay --set colour=blue", "unknown parameter 'colour'");
  check_usage_error("run kmutex-delay --set files", "--set takes KEY=VALUE");
  check_usage_error("run /nonexistent/Driver.c", "cannot read driver source");
  check_usage_error("frobnicate", "frobnicate");
  const Result r = run_ksim("run kmutex-delay --crash-at 1m57.359s --cmd '!di'");
  CHECK(r.exit_code == 0);
}

TEST_CASE("an uncompilable driver shows the compiler's messages") {
  const Result r = run_ksim("run " + simtest::driver_path("does_not_compile.c"));
  CHECK(r.exit_code == 2);
  CHECK(r.output.find("does not compile") != std::string::npos);
  CHECK(r.output.find("error:") != std::string::npos);
}

TEST_CASE("ksim list names the scenarios") {
  const Result r = run_ksim("list");
  CHECK(r.exit_code == 0);
  for (const char* name : {"kmutex-delay", "kmutex-race", "kmutex-sync"}) CHECK(r.output.find(name) != std::string::npos);
}

TEST_CASE("a run prints the stop, then each command at the crash processor's prompt") {
  const Result r = run_ksim("run kmutex-delay --crash-at 1m57.359s --cmd '!di' --cmd '~0s' --cmd '!mex.lt -wr DelayExecution'");
  CHECK(r.exit_code == 0);
  CHECK(r.output.find("ksim: stopped at uptime 0:17:02.325: the requested crash (NotMyFault)") != std::string::npos);
  CHECK(r.output.find("2: kd> !di\n") != std::string::npos);
  CHECK(r.output.find("0: kd> !mex.lt -wr DelayExecution\n") != std::string::npos);
  CHECK(r.output.find("System Uptime: 0 days 0:17:02.325") != std::string::npos);
}
