// MEX's thread listings (!mex.obj -waiters, !mex.lt, !mex.running) are one table with different column
// choices; each column's header, alignment and cell come from here.
#pragma once

#include <vector>

#include "kernel_model/snapshot.h"
#include "viz/mex_table.h"

namespace viz {

enum class ThreadField {
  Process,  // image name
  Pid,      // hex, no prefix
  Thread,   // address
  Id,       // thread id, hex
  Priority,
  BasePriority,
  NextCpu,
  CSwitches,
  User,          // UserTime, rounded ms
  Kernel,        // KernelTime, rounded ms
  State,         // short form: "Waiting", "Running"
  Time,          // since the last wait began, truncated ms
  Reason,        // wait reason
  WaitFunction,  // the first frame below the wait plumbing
};

MexTable thread_table(const km::Snapshot& snap, const std::vector<const km::ThreadView*>& threads,
                      const std::vector<ThreadField>& fields);

}  // namespace viz
