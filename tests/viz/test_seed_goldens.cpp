// Every golden of the seed dump, reproduced byte for byte from a hand-built Snapshot holding the dump's
// values, in the order of the seed's walk-through (prompt 2: until ~0s, then 0:).
#include <doctest/doctest.h>

#include "support/golden_diff.h"
#include "viz/debugger.h"
#include "viz/seed_fixture.h"

namespace {

struct Golden {
  std::string prompt_and_command;  // the file's first line
  std::string output;              // the rest
};

Golden read_golden(const std::string& name) {
  const std::string text = seed::read_file(seed::golden_dir() + "/" + name + ".txt");
  REQUIRE_MESSAGE(!text.empty(), "missing golden " << name << " under " << seed::golden_dir());
  const auto newline = text.find('\n');
  return {text.substr(0, newline), text.substr(newline + 1)};
}

// Runs the golden's command at the context's prompt and compares the output with the golden's.
void check_golden(const km::Snapshot& snap, viz::DebuggerContext& context, const std::string& name,
                  const std::string& command) {
  const Golden golden = read_golden(name);
  CHECK(viz::prompt(context) + command == golden.prompt_and_command);
  const std::string report = golden::compare(name, golden.output, viz::execute(snap, command, context));
  CHECK_MESSAGE(report.empty(), report);
}

}  // namespace

TEST_CASE("the seed dump's goldens are reproduced byte for byte") {
  const km::Snapshot snap = seed::snapshot();
  viz::DebuggerContext context{snap.Machine.CurrentProcessor, -7 * 60};  // the analyst was on UTC-7

  check_golden(snap, context, "di", "!di");
  check_golden(snap, context, "tl_system", "!tl system");
  check_golden(snap, context, "mex_p", "!mex.p ffffc983ebceb040");
  CHECK(viz::execute(snap, "~0s", context).empty());
  check_golden(snap, context, "us_TestDriver", "!us TestDriver");
  check_golden(snap, context, "mex_t_creation_thread", "!mex.t ffffc983f2d47040");
  check_golden(snap, context, "mex_t_move_thread", "!mex.t ffffc983f3fb4040");
  check_golden(snap, context, "mex_mut", "!mex.mut ffffc983f2cf36a0");
  check_golden(snap, context, "mex_obj_waiters", "!mex.obj -waiters ffffc983f2cf36a0");
}
