// _KEVENT (0x18): a bare dispatcher header. Notification events stay signalled and release every
// waiter; synchronization events release one waiter and reset (nt-dispatcher.md §2.6).
#pragma once

#include "dispatcher_header.h"

namespace km {

struct KEVENT {
  DISPATCHER_HEADER Header;

  static constexpr UCHAR SizeInDwords = 0x18 / 4;
};

}  // namespace km
