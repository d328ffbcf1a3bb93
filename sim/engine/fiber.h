// A fiber: a stack and a saved context, switched with Boost.Context's fcontext primitives (the
// layer SimGrid's fast contexts use). One host thread runs the engine and every fiber, so a run is
// deterministic. No exception ever crosses a switch, and a fiber abandoned mid-run (the machine
// bugchecked) is simply never resumed: its stack returns to the pool without unwinding driver C
// frames.
#pragma once

#include <boost/context/detail/fcontext.hpp>

#include <functional>

#include "stack_pool.h"

namespace ksim {

class Fiber {
 public:
  Fiber(StackPool& pool, std::function<void()> body);
  ~Fiber();
  Fiber(const Fiber&) = delete;
  Fiber& operator=(const Fiber&) = delete;

  // From the engine: run the fiber until it yields or its body returns.
  void resume();
  // From inside the fiber: back to whoever resumed it.
  void yield();
  bool finished() const { return finished_; }
  const Stack& stack() const { return stack_; }

 private:
  static void entry(boost::context::detail::transfer_t from);

  StackPool& pool_;
  Stack stack_;
  std::function<void()> body_;
  boost::context::detail::fcontext_t context_ = nullptr;  // the fiber, while suspended
  boost::context::detail::fcontext_t caller_ = nullptr;   // the engine, while the fiber runs
  bool finished_ = false;
  // AddressSanitizer must be told about stack switches (see fiber.cpp).
  void* asan_fake_stack_ = nullptr;
  const void* caller_stack_bottom_ = nullptr;
  std::size_t caller_stack_size_ = 0;
};

}  // namespace ksim
