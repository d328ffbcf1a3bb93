#include "viz/stack.h"

#include "viz/format.h"

namespace viz {

namespace {

std::string symbol_with_offset(const km::FrameView& frame, const std::string& offset_prefix) {
  if (frame.Module.empty()) return "0x" + hex(frame.Ip);
  std::string symbol = frame.Module;
  if (!frame.Function.empty()) symbol += "!" + frame.Function;
  if (frame.Offset != 0 || frame.Function.empty()) symbol += "+" + offset_prefix + hex(frame.Offset);
  return symbol;
}

}  // namespace

std::string frame_symbol(const km::FrameView& frame) { return symbol_with_offset(frame, "0x"); }

std::string bucket_symbol(const km::FrameView& frame) { return symbol_with_offset(frame, ""); }

std::string frame_source(const km::FrameView& frame) {
  if (frame.SourceFile.empty()) return {};
  return frame.SourceFile + " @ " + dec(frame.SourceLine);
}

km::Address return_address(const std::vector<km::FrameView>& stack, std::size_t i) {
  return i + 1 < stack.size() ? stack[i + 1].Ip : 0;
}

std::string kv_stack_lines(const std::vector<km::FrameView>& stack) {
  const std::string zero_args = backtick(0) + " " + backtick(0) + " " + backtick(0) + " " + backtick(0);
  std::string out;
  for (std::size_t i = 0; i < stack.size(); ++i) {
    const km::FrameView& frame = stack[i];
    out += backtick(frame.ChildSp) + " " + backtick(return_address(stack, i)) + "     : " + zero_args + " : " +
           frame_symbol(frame);
    if (!frame.SourceFile.empty()) out += " [" + frame_source(frame) + "]";
    out += "\n";
  }
  return out;
}

}  // namespace viz
