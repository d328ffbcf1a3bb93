// A fiber: a stack and a saved context, made by Boost.Context's make_fcontext (the layer SimGrid's
// fast contexts use) and switched through fiber_jump (fiber_jump.h). One host thread runs the
// engine and every fiber, so a run is deterministic. No exception ever crosses a switch, and a
// fiber abandoned mid-run (the machine bugchecked) is simply never resumed: its stack returns to
// the pool without unwinding driver C frames.
//
// The engine resumes a fiber; a fiber either yields back to the engine or hands the host thread
// straight to another fiber (switch_to), which then yields to the same engine in its turn. A
// handoff is one jump instead of two, and it skips the engine's loop.
#pragma once

#include <boost/context/detail/fcontext.hpp>

#include <cstddef>
#include <functional>

#include "stack_pool.h"

namespace ksim {

class Fiber {
 public:
  Fiber(StackPool& pool, std::function<void()> body);
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  // From the engine: run fibers until one yields or ends (not necessarily this one, after handoffs).
  void resume();
  // From inside the fiber: back to the engine.
  void yield();
  // From inside the fiber: suspend it and run `next`, which must not be running.
  void switch_to(Fiber& next);
  const Stack& stack() const { return stack_; }
  // Where the suspended fiber's saved registers are, and above them its frames (null: running).
  const void* saved_context() const { return context_; }

 private:
  // What a jump carries: the fiber that jumped (null: the engine) and the one it jumps to.
  struct Hop {
    Fiber* from;
    Fiber* to;
  };
  static void entry(boost::context::detail::transfer_t arrival);
  // After every jump into this fiber: the one that left is now suspended where it jumped.
  void arrived(boost::context::detail::transfer_t arrival, const void* from_stack_bottom, std::size_t from_stack_size);
  [[noreturn]] void end();

  // What a switch reads and writes, first: in a SimThread they share its first two cache lines.
  boost::context::detail::fcontext_t context_ = nullptr;  // the fiber, while suspended
  boost::context::detail::fcontext_t engine_ = nullptr;   // where yield() goes, while the fiber runs
  // AddressSanitizer must be told about stack switches (see fiber.cpp); switch_to hands the
  // engine's stack on with engine_.
  const void* engine_stack_bottom_ = nullptr;
  std::size_t engine_stack_size_ = 0;
  void* asan_fake_stack_ = nullptr;
  Stack stack_;
  StackPool& pool_;
  std::function<void()> body_;
};

}  // namespace ksim
