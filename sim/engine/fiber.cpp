#include "fiber.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define KSIM_ASAN_FIBERS 1
#else
#define KSIM_ASAN_FIBERS 0
#endif

namespace ctx = boost::context::detail;

namespace ksim {

Fiber::Fiber(StackPool& pool, std::function<void()> body)
    : pool_(pool), stack_(pool.acquire()), body_(std::move(body)) {
  context_ = ctx::make_fcontext(stack_.top(), stack_.size, &Fiber::entry);
}

Fiber::~Fiber() { pool_.release(stack_); }

void Fiber::entry(ctx::transfer_t from) {
  auto* self = static_cast<Fiber*>(from.data);
  self->caller_ = from.fctx;
#if KSIM_ASAN_FIBERS
  __sanitizer_finish_switch_fiber(nullptr, &self->caller_stack_bottom_, &self->caller_stack_size_);
#endif
  self->body_();  // the body catches everything it may throw: nothing unwinds past here
  self->finished_ = true;
#if KSIM_ASAN_FIBERS
  __sanitizer_start_switch_fiber(nullptr, self->caller_stack_bottom_, self->caller_stack_size_);
#endif
  ctx::jump_fcontext(self->caller_, nullptr);
}

void Fiber::resume() {
#if KSIM_ASAN_FIBERS
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(&fake_stack, stack_.base, stack_.size);
#endif
  const ctx::transfer_t back = ctx::jump_fcontext(context_, this);
#if KSIM_ASAN_FIBERS
  __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
#endif
  context_ = back.fctx;
}

void Fiber::yield() {
#if KSIM_ASAN_FIBERS
  __sanitizer_start_switch_fiber(&asan_fake_stack_, caller_stack_bottom_, caller_stack_size_);
#endif
  const ctx::transfer_t back = ctx::jump_fcontext(caller_, nullptr);
#if KSIM_ASAN_FIBERS
  __sanitizer_finish_switch_fiber(asan_fake_stack_, &caller_stack_bottom_, &caller_stack_size_);
#endif
  caller_ = back.fctx;
}

}  // namespace ksim
