// The System process's kernel handle table: what PsCreateSystemThread and ZwCreateFile hand back.
// Handle values are deterministic and look like kernel handles (0xffffffff8000xxxx).
#pragma once

#include <cstdint>
#include <map>
#include <optional>

namespace ksim {

struct HandleEntry {
  enum class Kind : std::uint8_t { Thread, File } kind;
  std::uint64_t object;  // thread: its address; file: the volume's handle id
};

class HandleTable {
 public:
  std::uint64_t insert(HandleEntry entry);
  std::optional<HandleEntry> lookup(std::uint64_t handle) const;
  bool close(std::uint64_t handle);

 private:
  std::map<std::uint64_t, HandleEntry> entries_;
  std::uint64_t next_ = 0xffffffff80001f04;
};

}  // namespace ksim
