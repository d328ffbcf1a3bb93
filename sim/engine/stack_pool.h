// Fiber stacks: mmap'ed with a guard page below each, and pooled per host thread, because a guarded
// stack costs ~10 µs to create (mmap + mprotect) against ~50 ns to reuse (anchors.md §1). A
// released stack goes straight back to its host thread's spares, for the same machine or the next
// one: exploration builds and drops a machine per schedule, and lists of its own cost the pool
// more allocations than the schedule's threads have stacks. A driver that overruns its stack
// faults on the guard page instead of silently corrupting another thread.
#pragma once

#include <cstddef>

namespace ksim {

struct Stack {
  char* base = nullptr;   // lowest usable byte (just above the guard page)
  std::size_t size = 0;   // usable bytes
  std::size_t colour = 0; // how far below the top its fiber starts (StackPool::acquire)
  char* top() const { return base + size; }
  bool contains(const void* p) const {
    const char* c = static_cast<const char*>(p);
    return c >= base && c < top();
  }
};

class StackPool {
 public:
  explicit StackPool(std::size_t stack_size = 256 * 1024) : stack_size_(stack_size) {}
  StackPool(const StackPool&) = delete;
  StackPool& operator=(const StackPool&) = delete;

  Stack acquire();
  void release(Stack stack);

 private:
  std::size_t stack_size_;
  std::size_t acquired_ = 0;  // numbers the stacks' colours, so that a run's depths never vary
};

}  // namespace ksim
