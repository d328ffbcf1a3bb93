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
}  // namespace

StackPool::StackPool(std::size_t stack_size) : stack_size_(stack_size) {}

StackPool::~StackPool() {
  for (const Stack& s : all_) munmap(s.base - page_size(), s.size + page_size());
}

Stack StackPool::acquire() {
  if (!free_.empty()) {
    Stack s = free_.back();
    free_.pop_back();
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
