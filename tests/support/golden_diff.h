// Comparing debugger output with golden text from real dumps, line by line, with a report a person
// can act on: the first differing lines side by side, numbered, trailing spaces made visible.
//
// Allowances, for goldens taken from a real machine: a run of ksim cannot reproduce Windows'
// addresses, only their relations. With remap_addresses, every 16-hex-digit token of the expected
// text (ffffc983f2d47040, 0xffffc983f2d47040, ffffc983`f2d47040, 0xffffc983`f2d47040) may be any
// token of the same shape in the actual text, provided the mapping expected -> actual stays one-to-one
// across everything compared in the session. A per-line tolerance hook may accept any other pair.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace golden {

// Accepts a differing (expected, actual) line pair that the caller knows to be equivalent.
using LineTolerance = std::function<bool(std::string_view expected, std::string_view actual)>;

struct Options {
  bool remap_addresses = false;
  LineTolerance tolerance;
  std::size_t max_reported = 5;  // differing line pairs shown in a report
};

class Session {
 public:
  explicit Session(Options options = {});

  // "" when `actual` matches `expected` under the session's allowances, else a report headed by `name`.
  std::string compare(std::string_view name, std::string_view expected, std::string_view actual);

  // Expected address -> actual address (16 lowercase hex digits each), as established so far.
  const std::map<std::string, std::string>& address_map() const { return forward_; }

 private:
  bool lines_match(std::string_view expected, std::string_view actual);

  Options options_;
  std::map<std::string, std::string> forward_;
  std::map<std::string, std::string> backward_;
};

// A strict one-off comparison: "" when equal, else the report.
std::string compare(std::string_view name, std::string_view expected, std::string_view actual);

}  // namespace golden
