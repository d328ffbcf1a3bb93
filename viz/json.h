// The whole Snapshot as JSON, for tools and tests that want the machine as data rather than as
// debugger text. Schema: viz/json_schema.md.
#pragma once

#include <string>

#include "kernel_model/snapshot.h"

namespace viz {

// Pretty-printed (2-space indent), keys sorted; addresses are "0x" + 16 hex digits, enums their names.
std::string to_json(const km::Snapshot& snap);

}  // namespace viz
