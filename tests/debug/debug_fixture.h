// Debugging sessions driven in-process, with scripted commands, as `ksim debug` drives them.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "debug/session.h"

namespace debugtest {

// kmutex-delay with a few files, so that every replay takes a millisecond or two.
inline ksim::debug::SessionOptions small(std::string target = "kmutex-delay") {
  ksim::debug::SessionOptions options;
  options.request.target = std::move(target);
  options.request.sets = {{"files", "3"}, {"writes", "2"}};
  return options;
}

inline std::unique_ptr<ksim::debug::Session> open(const ksim::debug::SessionOptions& options) {
  std::string error;
  auto session = ksim::debug::Session::open(options, error);
  REQUIRE_MESSAGE(session, error);
  return session;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// "5DCB:0" from a stop's "Time Travel Position: 5DCB:0 (uptime ...)" line.
inline std::string position_of(const std::string& output) {
  const std::string label = "Time Travel Position: ";
  const auto at = output.rfind(label);
  REQUIRE(at != std::string::npos);
  const auto start = at + label.size();
  return output.substr(start, output.find(' ', start) - start);
}

// The seed's two driver threads (their addresses are the seed dump's).
inline const std::string creation_thread = "ffffc983ebdf9040";
inline const std::string move_thread = "ffffc983ebdfa040";

}  // namespace debugtest
