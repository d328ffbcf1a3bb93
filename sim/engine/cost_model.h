// The I/O cost model: what each kernel call costs in virtual time. Driver C code between calls
// takes no virtual time; these constants are the only source of CPU time and I/O latency.
//
// Calibration (README "How the cost model was chosen"): the seed's file loop — 1000 × (create,
// 100 writes of 15 bytes, close) — measured about 3.406 s of wall time, 594 ms of the thread's
// KernelTime and 4118 context switches. Per file that is 594 µs of CPU and 2.812 ms of waiting.
// A cached 15-byte write costs CPU only; create and close each wait twice for the disk (metadata
// and log), which gives 4 I/O waits and so 4 switches per file (4001 in all, −2.8%).
#pragma once

#include <array>
#include <cstdint>

namespace ksim::cost {

using Ticks100ns = std::uint64_t;  // virtual time, 100 ns units

inline constexpr Ticks100ns us(std::uint64_t microseconds) { return microseconds * 10; }

inline constexpr Ticks100ns DispatcherCall = 5;       // 0.5 µs: a Ke* routine
inline constexpr Ticks100ns ContextSwitch = us(3);
inline constexpr Ticks100ns DpcDispatch = us(1);      // the DPC interrupt, to the routine's first instruction
inline constexpr Ticks100ns ThreadStart = us(20);     // PspSystemThreadStartup to the start routine
inline constexpr Ticks100ns ThreadCreate = us(25);    // PsCreateSystemThread in the creator
inline constexpr Ticks100ns DriverLoad = us(500);     // IopLoadDriver before DriverEntry runs
inline constexpr Ticks100ns PoolCall = us(1);
inline constexpr Ticks100ns RtlCall = 2;              // 0.2 µs: string and memory helpers

inline constexpr Ticks100ns CreateFileCpu = us(150);
inline constexpr Ticks100ns OpenFileCpu = us(80);
inline constexpr Ticks100ns WriteFileCpu = us(4);
inline constexpr Ticks100ns ReadFileCpu = us(4);
inline constexpr Ticks100ns CloseFileCpu = us(44);
inline constexpr Ticks100ns SetInformationCpu = us(60);
inline constexpr Ticks100ns QueryInformationCpu = us(5);
inline constexpr Ticks100ns DiskWait = us(700);      // one synchronous disk round trip

// What a real machine varies around the nominal costs; exploration picks from these (option 0 is
// the nominal cost, so the default schedule is the calibrated one). A disk round trip varies with
// the disk. A new thread's first instruction waits for its processor to leave idle: on a VM an
// IPI through the hypervisor, from a few microseconds to a millisecond.
inline constexpr std::array<std::uint64_t, 5> DiskWaitSpreadPercent = {100, 50, 75, 125, 150};
inline constexpr std::array<Ticks100ns, 5> ThreadStartSpread = {ThreadStart, us(10), us(50), us(200), us(1000)};

inline constexpr int CreateFileDiskWaits = 2;
inline constexpr int OpenFileDiskWaits = 1;
inline constexpr int CloseFileDiskWaits = 2;
inline constexpr int RenameDiskWaits = 2;
inline constexpr int FailedOpenDiskWaits = 0;       // a name miss is answered from the cache

}  // namespace ksim::cost
