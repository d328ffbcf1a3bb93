// A modelled stack (km::FrameView, innermost first) in the debugger's words.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kernel_model/snapshot.h"

namespace viz {

// "nt!KiSwapContext+0x76", "nt!KeBugCheckEx" (offset 0), "myfault+0x12d0" (no symbol),
// "0x7ffcaa52f454" (no module).
std::string frame_symbol(const km::FrameView& frame);
// "C:\...\Driver.c @ 47", or "" when the frame has no source line.
std::string frame_source(const km::FrameView& frame);
// The address frame i returns to: the next (outer) frame's Ip, 0 for the outermost frame.
km::Address return_address(const std::vector<km::FrameView>& stack, std::size_t i);

// The `k`-style lines of !thread and !analyze's STACK_TEXT:
// "ffffc60b`87e8ebf8 fffff805`4d62bfa9     : <4 args> : nt!KeBugCheckEx [file @ line]".
// ksim does not model argument homes, so the four args print as zero.
std::string kv_stack_lines(const std::vector<km::FrameView>& stack);

// !analyze's SYMBOL_NAME form: "myfault+12d0", "TestDriver!FileCreationThread+13a".
std::string bucket_symbol(const km::FrameView& frame);

}  // namespace viz
