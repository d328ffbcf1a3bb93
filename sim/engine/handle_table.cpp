#include "handle_table.h"

namespace ksim {

std::uint64_t HandleTable::insert(HandleEntry entry) {
  const std::uint64_t handle = next_;
  next_ += 4;
  entries_.emplace(handle, entry);
  return handle;
}

std::optional<HandleEntry> HandleTable::lookup(std::uint64_t handle) const {
  const auto it = entries_.find(handle);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

bool HandleTable::close(std::uint64_t handle) { return entries_.erase(handle) == 1; }

}  // namespace ksim
