#include "stack_pool.h"

#include <sys/mman.h>
#include <unistd.h>

#include <iterator>
#include <new>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#endif

namespace ksim {

namespace {

std::size_t page_size() { return static_cast<std::size_t>(sysconf(_SC_PAGESIZE)); }

void unmap(const Stack& s) { munmap(s.base - page_size(), s.size + page_size()); }

// Released stacks, kept for the next acquire on this host thread; the thread's end unmaps them.
struct SpareStacks {
  static constexpr std::size_t Kept = 64;
  std::vector<Stack> stacks;
  ~SpareStacks();
};
thread_local SpareStacks t_spare;
thread_local bool t_spare_gone = false;  // a stack released after the thread's spares unmaps itself

SpareStacks::~SpareStacks() {
  for (const Stack& s : stacks) unmap(s);
  t_spare_gone = true;
}

}  // namespace

Stack StackPool::acquire() {
  std::vector<Stack>& spare = t_spare.stacks;
  for (auto it = spare.rbegin(); !t_spare_gone && it != spare.rend(); ++it) {
    if (it->size != stack_size_) continue;
    const Stack s = *it;
    spare.erase(std::next(it).base());
    return s;
  }
  const std::size_t guard = page_size();
  void* mem = mmap(nullptr, stack_size_ + guard, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mem == MAP_FAILED) throw std::bad_alloc();
  mprotect(mem, guard, PROT_NONE);
  return Stack{static_cast<char*>(mem) + guard, stack_size_};
}

void StackPool::release(Stack stack) {
#if defined(__SANITIZE_ADDRESS__)
  // A fiber abandoned mid-run leaves its frames' redzones poisoned; the next fiber starts clean.
  ASAN_UNPOISON_MEMORY_REGION(stack.base, stack.size);
#endif
  if (!t_spare_gone && t_spare.stacks.size() < SpareStacks::Kept) t_spare.stacks.push_back(stack);
  else unmap(stack);
}

}  // namespace ksim
