// Questions the renderers ask of a Snapshot, answered once here: whose process a thread is in, how
// long it has waited, what state MEX calls it, which of its wait blocks to show, and so on.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kernel_model/snapshot.h"

namespace viz {

// 22621 x64 offsets the renderers derive addresses from (nt-dispatcher.md §1).
inline constexpr km::Address kThreadTimerOffset = 0x100;   // KTHREAD.Timer
inline constexpr km::Address kHeaderWaitListOffset = 0x8;  // DISPATCHER_HEADER.WaitListHead

const km::ProcessView* process_of(const km::Snapshot& snap, const km::ThreadView& thread);
// The process's image name, or "" when the thread's process is not in the snapshot.
std::string image_name(const km::Snapshot& snap, const km::ThreadView& thread);

// The process the debugger's thread-listing commands (!us, !mex.lt) look at: System (PID 4).
const km::ProcessView* context_process(const km::Snapshot& snap);
std::vector<const km::ThreadView*> threads_of(const km::Snapshot& snap, const km::ProcessView& process);
std::vector<const km::ThreadView*> all_threads(const km::Snapshot& snap);

// The thread running on a processor (the debugger's current thread), if the snapshot has it.
const km::ThreadView* current_thread(const km::Snapshot& snap, km::ULONG processor);

// Clock ticks since the thread's last wait began (KeTickCount - WaitTime, in 32 bits like the kernel).
km::ULONG wait_ticks(const km::Snapshot& snap, const km::ThreadView& thread);
std::string mex_wait_time(const km::Snapshot& snap, const km::ThreadView& thread);
std::string mex_cpu_time(const km::Snapshot& snap, km::ULONG ticks);

// The processor a Running/Standby/Ready thread is on, from the PRCBs.
std::optional<km::ULONG> processor_of(const km::Snapshot& snap, const km::ThreadView& thread);
// MEX's state: "Waiting", "Running", ...; the long form adds " on processor N" to Running/Standby.
std::string mex_state(const km::Snapshot& snap, const km::ThreadView& thread, bool long_form);
// MEX's thread flags. The snapshot does not carry them; every system thread in the real dumps shows
// E|K|W|R|V, so K is derived from SystemThread and the rest are taken as always set.
std::string mex_thread_flags(const km::ThreadView& thread);
std::string mex_cid(const km::ThreadView& thread);  // "4.c1c"

// The wait blocks a debugger shows: the current wait's, without the thread's own timer block (a
// KeDelayExecutionThread shows no WaitBlockList in the seed).
std::vector<const km::WaitBlockView*> shown_wait_blocks(const km::ThreadView& thread);
const km::WaitBlockView* find_wait_block(const km::Snapshot& snap, km::Address address);

// The frame MEX names as the "Wait Function": the first frame below the wait plumbing
// (nt!Ki*, nt!Exp*, and the KeWaitFor*/KeDelayExecutionThread entry points).
const km::FrameView* wait_function_frame(const km::ThreadView& thread);

// Whether `object` is a thread's own KTHREAD.Timer (the timer of its timed wait or delay), and whose.
bool is_thread_timer(const km::Snapshot& snap, km::Address object, const km::ThreadView** owner = nullptr);

}  // namespace viz
