// A small hand-made machine with something for every command: two threads deadlocked on two mutexes,
// a semaphore waiter, two waiters on one event, a delaying thread and a DPC timer, a running thread
// with a boost, a ready thread, a terminated one, and a 0x4000008A bugcheck. Two processors.
#pragma once

#include "kernel_model/snapshot.h"

namespace lab {

inline constexpr km::Address kSystem = 0xffff900000001000;
inline constexpr km::Address kThreadA = 0xffff900000010040;   // owns MutexA, waits MutexB
inline constexpr km::Address kThreadB = 0xffff900000011040;   // owns MutexB, waits MutexA
inline constexpr km::Address kThreadS = 0xffff900000012040;   // waits Semaphore
inline constexpr km::Address kThreadE1 = 0xffff900000013040;  // waits Event (first)
inline constexpr km::Address kThreadE2 = 0xffff900000014040;  // waits Event (second)
inline constexpr km::Address kThreadR = 0xffff900000015040;   // running on processor 1
inline constexpr km::Address kThreadQ = 0xffff900000016040;   // ready on processor 0
inline constexpr km::Address kThreadT = 0xffff900000017040;   // terminated
inline constexpr km::Address kThreadD = 0xffff900000018040;   // delaying
inline constexpr km::Address kIdle0 = 0xfffff80000100000;
inline constexpr km::Address kIdle1 = 0xfffff80000101000;
inline constexpr km::Address kMutexA = 0xffff900000100000;
inline constexpr km::Address kMutexB = 0xffff900000100100;
inline constexpr km::Address kSemaphore = 0xffff900000100200;
inline constexpr km::Address kEvent = 0xffff900000100300;
inline constexpr km::Address kDpcTimer = 0xffff900000100400;
inline constexpr km::Address kFreeMutex = 0xffff900000100500;

km::Snapshot snapshot();

}  // namespace lab
