#include "volume/share_access.h"

#include <cassert>

#include "volume/nt_file_constants.h"

namespace ksim::volume {
namespace {

struct Wants {
  bool read;
  bool write;
  bool del;
  bool any() const { return read || write || del; }
};

Wants wants(std::uint32_t desired_access) {
  return {(desired_access & (FILE_READ_DATA | FILE_EXECUTE)) != 0,
          (desired_access & (FILE_WRITE_DATA | FILE_APPEND_DATA)) != 0, (desired_access & DELETE) != 0};
}

}  // namespace

bool ShareAccess::allows(std::uint32_t desired_access, std::uint32_t share_access) const {
  const Wants w = wants(desired_access);
  if (!w.any()) return true;
  // Every counted open must share what we want...
  if (w.read && shared_read_ != open_count_) return false;
  if (w.write && shared_write_ != open_count_) return false;
  if (w.del && shared_delete_ != open_count_) return false;
  // ...and we must share what any counted open already has.
  if (readers_ != 0 && (share_access & FILE_SHARE_READ) == 0) return false;
  if (writers_ != 0 && (share_access & FILE_SHARE_WRITE) == 0) return false;
  if (deleters_ != 0 && (share_access & FILE_SHARE_DELETE) == 0) return false;
  return true;
}

void ShareAccess::add(std::uint32_t desired_access, std::uint32_t share_access) {
  const Wants w = wants(desired_access);
  if (!w.any()) return;
  ++open_count_;
  readers_ += w.read;
  writers_ += w.write;
  deleters_ += w.del;
  shared_read_ += (share_access & FILE_SHARE_READ) != 0;
  shared_write_ += (share_access & FILE_SHARE_WRITE) != 0;
  shared_delete_ += (share_access & FILE_SHARE_DELETE) != 0;
}

void ShareAccess::remove(std::uint32_t desired_access, std::uint32_t share_access) {
  const Wants w = wants(desired_access);
  if (!w.any()) return;
  assert(open_count_ > 0 && "remove() without a matching add()");
  --open_count_;
  readers_ -= w.read;
  writers_ -= w.write;
  deleters_ -= w.del;
  shared_read_ -= (share_access & FILE_SHARE_READ) != 0;
  shared_write_ -= (share_access & FILE_SHARE_WRITE) != 0;
  shared_delete_ -= (share_access & FILE_SHARE_DELETE) != 0;
}

}  // namespace ksim::volume
