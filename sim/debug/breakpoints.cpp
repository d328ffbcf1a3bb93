#include "breakpoints.h"

#include <algorithm>
#include <charconv>

#include "viz/commands.h"
#include "viz/format.h"

namespace ksim::debug {

namespace {

std::optional<int> number(std::string_view text) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

// The kinds of event in which a thread itself changes state.
bool changes_thread_state(km::TraceKind kind) {
  switch (kind) {
    case km::TraceKind::WaitBlocked:
    case km::TraceKind::Unwaited:
    case km::TraceKind::Readied:
    case km::TraceKind::SwitchedIn:
    case km::TraceKind::ThreadTerminated:
      return true;
    default:
      return false;
  }
}

}  // namespace

int Breakpoints::add(Breakpoint breakpoint, std::string& output) {
  for (auto& [id, existing] : list_) {
    const bool same = existing.kind == breakpoint.kind &&
                      (breakpoint.kind == Breakpoint::Kind::Code ? existing.function.address == breakpoint.function.address
                                                                 : existing.address == breakpoint.address);
    if (!same) continue;
    existing = breakpoint;
    output = "breakpoint " + std::to_string(id) + " redefined\n";
    return id;
  }
  int id = 0;  // WinDbg gives the lowest free number
  while (list_.count(id)) ++id;
  list_[id] = std::move(breakpoint);
  return id;
}

std::string Breakpoints::bp(const viz::DebuggerContext& context, std::string_view line,
                            const std::vector<std::string>& args) {
  if (args.size() != 1) return viz::syntax_error(context, line);
  const auto function = symbols_.resolve(args.front());
  if (!function) return viz::unresolved_error(args.front());
  std::string output;
  add({.kind = Breakpoint::Kind::Code, .function = *function, .address = function->address}, output);
  return output;
}

std::string Breakpoints::ba(const viz::DebuggerContext& context, std::string_view line,
                            const std::vector<std::string>& args) {
  if (args.empty() || args.size() > 2) return viz::syntax_error(context, line);
  Breakpoint breakpoint{.kind = Breakpoint::Kind::Access};
  if (args.size() == 2) {
    const std::string& spec = args.front();  // "w8", "r4", "e1"
    decltype(number(spec)) size;  // spelled out: gcc 12 misreads the ?: form as maybe-uninitialized
    if (spec.size() == 2) size = number(spec.substr(1));
    const bool access_ok = !spec.empty() && std::string_view("rwei").find(spec[0]) != std::string_view::npos;
    if (!access_ok || !size || (*size != 1 && *size != 2 && *size != 4 && *size != 8)) {
      return viz::syntax_error(context, line);
    }
    breakpoint.access = spec[0];
    breakpoint.size = *size;
  }
  const auto address = viz::parse_address(args.back());
  if (!address) return viz::unresolved_error(args.back());
  breakpoint.address = *address;
  std::string output;
  add(breakpoint, output);
  return output;
}

std::string Breakpoints::bl() const {
  std::string out;
  for (const auto& [id, b] : list_) {
    // WinDbg's DML links print as their text: "Disable Clear" for an enabled breakpoint.
    out += viz::pad_left(std::to_string(id), 6) + (b.enabled ? " e Disable Clear  " : " d Enable Clear  ");
    if (b.kind == Breakpoint::Kind::Code) {
      out += viz::backtick(b.function.address) + "     0001 (0001) " + b.function.qualified() + "\n";
    } else {
      out += viz::backtick(b.address) + " " + b.access + " " + std::to_string(b.size) + " 0001 (0001)\n";
    }
  }
  return out;
}

std::optional<std::vector<int>> Breakpoints::ids(const std::vector<std::string>& args) const {
  std::vector<int> result;
  for (const std::string& arg : args) {
    for (const std::string& item : viz::split_list(arg, ',')) {
      if (item == "*") {
        for (const auto& entry : list_) result.push_back(entry.first);
        continue;
      }
      const auto dash = item.find('-');
      const auto first = number(item.substr(0, dash));
      const auto last = dash == std::string::npos ? first : number(item.substr(dash + 1));
      if (!first || !last || *last < *first) return std::nullopt;
      for (int id = *first; id <= *last; ++id) result.push_back(id);
    }
  }
  if (result.empty() && args.empty()) return std::nullopt;
  return result;
}

std::string Breakpoints::bc(const viz::DebuggerContext& context, std::string_view line,
                            const std::vector<std::string>& args) {
  const auto selected = ids(args);
  if (!selected) return viz::syntax_error(context, line);
  for (int id : *selected) list_.erase(id);
  return {};
}

std::string Breakpoints::enable(const viz::DebuggerContext& context, std::string_view line,
                                const std::vector<std::string>& args, bool enabled) {
  const auto selected = ids(args);
  if (!selected) return viz::syntax_error(context, line);
  for (int id : *selected) {
    if (auto it = list_.find(id); it != list_.end()) it->second.enabled = enabled;
  }
  return {};
}

std::vector<int> Breakpoints::hits_at_call(std::string_view routine, std::string_view start_function,
                                           std::string_view call_function) const {
  std::vector<int> hits;
  for (const auto& [id, b] : list_) {
    if (!b.enabled || b.kind != Breakpoint::Kind::Code) continue;
    const std::string& name = b.function.name;
    const bool hit = b.function.module == "nt" ? name == routine : (name == start_function || name == call_function);
    if (hit) hits.push_back(id);
  }
  return hits;
}

std::vector<int> Breakpoints::hits_by_event(const km::TraceEvent& event) const {
  std::vector<int> hits;
  for (const auto& [id, b] : list_) {
    if (!b.enabled || b.kind != Breakpoint::Kind::Access) continue;
    if (event.Object == b.address || (event.Thread == b.address && changes_thread_state(event.Kind))) hits.push_back(id);
  }
  return hits;
}

bool Breakpoints::watching() const {
  return std::any_of(list_.begin(), list_.end(),
                     [](const auto& entry) { return entry.second.enabled && entry.second.kind == Breakpoint::Kind::Access; });
}

bool Breakpoints::breaking_calls() const {
  return std::any_of(list_.begin(), list_.end(),
                     [](const auto& entry) { return entry.second.enabled && entry.second.kind == Breakpoint::Kind::Code; });
}

}  // namespace ksim::debug
