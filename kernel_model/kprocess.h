// _KPROCESS/_EPROCESS: what the dispatcher needs (base priority, quantum) and what a dump's
// process views show.
#pragma once

#include <string>
#include <vector>

#include "dispatcher_header.h"

namespace km {

struct KTHREAD;

struct KPROCESS {
  DISPATCHER_HEADER Header;  // Type 3
  KPRIORITY BasePriority = 8;
  UCHAR QuantumReset = 6;    // client: 2 clock ticks of 3 units
  ULONG64 UniqueProcessId = 0;
  ULONG64 InheritedFromUniqueProcessId = 0;
  std::string ImageFileName;
  LONG64 CreateTime = 0;
  std::vector<KTHREAD*> Threads;  // creation order
  // Where the next thread starts: the process's thread count, modulo the processors (NT keeps a
  // seed per node for this). A lean machine advances it for threads it does not build.
  ULONG ThreadSeed = 0;
};

}  // namespace km
