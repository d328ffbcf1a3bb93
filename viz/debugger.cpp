#include "viz/debugger.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "viz/commands.h"
#include "viz/format.h"

namespace viz {

namespace {

struct NamedCommand {
  std::string_view name;
  CommandHandler handler;
};

// MEX's exports, reached as !mex.<name> or, when no kdexts command has the name, as !<name>.
constexpr std::array<NamedCommand, 11> kMexCommands = {{
    {"di", cmd_mex_di},
    {"tl", cmd_mex_tl},
    {"p", cmd_mex_p},
    {"us", cmd_mex_us},
    {"t", cmd_mex_t},
    {"lt", cmd_mex_lt},
    {"listthreads", cmd_mex_lt},
    {"mut", cmd_mex_mut},
    {"obj", cmd_mex_obj},
    {"running", cmd_mex_running},
    {"deadlock", cmd_mex_deadlock},  // ksim's own: the wait-for graph
}};

// kdexts' commands; they come first in the extension chain, so a bare !running is the classic one.
constexpr std::array<NamedCommand, 7> kKdextsCommands = {{
    {"thread", cmd_thread},
    {"process", cmd_process},
    {"analyze", cmd_analyze},
    {"ready", cmd_ready},
    {"running", cmd_running},
    {"timer", cmd_timer},
    {"locks", cmd_locks},
}};

template <std::size_t N>
CommandHandler lookup(const std::array<NamedCommand, N>& table, std::string_view name) {
  const auto it = std::find_if(table.begin(), table.end(),
                               [name](const NamedCommand& command) { return equals_nocase(command.name, name); });
  return it == table.end() ? nullptr : it->handler;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

std::string run_extension(const km::Snapshot& snap, const CommandLine& line, std::string_view word,
                          DebuggerContext& context) {
  const std::string_view qualified = word.substr(1);  // without '!'
  const auto dot = qualified.find('.');
  const std::string_view module = dot == std::string_view::npos ? std::string_view{} : qualified.substr(0, dot);
  const std::string_view name = dot == std::string_view::npos ? qualified : qualified.substr(dot + 1);

  CommandHandler handler = nullptr;
  if (module.empty()) {
    handler = lookup(kKdextsCommands, name);
    if (!handler) handler = lookup(kMexCommands, name);
  } else if (equals_nocase(module, "mex")) {
    handler = lookup(kMexCommands, name);
  } else if (equals_nocase(module, "kdexts")) {
    handler = lookup(kKdextsCommands, name);
  }
  if (!handler) return "No export " + std::string(name) + " found\n";
  return handler(snap, line, context);
}

// WinDbg's parser errors put a caret under the start of the command, past the prompt.
std::string caret_error(const DebuggerContext& context, std::string_view kind, std::string_view command) {
  return std::string(prompt(context).size(), ' ') + "^ " + std::string(kind) + " error in '" + std::string(command) +
         "'\n";
}

// ~Ns: make processor N current. Prints nothing.
std::string switch_processor(const km::Snapshot& snap, std::string_view word, DebuggerContext& context) {
  const std::string_view digits = word.substr(1, word.size() - 2);
  km::ULONG number = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  const km::ULONG count =
      snap.Processors.empty() ? snap.Machine.ProcessorCount : static_cast<km::ULONG>(snap.Processors.size());
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) {
    return syntax_error(context, word);
  }
  if (number >= count) return caret_error(context, "Illegal thread", word);
  context.processor = number;
  return {};
}

}  // namespace

std::optional<km::Address> parse_address(std::string_view text) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
  std::string digits;
  for (const char c : text) {
    if (c != '`') digits += c;
  }
  if (digits.empty() || digits.size() > 16) return std::nullopt;
  km::Address value = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value, 16);
  if (error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return value;
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = std::min(text.find(separator, start), text.size());
    if (end > start) items.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

std::string unresolved_error(std::string_view argument) {
  return "Couldn't resolve error at '" + std::string(argument) + "'\n";
}

std::string syntax_error(const DebuggerContext& context, std::string_view command) {
  return caret_error(context, "Syntax", command);
}

std::string prompt(const DebuggerContext& context) { return dec(context.processor) + ": kd> "; }

std::string execute(const km::Snapshot& snap, std::string_view command, DebuggerContext& context) {
  const std::string_view text = trim(command);
  if (text.empty()) return {};
  auto words = split_list(text, ' ');
  const std::string word = words.front();
  words.erase(words.begin());
  const CommandLine line{std::string(text), std::move(words)};

  if (word.size() > 1 && word[0] == '!') return run_extension(snap, line, word, context);
  if (equals_nocase(word, "dt")) return cmd_dt(snap, line, context);
  if (word.size() > 2 && word[0] == '~' && (word.back() == 's' || word.back() == 'S') && line.args.empty()) {
    return switch_processor(snap, word, context);
  }
  return syntax_error(context, text);
}

}  // namespace viz
