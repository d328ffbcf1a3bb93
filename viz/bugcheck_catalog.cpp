#include "viz/bugcheck_catalog.h"

#include <algorithm>

namespace viz {

namespace {

constexpr std::array<BugcheckInfo, 26> kCatalog = {{
    {0x1,
     "APC_INDEX_MISMATCH",
     "A system call or worker routine returned with its APC state unbalanced: a thread entered a\n"
     "critical or guarded region (for example by acquiring a KMUTEX) and did not leave it before\n"
     "returning.",
     {"address of the system call or worker routine", "thread's ApcStateIndex",
      "thread's combined kernel and special APC disable count", "0 = system call, 1 = worker routine"}},
    {0xA,
     "IRQL_NOT_LESS_OR_EQUAL",
     "Kernel code touched pageable or invalid memory while running at an IRQL too high to take a page\n"
     "fault (DISPATCH_LEVEL or above).",
     {"memory referenced", "IRQL", "bitfield: bit 0 = write, bit 3 = execute", "address which referenced memory"}},
    {0xC,
     "MAXIMUM_WAIT_OBJECTS_EXCEEDED",
     "A thread asked to wait on more objects than a single wait allows, or on more than three without\n"
     "supplying its own wait block array.",
     {"reserved", "reserved", "reserved", "reserved"}},
    {0x1E,
     "KMODE_EXCEPTION_NOT_HANDLED",
     "A kernel-mode exception was raised and no handler caught it.",
     {"exception code", "address where the exception occurred", "exception parameter 0", "exception parameter 1"}},
    {0x20,
     "KERNEL_APC_PENDING_DURING_EXIT",
     "A thread exited with kernel APCs still disabled or pending, typically because it still owned a\n"
     "mutex or had not left a critical or guarded region.",
     {"address of the pending APC, if any", "thread's APC disable count", "current IRQL", "reserved"}},
    {0x39,
     "SYSTEM_EXIT_OWNED_MUTEX",
     "A worker routine returned while it still owned a mutex.",
     {"address of the worker routine", "parameter passed to the worker routine", "address of the work item",
      "reserved"}},
    {0x3B,
     "SYSTEM_SERVICE_EXCEPTION",
     "An exception was raised while a system service was executing and it was not handled.",
     {"exception code", "address of the instruction that caused the exception", "address of the context record",
      "reserved"}},
    {0x4A,
     "IRQL_GT_ZERO_AT_SYSTEM_SERVICE",
     "A system call returned to user mode with the IRQL still above PASSIVE_LEVEL.",
     {"address of the system function", "IRQL at return", "reserved", "reserved"}},
    {0x50,
     "PAGE_FAULT_IN_NONPAGED_AREA",
     "Memory that should always be resident, or that does not exist, was referenced.",
     {"memory referenced", "0 = read, 1 = write, 2 = execute, 10 = execute", "address which referenced memory",
      "type of page fault"}},
    {0x7E,
     "SYSTEM_THREAD_EXCEPTION_NOT_HANDLED",
     "A system thread raised an exception that no handler caught.",
     {"exception code", "address where the exception occurred", "exception record address", "context record address"}},
    {0x9F,
     "DRIVER_POWER_STATE_FAILURE",
     "A driver left a power IRP pending too long or in an inconsistent state.",
     {"subcode", "subcode specific", "subcode specific", "subcode specific"}},
    {0xB8,
     "ATTEMPTED_SWITCH_FROM_DPC",
     "A wait, yield or other context switch was attempted from a DPC routine, which must never block.",
     {"original thread", "new thread", "original thread's stack address", "reserved"}},
    {0xBF,
     "MUTEX_ALREADY_OWNED",
     "A thread tried to acquire a fast or guarded mutex it already owns; these mutexes do not recurse.",
     {"address of the mutex", "thread that tried to acquire it", "reserved", "reserved"}},
    {0xC4,
     "DRIVER_VERIFIER_DETECTED_VIOLATION",
     "Driver Verifier caught a driver breaking one of the rules it checks.",
     {"violation subcode", "subcode specific", "subcode specific", "subcode specific"}},
    {0xD1,
     "DRIVER_IRQL_NOT_LESS_OR_EQUAL",
     "A driver touched pageable or invalid memory at an IRQL that is too high for a page fault to be\n"
     "serviced (DISPATCH_LEVEL or above).",
     {"memory referenced", "IRQL", "value 0 = read operation, 1 = write operation", "address which referenced memory"}},
    {0xE1,
     "WORKER_THREAD_RETURNED_AT_BAD_IRQL",
     "A worker routine returned to the executive worker thread at an IRQL above PASSIVE_LEVEL.",
     {"address of the worker routine", "IRQL at return", "work item", "reserved"}},
    {0xE3,
     "RESOURCE_NOT_OWNED",
     "A thread released an executive resource (ERESOURCE) that it does not own.",
     {"address of the resource", "thread releasing it", "address of the owner table, if any", "reserved"}},
    {0xF7,
     "DRIVER_OVERRAN_STACK_BUFFER",
     "A driver overran a stack-based buffer and corrupted the function's security cookie.",
     {"actual security check cookie", "expected cookie", "complement of the expected cookie", "reserved"}},
    {0x13A,
     "KERNEL_MODE_HEAP_CORRUPTION",
     "The kernel heap manager found its structures corrupted.",
     {"type of corruption", "address of the heap", "address of the corrupted entry", "reserved"}},
    {0x13C,
     "INVALID_IO_BOOST_STATE",
     "A thread was deleted while its I/O priority boost state was still set, usually because it exited\n"
     "owning an executive resource.",
     {"thread with the invalid boost state", "current boost state", "reserved", "reserved"}},
    {0x153,
     "KERNEL_LOCK_ENTRY_LEAKED_ON_THREAD_TERMINATION",
     "A thread terminated while it still had AutoBoost lock entries, i.e. it never released a lock it\n"
     "acquired.",
     {"address of the terminating thread", "address of the lock entry not freed", "1 = lock pointer was not NULL",
      "address of the lock"}},
    {0x161,
     "LIVE_SYSTEM_DUMP",
     "The system took a live kernel dump on request; it did not crash.",
     {"reserved", "reserved", "reserved", "reserved"}},
    {0x162,
     "KERNEL_AUTO_BOOST_INVALID_LOCK_RELEASE",
     "A thread released an AutoBoost-tracked lock (such as a pushlock) that it did not acquire.",
     {"address of the releasing thread", "address of the lock", "session id", "reserved"}},
    {0x4000008A,
     "THREAD_TERMINATE_HELD_MUTEX",
     "A thread terminated while it still owned a mutex.",
     {"address of the terminating thread", "address of the mutex", "reserved", "reserved"}},
    {0xD5,
     "DRIVER_PAGE_FAULT_IN_FREED_SPECIAL_POOL",
     "A driver referenced special pool memory after freeing it.",
     {"memory referenced", "0 = read, 1 = write", "address which referenced memory", "reserved"}},
    {0xE9,
     "ACTIVE_EX_WORKER_THREAD_TERMINATION",
     "An active executive worker thread was terminated.",
     {"exiting worker thread", "reserved", "reserved", "reserved"}},
}};

}  // namespace

const BugcheckInfo* find_bugcheck(km::ULONG code) {
  const auto it =
      std::find_if(kCatalog.begin(), kCatalog.end(), [code](const BugcheckInfo& info) { return info.code == code; });
  return it == kCatalog.end() ? nullptr : &*it;
}

}  // namespace viz
