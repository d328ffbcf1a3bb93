// What !analyze says about a bugcheck code: its name, a short description and what each argument means.
// The descriptions are ksim's own wording of the documented meaning.
#pragma once

#include <array>
#include <string_view>

#include "kernel_model/nt_enums.h"

namespace viz {

struct BugcheckInfo {
  km::ULONG code = 0;
  std::string_view name;
  std::string_view description;
  std::array<std::string_view, 4> arguments;
};

// nullptr for a code the catalog does not hold.
const BugcheckInfo* find_bugcheck(km::ULONG code);

}  // namespace viz
