// Property tests of the dispatcher model: random programs of 2-6 threads (model_program.h) run
// step by step (model_runner.h), each property checked after every step. rapidcheck shrinks a
// failing program and prints it with the seed that reproduces it (RC_PARAMS="seed=N").
// Each property runs 500 programs unless RC_PARAMS says otherwise.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string_view>

#include "model_runner.h"

namespace {

using namespace modelprop;

// Runs the program; fails the rapidcheck property with the first line of `property`.
void holds(std::string_view property, const Program& program) {
  const Outcome outcome = run_program(program);
  for (const std::string& line : outcome.broken) {
    if (line.starts_with(property)) RC_FAIL(line);
  }
}

// rapidcheck reads RC_PARAMS when it first checks; a user's own settings win.
void configure() { setenv("RC_PARAMS", "max_success=500", 0); }

bool check(const char* description, std::string_view property) {
  configure();
  return rc::check(description, [property] { holds(property, *gen_program()); });
}

}  // namespace

TEST_CASE("the dispatcher's invariants hold after every step of random programs") {
  CHECK(check("check_invariants() after every step", "invariants"));
}

TEST_CASE("a mutant never has two owners") { CHECK(check("at most one owner per mutant", "one-owner")); }

TEST_CASE("no wake-up is lost: a signalled object never keeps a waiter it can satisfy") {
  CHECK(check("no lost wake-up", "lost-wakeup"));
}

TEST_CASE("a signal hands over to equal waiters in the order they began waiting") {
  CHECK(check("FIFO handoff among single-object waiters", "fifo"));
}

TEST_CASE("WaitAll never acquires part of its objects") { CHECK(check("WaitAll is all or nothing", "wait-all")); }

TEST_CASE("the same program gives the same dispatcher trace") {
  configure();
  CHECK(rc::check("same seed, same trace hash", [] {
    const Program program = *gen_program();
    const Outcome first = run_program(program);
    const Outcome second = run_program(program);
    RC_ASSERT(first.trace_hash == second.trace_hash);
    RC_ASSERT(first.steps == second.steps);
  }));
}
