#include "viz/thread_table.h"

#include "viz/format.h"
#include "viz/snapshot_query.h"
#include "viz/stack.h"

namespace viz {

namespace {

Column column_of(ThreadField field) {
  switch (field) {
    case ThreadField::Process:
      return {"Process"};
    case ThreadField::Pid:
      return {"PID", Align::Right};
    case ThreadField::Thread:
      return {"Thread"};
    case ThreadField::Id:
      return {"Id", Align::Right};
    case ThreadField::Priority:
      return {"Pri", Align::Right};
    case ThreadField::BasePriority:
      return {"Base Pri", Align::Right};
    case ThreadField::NextCpu:
      return {"Next CPU", Align::Right};
    case ThreadField::CSwitches:
      return {"CSwitches", Align::Right};
    case ThreadField::User:
      return {"User", Align::Right};
    case ThreadField::Kernel:
      return {"Kernel", Align::Right};
    case ThreadField::State:
      return {"State"};
    case ThreadField::Time:
      return {"Time", Align::Right};
    case ThreadField::Reason:
      return {"Reason"};
    case ThreadField::WaitFunction:
      return {"Wait Function"};
  }
  return {};
}

std::string cell_of(const km::Snapshot& snap, const km::ThreadView& t, ThreadField field) {
  switch (field) {
    case ThreadField::Process:
      return image_name(snap, t);
    case ThreadField::Pid:
      return hex(t.UniqueProcess);
    case ThreadField::Thread:
      return hex16(t.Self);
    case ThreadField::Id:
      return hex(t.UniqueThread);
    case ThreadField::Priority:
      return dec(t.Priority);
    case ThreadField::BasePriority:
      return dec(t.BasePriority);
    case ThreadField::NextCpu:
      return dec(t.NextProcessor);
    case ThreadField::CSwitches:
      return dec(t.ContextSwitches);
    case ThreadField::User:
      return mex_cpu_time(snap, t.UserTime);
    case ThreadField::Kernel:
      return mex_cpu_time(snap, t.KernelTime);
    case ThreadField::State:
      return mex_state(snap, t, false);
    case ThreadField::Time:
      return mex_wait_time(snap, t);
    case ThreadField::Reason:
      return std::string(km::to_string(t.WaitReason));
    case ThreadField::WaitFunction: {
      const km::FrameView* frame = wait_function_frame(t);
      return frame ? frame_symbol(*frame) : std::string();
    }
  }
  return {};
}

}  // namespace

MexTable thread_table(const km::Snapshot& snap, const std::vector<const km::ThreadView*>& threads,
                      const std::vector<ThreadField>& fields) {
  std::vector<Column> columns;
  for (const ThreadField field : fields) columns.push_back(column_of(field));
  MexTable table(std::move(columns));
  for (const km::ThreadView* thread : threads) {
    std::vector<std::string> row;
    for (const ThreadField field : fields) row.push_back(cell_of(snap, *thread, field));
    table.add_row(std::move(row));
  }
  return table;
}

}  // namespace viz
