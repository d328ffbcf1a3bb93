// The properties a scenario declares (`property = NAME` in its scenario.ini) and `ksim explore`
// checks in every schedule, on top of the checks every schedule gets (the dispatcher's invariants
// after every step; no bugcheck, no deadlock, an end within the budget):
//
//   exclusive  No thread creates, opens or renames a file that another thread has open for
//              writing (an attempt the share check refuses counts: the threads met on the file),
//              and no thread makes a file call while another thread owns a mutant.
//   all-moved  At the end, for every i below the `files` parameter, C:\Temp\file_i.txt is gone
//              and C:\Temp2\NewFile_i.txt holds all its bytes (`writes` × 15).
//
// A property sees the run through the dispatcher's trace and the machine's file operations, and
// states what went wrong in the driver's own terms (its thread names, its paths).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/machine.h"
#include "violation.h"

namespace ksim::explore {

struct PropertyContext {
  std::map<std::string, std::int64_t> parameters;  // the scenario's parameters, after --set
  std::uint64_t load_time = 0;                      // interrupt time of the driver's load
};

class Property {
 public:
  virtual ~Property() = default;
  virtual void on_trace(const km::TraceEvent&) {}
  virtual std::optional<Violation> after_file_operation(Machine&, const FileOperation&) { return std::nullopt; }
  // The run completed (every driver thread finished).
  virtual std::optional<Violation> at_end(Machine&) { return std::nullopt; }
};

const std::vector<std::string_view>& property_names();
// A fresh instance for one schedule; null with `error` set when the name is unknown or the
// context lacks what the property needs.
std::unique_ptr<Property> make_property(std::string_view name, const PropertyContext& context, std::string& error);

// The properties themselves (one file each).
std::unique_ptr<Property> make_exclusive(const PropertyContext& context);
std::unique_ptr<Property> make_all_moved(const PropertyContext& context, std::int64_t files, std::int64_t writes);

}  // namespace ksim::explore
