// `~` and `k`. The threads a session talks about are numbered for `~<n>s`: the threads the driver
// started first, in creation order (so kmutex-delay's two are ~0 and ~1), then the System
// process's others in creation order. `~` lists the driver's threads and any other thread whose
// stack passes through the driver (the worker running DriverEntry), then counts the rest; `~*`
// lists them all.
#pragma once

#include <string>
#include <vector>

#include "kernel_model/snapshot.h"
#include "symbols.h"

namespace ksim::debug {

std::vector<const km::ThreadView*> numbered_threads(const km::Snapshot& snap, const Symbols& symbols);

// One line per thread: WinDbg's markers ('.' the current thread, '#' the one the last stop is
// about), its number, address, Cid, state, wait reason and time, start routine, and what it waits
// on or owns.
std::string list_threads(const km::Snapshot& snap, const Symbols& symbols, km::Address current,
                         km::Address event_thread, bool all);

// `k`: " # Child-SP          RetAddr               Call Site", one line per frame.
std::string stack_text(const km::ThreadView& thread);

}  // namespace ksim::debug
