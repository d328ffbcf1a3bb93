// _KSEMAPHORE (0x20): SignalState is the count, Limit its maximum.
#pragma once

#include "dispatcher_header.h"

namespace km {

struct KSEMAPHORE {
  DISPATCHER_HEADER Header;
  LONG Limit = 0;

  static constexpr UCHAR SizeInDwords = 0x20 / 4;
};

}  // namespace km
