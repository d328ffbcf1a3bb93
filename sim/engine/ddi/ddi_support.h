// What every DDI file needs: the WDK prototypes it implements and the bridge it calls.
#pragma once

#include <ntifs.h>

#include "../kernel_calls.h"

// The driver's call site, taken in the DDI itself: its return address into driver code and the
// driver's stack pointer at the call (the DDIs keep frame pointers: rbp + 16), and its own name.
#define KSIM_CALLER                                                  \
  ::ksim::HostFrame {                                                \
    __builtin_return_address(0), static_cast<const char*>(__builtin_frame_address(0)) + 16, __func__ \
  }

// A LARGE_INTEGER the driver passes by pointer, as the bridge's 64-bit value (null stays null).
inline const std::int64_t* quad_of(const LARGE_INTEGER* value) {
  return value ? reinterpret_cast<const std::int64_t*>(&value->QuadPart) : nullptr;
}
