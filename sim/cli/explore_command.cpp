#include "explore_command.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "engine/run_setup.h"
#include "explore/decision_text.h"
#include "explore/explorer.h"
#include "explore/shrink.h"
#include "request_options.h"

namespace ksim::cli {

namespace {

namespace ex = ksim::explore;

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string rate(std::uint64_t schedules, double seconds) {
  char text[64];
  std::snprintf(text, sizeof text, "%.2f s, %.0f schedules/s", seconds, seconds > 0 ? static_cast<double>(schedules) / seconds : 0.0);
  return text;
}

// The `ksim run` (or `ksim debug`) command line that replays a token (none: the default schedule).
std::string replay_command(const ExploreOptions& o, const std::string& token, const char* command_name = "run") {
  std::string command = std::string("ksim ") + command_name + " " + o.where.target;
  if (!o.where.module.empty()) command += " --module " + o.where.module;
  if (o.where.cpus != 6) command += " --cpus " + std::to_string(o.where.cpus);
  for (const std::string& set : o.where.sets) command += " --set " + set;
  return token.empty() ? command : command + " --schedule " + token;
}

std::string strategy_text(const ExploreOptions& o, ex::Strategy strategy) {
  switch (strategy) {
    case ex::Strategy::Random: return "random schedules from seed " + std::to_string(o.seed);
    case ex::Strategy::Pct:
      return "PCT schedules (depth " + std::to_string(o.depth.value_or(3)) + ") from seed " + std::to_string(o.seed);
    case ex::Strategy::Dfs:
      return "depth-first search with at most " + std::to_string(o.preemption_bound.value_or(2)) + " non-default decisions" +
             (o.depth ? " branching at the first " + std::to_string(*o.depth) + " decisions" : std::string());
  }
  return "";
}

void print_violation(const ex::Violation& v, std::ostream& out) {
  out << "  " << v.summary << '\n';
  for (const std::string& line : v.details) out << "  " << line << '\n';
}

// The first failing schedule, found on the lean machine: replayed on the full one `ksim run`
// builds (the tokens are for it), then shortened.
void report_failure(const ExploreOptions& o, PreparedRun& prepared, const ex::CheckSpec& spec, const ex::Failure& found,
                    const std::string& rate_text, std::ostream& out) {
  const ex::ScheduleResult full = ex::replay(prepared, spec, ex::picks_of(found.result.decisions));
  const bool reproduced = full.violation && full.violation->property == found.result.violation->property;
  const ex::ScheduleResult& failing = reproduced ? full : found.result;
  const std::string& broken = failing.violation->property;
  const bool declared = std::find(spec.properties.begin(), spec.properties.end(), broken) != spec.properties.end();
  out << "ksim explore: " << (declared ? "property " + broken + " violated" : broken) << " in schedule " << found.schedule
      << " (" << rate_text << ")\n";
  print_violation(*failing.violation, out);
  if (!reproduced) {
    out << "ksim explore: this schedule does not fail the same way on the full machine (a driver that depends on "
           "thread addresses?); the token below is the lean machine's\n";
    out << "replay: " << replay_command(o, encode_schedule(found.result.decisions)) << '\n';
    return;
  }
  out << "replay: " << replay_command(o, encode_schedule(full.decisions)) << '\n';
  const ex::Shrunk shrunk = ex::shrink(prepared, spec, full);
  const auto picks = ex::picks_of(shrunk.result.decisions);
  const auto lines = ex::describe_decisions(prepared, picks);
  const auto deviations = std::count_if(full.decisions.begin(), full.decisions.end(), [](const Decision& d) { return d.pick != 0; });
  if (lines.empty()) {
    out << "shortest: the default schedule fails the same way: " << replay_command(o, "") << '\n';
  } else {
    out << "shortest found: " << lines.size() << " non-default decision" << (lines.size() == 1 ? "" : "s") << " (of "
        << deviations << "; " << shrunk.replays << " replays), still violating " << shrunk.result.violation->property << ":\n";
    out << "  " << replay_command(o, encode_schedule(picks)) << '\n';
    for (const std::string& line : lines) out << "  " << line << '\n';
  }
  out << "step through it: " << replay_command(o, picks.empty() ? "" : encode_schedule(picks), "debug") << '\n';
}

}  // namespace

int explore(const ExploreOptions& o, std::ostream& out, std::ostream& err) {
  const auto strategy = ex::parse_strategy(o.strategy);
  if (!strategy) return usage_error(err, "--strategy takes random, pct or dfs, not '" + o.strategy + "'");
  if (o.schedules == 0) return usage_error(err, "--schedules must be at least 1");
  if (o.jobs == 0 || o.jobs > 64) return usage_error(err, "--jobs must be between 1 and 64, not " + std::to_string(o.jobs));
  if (o.preemption_bound && strategy != ex::Strategy::Dfs) return usage_error(err, "--preemption-bound applies to --strategy dfs");
  if (o.depth && strategy == ex::Strategy::Random) return usage_error(err, "--depth applies to --strategy pct or dfs");
  if (o.depth && *o.depth == 0) return usage_error(err, "--depth must be at least 1");
  RunRequest request;
  if (const std::string bad = fill_request(request, o.where); !bad.empty()) {
    return usage_error(err, bad);
  }
  std::string error;
  auto prepared = prepare_run(request, error);
  if (!prepared) return usage_error(err, error);
  const auto checks = ex::make_check_spec(*prepared, request.sets, o.properties, error);
  if (!checks) return usage_error(err, error);
  const ex::CheckSpec& spec = *checks;

  out << "ksim explore: " << prepared->scenario.name << " (" << prepared->scenario.module << ".sys) on " << o.where.cpus
      << (o.where.cpus == 1 ? " processor: " : " processors: ") << strategy_text(o, *strategy) << ", at most " << o.schedules
      << " schedules, " << o.jobs << (o.jobs == 1 ? " job" : " jobs") << '\n';
  out << "checking in every schedule: " << (spec.properties.empty() ? std::string() : join(spec.properties) + "; ")
      << "the dispatcher's invariants after every step; no bugcheck, no deadlock, an end within the budget\n";
  // CHESS's default bound: most bugs need at most two deviations, and the tree stays small.
  const auto bound = strategy == ex::Strategy::Dfs ? std::optional(o.preemption_bound.value_or(2)) : std::nullopt;
  const ex::ExploreOptions options{*strategy, o.schedules, o.depth, bound, o.seed, o.jobs};
  const auto start = std::chrono::steady_clock::now();  // for the rate only
  const auto result = ex::explore(*prepared, spec, options, error);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!result) return usage_error(err, error);
  if (!result->failure) {
    out << "ksim explore: no violation in " << result->explored << " schedules ("
        << (result->exhausted ? "every schedule within the bounds, " : "") << rate(result->explored, seconds) << ")\n";
    return 0;
  }

  report_failure(o, *prepared, spec, *result->failure, rate(result->explored, seconds), out);
  return 1;
}

}  // namespace ksim::cli
