#include "address_space.h"

#include <algorithm>

namespace ksim {

namespace {
constexpr std::uint64_t align_up(std::uint64_t v, std::uint64_t a) { return (v + a - 1) & ~(a - 1); }
constexpr std::uint64_t PoolHeader = 0x10;
constexpr std::uint64_t PageSize = 0x1000;

// The first region starting above `host`.
auto after(auto& regions, std::uintptr_t host) {
  return std::upper_bound(regions.begin(), regions.end(), host, [](std::uintptr_t h, const auto& r) { return h < r.host; });
}
}  // namespace

Address AddressSpace::allocate_pool(std::uint64_t size) {
  const Address block = next_pool_;
  next_pool_ = align_up(block + PoolHeader + size, 0x10);
  return block + PoolHeader;
}

Address AddressSpace::allocate_object_page(std::uint64_t size) {
  const Address page = next_object_page_;
  next_object_page_ = align_up(page + 0x40 + size, PageSize);
  return page + 0x40;
}

Address AddressSpace::allocate_kernel_stack() {
  // A guard page below each stack, as the kernel leaves one.
  next_stack_top_ += KernelStackSize + PageSize;
  return next_stack_top_;
}

void AddressSpace::map(const void* host, std::uint64_t size, Address sim) {
  const auto h = reinterpret_cast<std::uintptr_t>(host);
  auto it = after(regions_, h);
  if (it != regions_.begin() && std::prev(it)->host == h) *std::prev(it) = Region{h, size, sim};
  else regions_.insert(it, Region{h, size, sim});
  last_ = {};
  ++generation_;
}

void AddressSpace::unmap(const void* host) {
  const auto h = reinterpret_cast<std::uintptr_t>(host);
  auto it = after(regions_, h);
  if (it != regions_.begin() && std::prev(it)->host == h) regions_.erase(std::prev(it));
  last_ = {};
  ++generation_;
}

std::optional<Address> AddressSpace::to_sim(const void* host) const {
  const auto h = reinterpret_cast<std::uintptr_t>(host);
  // Kernel calls name the same object again and again: try the last region found first.
  if (last_.size && h - last_.host < last_.size) return last_.sim + (h - last_.host);
  auto it = after(regions_, h);
  if (it == regions_.begin()) return std::nullopt;
  --it;
  if (h - it->host >= it->size) return std::nullopt;
  last_ = {it->host, it->size, it->sim};
  return it->sim + (h - it->host);
}

}  // namespace ksim
