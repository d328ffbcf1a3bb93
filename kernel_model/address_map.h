// A map from simulated addresses to values, as a sorted vector: machines are built by the
// thousand in exploration, and a node per entry made building one mostly malloc and free.
// Iterates in address order, as dumps list objects.
#pragma once

#include <algorithm>
#include <utility>
#include <vector>

#include "nt_enums.h"

namespace km {

template <typename T>
class AddressMap {
 public:
  // A plain struct, not std::pair: trivially copyable, so an insert shifts the entries above it
  // with one memmove instead of an assignment per entry.
  struct Entry {
    Address key;
    T value;
  };

  // Inserts or replaces. Objects are mostly created at rising addresses: appending is the usual case.
  void assign(Address key, T value) {
    if (entries_.empty() || entries_.back().key < key) {
      entries_.push_back({key, std::move(value)});
      return;
    }
    const auto it = lower(entries_, key);
    if (it != entries_.end() && it->key == key) it->value = std::move(value);
    else entries_.insert(it, {key, std::move(value)});
  }
  void reserve(std::size_t n) { entries_.reserve(n); }
  const T* find(Address key) const {
    const auto it = lower(entries_, key);
    return it != entries_.end() && it->key == key ? &it->value : nullptr;
  }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }
  std::size_t size() const { return entries_.size(); }

 private:
  static auto lower(auto& entries, Address key) {
    return std::lower_bound(entries.begin(), entries.end(), key, [](const Entry& e, Address k) { return e.key < k; });
  }
  std::vector<Entry> entries_;
};

}  // namespace km
