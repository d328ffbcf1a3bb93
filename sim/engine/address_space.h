// Simulated kernel addresses. Every object a dump shows has a deterministic address in canonical
// ffff... form, handed out by bump allocators per region, never derived from host pointers. Host
// memory the driver touches (pool, device objects, its image, its thread stacks) is registered
// with the simulated range it stands for, so a driver pointer translates to a simulated address.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace ksim {

using Address = std::uint64_t;

class AddressSpace {
 public:
  AddressSpace() { regions_.reserve(16); }  // a small machine's regions, without regrowth
  // Nonpaged pool: allocations carry a 0x10-byte pool header like the real pool's.
  Address allocate_pool(std::uint64_t size);
  // Thread and process objects sit 0x40 into their own page (pool header + object header),
  // which is why real KTHREAD addresses end in 040.
  Address allocate_object_page(std::uint64_t size);
  // A kernel stack region; returns its top (the address above the highest byte).
  Address allocate_kernel_stack();

  // Registers host memory [host, host+size) as standing for simulated memory at sim.
  void map(const void* host, std::uint64_t size, Address sim);
  void unmap(const void* host);
  // The simulated address of a host pointer into registered memory.
  std::optional<Address> to_sim(const void* host) const;
  // Changes whenever a mapping does.
  std::uint64_t generation() const { return generation_; }

  static constexpr std::uint64_t KernelStackSize = 0x6000;

 private:
  struct Region {
    std::uintptr_t host;
    std::uint64_t size;
    Address sim;
  };
  // By host start, as a sorted vector: a machine maps a few dozen regions, and a tree node each
  // was a malloc and a free per region in every schedule exploration builds.
  std::vector<Region> regions_;
  struct Found {
    std::uintptr_t host = 0;
    std::uint64_t size = 0;
    Address sim = 0;
  };
  mutable Found last_;
  std::uint64_t generation_ = 0;
  Address next_pool_ = 0xffffc983f2c00000;
  Address next_object_page_ = 0xffffc983ebceb000;  // the first object page holds the System process
  Address next_stack_top_ = 0xffffc60b86600000;
};

}  // namespace ksim
