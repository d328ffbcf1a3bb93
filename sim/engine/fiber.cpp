#include "fiber.h"

#include "fiber_jump.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#define KSIM_ASAN_FIBERS 1
#else
#define KSIM_ASAN_FIBERS 0
#endif

namespace ctx = boost::context::detail;

namespace ksim {

namespace {

// AddressSanitizer tracks which stack is in use: every jump is announced before it is made
// (start) and acknowledged on arrival (finish), which also tells the arriving side the bounds of
// the stack it came from.
void asan_start(void** fake_stack, const void* bottom, std::size_t size) {
#if KSIM_ASAN_FIBERS
  __sanitizer_start_switch_fiber(fake_stack, bottom, size);
#else
  (void)fake_stack, (void)bottom, (void)size;
#endif
}

void asan_finish(void* fake_stack, const void** from_bottom, std::size_t* from_size) {
#if KSIM_ASAN_FIBERS
  __sanitizer_finish_switch_fiber(fake_stack, from_bottom, from_size);
#else
  (void)fake_stack, (void)from_bottom, (void)from_size;
#endif
}

}  // namespace

Fiber::Fiber(StackPool& pool, std::function<void()> body)
    : stack_(pool.acquire()), pool_(pool), body_(std::move(body)) {
  context_ = ctx::make_fcontext(stack_.top() - stack_.colour, stack_.size - stack_.colour, &Fiber::entry);
}

Fiber::~Fiber() { pool_.release(stack_); }

void Fiber::arrived(ctx::transfer_t arrival, const void* from_stack_bottom, std::size_t from_stack_size) {
  const Hop& hop = *static_cast<const Hop*>(arrival.data);
  if (hop.from) {
    hop.from->context_ = arrival.fctx;  // engine_ was handed over by switch_to
  } else {
    engine_ = arrival.fctx;
    engine_stack_bottom_ = from_stack_bottom;
    engine_stack_size_ = from_stack_size;
  }
}

void Fiber::entry(ctx::transfer_t arrival) {
  Fiber* self = static_cast<const Hop*>(arrival.data)->to;
  const void* bottom = nullptr;
  std::size_t size = 0;
  asan_finish(nullptr, &bottom, &size);
  self->arrived(arrival, bottom, size);
  self->body_();  // the body catches everything it may throw: nothing unwinds past here
  self->end();
}

void Fiber::end() {
  asan_start(nullptr, engine_stack_bottom_, engine_stack_size_);  // null: this stack's fake frames die
  Hop hop{this, nullptr};
  fiber_jump(engine_, &hop);
  __builtin_unreachable();
}

void Fiber::resume() {
  void* fake_stack = nullptr;
  asan_start(&fake_stack, stack_.base, stack_.size);
  Hop hop{nullptr, this};
  const ctx::transfer_t back = fiber_jump(context_, &hop);
  asan_finish(fake_stack, nullptr, nullptr);
  static_cast<const Hop*>(back.data)->from->context_ = back.fctx;  // whichever fiber yielded
}

void Fiber::yield() {
  asan_start(&asan_fake_stack_, engine_stack_bottom_, engine_stack_size_);
  Hop hop{this, nullptr};
  const ctx::transfer_t arrival = fiber_jump(engine_, &hop);
  const void* bottom = nullptr;
  std::size_t size = 0;
  asan_finish(asan_fake_stack_, &bottom, &size);
  arrived(arrival, bottom, size);
}

void Fiber::switch_to(Fiber& next) {
  next.engine_ = engine_;
  next.engine_stack_bottom_ = engine_stack_bottom_;
  next.engine_stack_size_ = engine_stack_size_;
  asan_start(&asan_fake_stack_, next.stack_.base, next.stack_.size);
  Hop hop{this, &next};
  const ctx::transfer_t arrival = fiber_jump(next.context_, &hop);
  const void* bottom = nullptr;
  std::size_t size = 0;
  asan_finish(asan_fake_stack_, &bottom, &size);
  arrived(arrival, bottom, size);
}

}  // namespace ksim
