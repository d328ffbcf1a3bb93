// What the debugger prints for commands and addresses it cannot use, and the processor switch.
#include <doctest/doctest.h>

#include "viz/lab_fixture.h"
#include "viz/run_command.h"

TEST_CASE("unknown extension commands") {
  const km::Snapshot snap = lab::snapshot();
  CHECK(run(snap, "!frobnicate") == "No export frobnicate found\n");
  CHECK(run(snap, "!mex.frobnicate 1") == "No export frobnicate found\n");
  CHECK(run(snap, "!mex.thread") == "No export thread found\n");  // !thread is kdexts', not MEX's
}

TEST_CASE("unparseable commands put the caret under the command, past the prompt") {
  const km::Snapshot snap = lab::snapshot();
  CHECK(run(snap, "frobnicate now") == "       ^ Syntax error in 'frobnicate now'\n");
  CHECK(run(snap, "  dt  ") == "       ^ Syntax error in 'dt'\n");
  CHECK(run(snap, "!process 1 2") == "       ^ Syntax error in '!process 1 2'\n");
  CHECK(run(snap, "") == "");
}

TEST_CASE("addresses that name nothing") {
  const km::Snapshot snap = lab::snapshot();
  CHECK(run(snap, "!mex.t ffff900000000000") == "Failed to read thread ffff900000000000\n");
  CHECK(run(snap, "!thread 0x1234") == "TYPE mismatch for thread object at 0000000000001234\n");
  CHECK(run(snap, "!mex.mut ffff900000100300") == "Could not read nt!_KMUTANT at ffff900000100300\n");
  CHECK(run(snap, "!mex.obj -waiters ffff900000000008") ==
        "Could not read nt!_DISPATCHER_HEADER at ffff900000000008\n");
  CHECK(run(snap, "!mex.p ffff900000000000") == "Failed to read process ffff900000000000\n");
  CHECK(run(snap, "dt nt!_KMUTANT ffff900000100300") == "Memory read error ffff900000100300\n");
  CHECK(run(snap, "dt nt!_KSPIN_LOCK_QUEUE ffff900000100300") == "Symbol nt!_KSPIN_LOCK_QUEUE not found.\n");
  CHECK(run(snap, "!mex.t nothex") == "Couldn't resolve error at 'nothex'\n");
}

TEST_CASE("addresses are read with or without 0x and WinDbg's backtick") {
  const km::Snapshot snap = lab::snapshot();
  const std::string plain = run(snap, "!mex.t ffff900000012040");
  CHECK(run(snap, "!mex.t 0xffff9000`00012040") == plain);
  CHECK(run(snap, "!t FFFF900000012040") == plain);
}

TEST_CASE("~Ns switches the prompt's processor only to a processor that exists") {
  const km::Snapshot snap = lab::snapshot();
  viz::DebuggerContext context{0, {}};
  CHECK(viz::prompt(context) == "0: kd> ");
  CHECK(viz::execute(snap, "~1s", context).empty());
  CHECK(viz::prompt(context) == "1: kd> ");
  CHECK(viz::execute(snap, "~2s", context) == "       ^ Illegal thread error in '~2s'\n");
  CHECK(viz::prompt(context) == "1: kd> ");
  CHECK(viz::execute(snap, "~xs", context) == "       ^ Syntax error in '~xs'\n");
}
