// The one primitive every fiber switch goes through: Boost.Context's jump_fcontext contract
// (suspend the caller, resume `to`, hand `data` across; returns who jumped here and their data).
//
// On x86-64 ELF ksim uses its own implementation of that contract (fiber_jump_x86_64.S) over the
// frame make_fcontext lays out, so contexts from either side interoperate. It differs in how it
// resumes: with a return, where Boost's ends in an indirect jump. A fiber switch always defeats
// the return predictor, which costs a few nanoseconds; but on an Intel Xeon KVM guest Boost's
// jump measured 4 ns a switch for the first ten thousand switches of two fibers and 61 ns ever
// after, ksim's 13 ns throughout (ksim_bench prints both), and a yield switch fell from 82 to
// 35 ns. On an AMD EPYC guest Boost's measures 5.6 ns and ksim's 13 ns: the return costs 7 ns
// where it is slower, the jump 48 ns. Elsewhere Boost's own jump is used.
#pragma once

#include <boost/context/detail/fcontext.hpp>

#if defined(__x86_64__) && defined(__ELF__)
#define KSIM_FIBER_JUMP_RETURNS 1
extern "C" boost::context::detail::transfer_t ksim_jump_fcontext(boost::context::detail::fcontext_t to,
                                                                 void* data);
#else
#define KSIM_FIBER_JUMP_RETURNS 0
#endif

namespace ksim {

inline boost::context::detail::transfer_t fiber_jump(boost::context::detail::fcontext_t to, void* data) {
#if KSIM_FIBER_JUMP_RETURNS
  return ksim_jump_fcontext(to, data);
#else
  return boost::context::detail::jump_fcontext(to, data);
#endif
}

}  // namespace ksim
