// What a schedule broke: a property's name, one line saying what happened, and the lines that
// explain it (the history that led there, the wait-for cycle, the lesson).
#pragma once

#include <string>
#include <vector>

namespace ksim::explore {

struct Violation {
  std::string property;  // "exclusive", "all-moved", "invariants", "bugcheck", "deadlock", "budget"
  std::string summary;
  std::vector<std::string> details;
};

}  // namespace ksim::explore
