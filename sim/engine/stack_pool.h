// Fiber stacks: mmap'ed with a guard page below each, and pooled (within a machine, and per host
// thread from one machine to the next), because a guarded stack costs ~10 µs to create (mmap +
// mprotect) against ~50 ns to reuse (anchors.md §1). A driver that
// overruns its stack faults on the guard page instead of silently corrupting another thread.
#pragma once

#include <cstddef>
#include <vector>

namespace ksim {

struct Stack {
  char* base = nullptr;   // lowest usable byte (just above the guard page)
  std::size_t size = 0;   // usable bytes
  char* top() const { return base + size; }
  bool contains(const void* p) const {
    const char* c = static_cast<const char*>(p);
    return c >= base && c < top();
  }
};

class StackPool {
 public:
  explicit StackPool(std::size_t stack_size = 256 * 1024);
  ~StackPool();
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  Stack acquire();
  void release(Stack stack);

 private:
  std::size_t stack_size_;
  std::vector<Stack> free_;
  std::vector<Stack> all_;
};

}  // namespace ksim
