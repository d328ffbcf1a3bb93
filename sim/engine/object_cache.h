// Driver pointers to dispatcher objects, as kernel calls last resolved them. Resolving one takes
// two ordered-map lookups (host pointer to simulated address, address to object), and drivers
// name the same few objects call after call. Direct-mapped; an entry is good only while neither
// the address space nor the set of objects has changed since it was filled (a generation).
#pragma once

#include <array>
#include <cstdint>

#include "kernel_model/dispatcher_header.h"

namespace ksim {

class ObjectCache {
 public:
  km::DISPATCHER_HEADER* find(const void* host, std::uint64_t generation) const {
    const Entry& entry = entries_[slot(host)];
    return entry.host == host && entry.generation == generation ? entry.object : nullptr;
  }
  void insert(const void* host, std::uint64_t generation, km::DISPATCHER_HEADER* object) {
    entries_[slot(host)] = Entry{host, generation, object};
  }

 private:
  struct Entry {
    const void* host = nullptr;
    std::uint64_t generation = 0;
    km::DISPATCHER_HEADER* object = nullptr;
  };
  // Objects are at least 16-byte aligned and usually laid out together.
  static std::size_t slot(const void* host) { return (reinterpret_cast<std::uintptr_t>(host) >> 4) % 64; }
  std::array<Entry, 64> entries_{};
};

}  // namespace ksim
