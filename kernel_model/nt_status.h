// NTSTATUS values and bugcheck codes the dispatcher produces (nt-dispatcher.md §1.4, §4).
#pragma once

#include <cstdint>

namespace km {

using NTSTATUS = std::int32_t;

inline constexpr NTSTATUS STATUS_SUCCESS = 0x0;
inline constexpr NTSTATUS STATUS_WAIT_0 = 0x0;
inline constexpr NTSTATUS STATUS_ABANDONED_WAIT_0 = 0x80;
inline constexpr NTSTATUS STATUS_ABANDONED = 0x80;
inline constexpr NTSTATUS STATUS_USER_APC = 0xC0;
inline constexpr NTSTATUS STATUS_KERNEL_APC = 0x100;
inline constexpr NTSTATUS STATUS_ALERTED = 0x101;
inline constexpr NTSTATUS STATUS_TIMEOUT = 0x102;
inline constexpr NTSTATUS STATUS_NO_YIELD_PERFORMED = 0x40000024;
inline constexpr NTSTATUS STATUS_INVALID_PARAMETER = static_cast<NTSTATUS>(0xC000000Du);
inline constexpr NTSTATUS STATUS_MUTANT_NOT_OWNED = static_cast<NTSTATUS>(0xC0000046u);
inline constexpr NTSTATUS STATUS_SEMAPHORE_LIMIT_EXCEEDED = static_cast<NTSTATUS>(0xC0000047u);
inline constexpr NTSTATUS STATUS_MUTANT_LIMIT_EXCEEDED = static_cast<NTSTATUS>(0xC0000191u);

inline constexpr std::int32_t MINLONG = static_cast<std::int32_t>(0x80000000u);
inline constexpr std::int32_t MAXLONG = 0x7fffffff;

// Bugcheck codes (bugcodes; learn.microsoft.com bug-check-code-reference).
inline constexpr std::uint32_t APC_INDEX_MISMATCH = 0x1;
inline constexpr std::uint32_t IRQL_NOT_LESS_OR_EQUAL = 0xA;
inline constexpr std::uint32_t MAXIMUM_WAIT_OBJECTS_EXCEEDED = 0xC;
inline constexpr std::uint32_t KMODE_EXCEPTION_NOT_HANDLED = 0x1E;
inline constexpr std::uint32_t KERNEL_APC_PENDING_DURING_EXIT = 0x20;
inline constexpr std::uint32_t SYSTEM_EXIT_OWNED_MUTEX = 0x39;
inline constexpr std::uint32_t IRQL_GT_ZERO_AT_SYSTEM_SERVICE = 0x4A;
inline constexpr std::uint32_t SYSTEM_THREAD_EXCEPTION_NOT_HANDLED = 0x7E;
inline constexpr std::uint32_t ATTEMPTED_SWITCH_FROM_DPC = 0xB8;
inline constexpr std::uint32_t DRIVER_IRQL_NOT_LESS_OR_EQUAL = 0xD1;
inline constexpr std::uint32_t DRIVER_OVERRAN_STACK_BUFFER = 0xF7;
inline constexpr std::uint32_t THREAD_TERMINATE_HELD_MUTEX = 0x4000008A;

}  // namespace km
