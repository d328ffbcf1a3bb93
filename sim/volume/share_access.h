// The SHARE_ACCESS bookkeeping a file system keeps per open file, with the rules of
// IoCheckShareAccess / IoUpdateShareAccess / IoRemoveShareAccess.
//
// Only three kinds of access take part: read (FILE_READ_DATA | FILE_EXECUTE), write
// (FILE_WRITE_DATA | FILE_APPEND_DATA) and delete (DELETE). An open that asks for none of them,
// e.g. FILE_READ_ATTRIBUTES alone, is neither checked nor counted, so it never conflicts.
// A new open conflicts when it wants an access that some counted open does not share, or when it
// refuses to share an access that some counted open already has.
#pragma once

#include <cstdint>

namespace ksim::volume {

class ShareAccess {
 public:
  // True if an open with this (already generic-mapped) access and share mask may proceed.
  bool allows(std::uint32_t desired_access, std::uint32_t share_access) const;
  void add(std::uint32_t desired_access, std::uint32_t share_access);
  // Undoes an add() made with the same arguments.
  void remove(std::uint32_t desired_access, std::uint32_t share_access);

 private:
  std::uint32_t open_count_ = 0;
  std::uint32_t readers_ = 0;
  std::uint32_t writers_ = 0;
  std::uint32_t deleters_ = 0;
  std::uint32_t shared_read_ = 0;
  std::uint32_t shared_write_ = 0;
  std::uint32_t shared_delete_ = 0;
};

}  // namespace ksim::volume
