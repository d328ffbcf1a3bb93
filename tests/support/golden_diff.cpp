#include "support/golden_diff.h"

#include <cctype>
#include <optional>
#include <utility>
#include <vector>

namespace golden {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }
bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

bool hex_run(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return false;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_hex(text[i])) return false;
  }
  return true;
}

// A 64-bit address token starting at `at`: [0x]XXXXXXXX[`]XXXXXXXX, not inside a longer word.
struct Token {
  std::size_t length = 0;
  std::string value;  // the 16 digits, lowercase
};

std::optional<Token> token_at(std::string_view text, std::size_t at) {
  if (at > 0 && is_word(text[at - 1])) return std::nullopt;
  std::size_t cursor = at;
  if (text.substr(cursor, 2) == "0x") cursor += 2;
  if (!hex_run(text, cursor, 8)) return std::nullopt;
  std::string digits(text.substr(cursor, 8));
  cursor += 8;
  if (cursor < text.size() && text[cursor] == '`') ++cursor;
  if (!hex_run(text, cursor, 8)) return std::nullopt;
  digits += text.substr(cursor, 8);
  cursor += 8;
  if (cursor < text.size() && is_word(text[cursor])) return std::nullopt;
  for (char& c : digits) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return Token{cursor - at, digits};
}

// Two tokens of the same shape: same length, same "0x" and backtick positions.
bool same_shape(std::string_view expected, std::string_view actual) {
  if (expected.size() != actual.size()) return false;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (is_hex(expected[i]) != is_hex(actual[i])) return false;
    if (!is_hex(expected[i]) && expected[i] != actual[i]) return false;
  }
  return true;
}

std::string visible(std::string_view line) {
  std::string out(line);
  const auto last = line.find_last_not_of(' ');
  const std::size_t trailing = last == std::string_view::npos ? line.size() : line.size() - last - 1;
  if (trailing > 0) out += "   <- " + std::to_string(trailing) + " trailing space(s)";
  return out;
}

std::size_t first_difference(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return i;
}

std::string number(std::size_t n) {
  std::string text = std::to_string(n);
  return std::string(text.size() < 4 ? 4 - text.size() : 0, ' ') + text;
}

}  // namespace

Session::Session(Options options) : options_(std::move(options)) {}

bool Session::lines_match(std::string_view expected, std::string_view actual) {
  if (expected == actual) return true;
  if (options_.remap_addresses && expected.size() == actual.size()) {
    std::vector<std::pair<std::string, std::string>> pairs;
    bool ok = true;
    for (std::size_t at = 0; ok && at < expected.size();) {
      const auto token = token_at(expected, at);
      if (!token) {
        ok = expected[at] == actual[at];
        ++at;
        continue;
      }
      const auto other = token_at(actual, at);
      ok = other && other->length == token->length &&
           same_shape(expected.substr(at, token->length), actual.substr(at, token->length));
      if (ok) pairs.emplace_back(token->value, other->value);
      at += token->length;
    }
    // The line's pairs must agree with the session's mapping and with each other, both ways.
    std::map<std::string, std::string> forward = forward_;
    std::map<std::string, std::string> backward = backward_;
    for (const auto& [from, to] : pairs) {
      const auto [f, f_new] = forward.emplace(from, to);
      const auto [b, b_new] = backward.emplace(to, from);
      ok = ok && f->second == to && b->second == from;
    }
    if (ok) {
      forward_ = std::move(forward);
      backward_ = std::move(backward);
      return true;
    }
  }
  return options_.tolerance && options_.tolerance(expected, actual);
}

std::string Session::compare(std::string_view name, std::string_view expected, std::string_view actual) {
  const auto want = split_lines(expected);
  const auto got = split_lines(actual);
  const bool same_ending = (expected.empty() || expected.back() == '\n') == (actual.empty() || actual.back() == '\n');
  std::string details;
  std::size_t differing = 0;
  for (std::size_t i = 0; i < std::max(want.size(), got.size()); ++i) {
    const bool has_want = i < want.size();
    const bool has_got = i < got.size();
    if (has_want && has_got && lines_match(want[i], got[i])) continue;
    if (++differing > options_.max_reported) continue;
    details += "  -" + number(i + 1) + " | " + (has_want ? visible(want[i]) : "<no line>") + "\n";
    details += "  +" + number(i + 1) + " | " + (has_got ? visible(got[i]) : "<no line>") + "\n";
    if (has_want && has_got) {
      details += "          " + std::string(first_difference(want[i], got[i]), ' ') + "^\n";
    }
  }
  if (differing == 0 && same_ending) return {};
  std::string report = std::string(name) + ": " + std::to_string(differing) + " differing line(s); expected " +
                       std::to_string(want.size()) + " lines, got " + std::to_string(got.size()) + "\n";
  if (!same_ending) report += "  (one text ends with a newline, the other does not)\n";
  if (differing > options_.max_reported) {
    report += "  (showing the first " + std::to_string(options_.max_reported) + ")\n";
  }
  return report + details;
}

std::string compare(std::string_view name, std::string_view expected, std::string_view actual) {
  return Session().compare(name, expected, actual);
}

}  // namespace golden
