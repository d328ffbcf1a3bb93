// ntoskrnl.exe 22621.2506 as far as stacks need it: function RVAs and frame sizes. Entries marked
// verified come from the seed dump (return addresses minus offsets, Child-SP differences); the
// others name real functions at offsets seen in other 22621 dumps (dump-cases.md), but their RVAs
// and frame sizes are ksim's own, so their addresses are consistent, not real.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ksim {

struct NtFunction {
  std::string_view name;
  std::uint32_t rva;
  std::uint32_t frame_size;  // from this frame's Child-SP to the next outer frame's
  bool verified;
};

// A frame at a known return point: the function and the offset of the return address in it.
struct NtFrame {
  const NtFunction* function;
  std::uint32_t offset;
};

const NtFunction& nt_function(std::string_view name);
// The same, or null when ksim does not know the function (a debugger's symbol lookup).
const NtFunction* find_nt_function(std::string_view name);

}  // namespace ksim
