#include "stack_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <new>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace ksim {

namespace {

std::size_t page_size() { return static_cast<std::size_t>(sysconf(_SC_PAGESIZE)); }

void unmap(const Stack& s) { munmap(s.base - page_size(), s.size + page_size()); }

// Stacks outlive the pools that used them, per host thread: exploration builds and drops a
// machine per schedule, and mapping a guarded stack costs far more than the whole schedule.
struct SpareStacks {
  static constexpr std::size_t Kept = 64;
  std::vector<Stack> stacks;
  ~SpareStacks();
};
thread_local SpareStacks t_spare;
thread_local bool t_spare_gone = false;  // a pool outliving the thread's spares unmaps its own

SpareStacks::~SpareStacks() {
  for (const Stack& s : stacks) unmap(s);
  t_spare_gone = true;
}

}  // namespace

StackPool::StackPool(std::size_t stack_size) : stack_size_(stack_size) {}

StackPool::~StackPool() {
  // Every stack is back in free_ by now: the machine's fibers are gone before its pool.
  for (const Stack& s : all_) {
    if (!t_spare_gone && t_spare.stacks.size() < SpareStacks::Kept) t_spare.stacks.push_back(s);
    else unmap(s);
  }
}

Stack StackPool::acquire() {
  if (!free_.empty()) {
    Stack s = free_.back();
    free_.pop_back();
    return s;
  }
  for (auto it = t_spare.stacks.begin(); !t_spare_gone && it != t_spare.stacks.end(); ++it) {
    if (it->size != stack_size_) continue;
    const Stack s = *it;
    t_spare.stacks.erase(it);
    all_.push_back(s);
    return s;
  }
  const std::size_t guard = page_size();
  void* mem = mmap(nullptr, stack_size_ + guard, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) throw std::bad_alloc();
  mprotect(mem, guard, PROT_NONE);
  Stack s{static_cast<char*>(mem) + guard, stack_size_};
  all_.push_back(s);
  return s;
}

void StackPool::release(Stack stack) {
#if defined(__SANITIZE_ADDRESS__)
  // A fiber abandoned mid-run leaves its frames' redzones poisoned; the next fiber starts clean.
  ASAN_UNPOISON_MEMORY_REGION(stack.base, stack.size);
#endif
  free_.push_back(stack);
}

}  // namespace ksim
