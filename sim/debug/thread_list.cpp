#include "thread_list.h"

#include "engine/duration.h"
#include "viz/format.h"
#include "viz/mex_table.h"
#include "viz/snapshot_query.h"
#include "viz/stack.h"

namespace ksim::debug {

namespace {

bool started_by_driver(const km::Snapshot& snap, const km::ThreadView& thread, const Symbols& symbols) {
  const km::ModuleView* driver = snap.find_module(symbols.module());
  return driver && thread.StartAddress >= driver->Base && thread.StartAddress < driver->Base + driver->Size;
}

bool in_driver_code(const km::ThreadView& thread, const Symbols& symbols) {
  for (const km::FrameView& frame : thread.Stack) {
    if (frame.Module == symbols.module()) return true;
  }
  return false;
}

// "waits on Mutant ffffc983`f2c00580 (owner FileCreationThread)", "sleeps until uptime 0:45:08.398",
// "owns Mutant ffffc983`f2c00580".
std::string situation(const km::Snapshot& snap, const Symbols& symbols, const km::ThreadView& t) {
  std::vector<std::string> parts;
  if (t.State == km::KTHREAD_STATE::Waiting) {
    for (const km::WaitBlockView* block : viz::shown_wait_blocks(t)) {
      const km::ObjectView* object = snap.find_object(block->Object);
      std::string part = "waits on " + std::string(km::object_type_name(object ? object->Type : 0xff)) + " " +
                         viz::backtick(block->Object);
      if (object && object->Type == km::MutantObject && object->OwnerThread) {
        const km::ThreadView* owner = snap.find_thread(object->OwnerThread);
        part += " (owner " + (owner ? symbols.thread_name(snap, *owner) : viz::backtick(object->OwnerThread)) + ")";
      }
      parts.push_back(std::move(part));
    }
    const km::ObjectView* timer = snap.find_object(t.Self + viz::kThreadTimerOffset);
    if (t.WaitReason == km::KWAIT_REASON::DelayExecution && timer && timer->Inserted) {
      parts.push_back("sleeps until uptime " + format_uptime(timer->DueTime));
    }
  }
  for (km::Address mutant : t.OwnedMutants) parts.push_back("owns Mutant " + viz::backtick(mutant));
  std::string text;
  for (const std::string& part : parts) text += (text.empty() ? "" : "; ") + part;
  return text;
}

}  // namespace

std::vector<const km::ThreadView*> numbered_threads(const km::Snapshot& snap, const Symbols& symbols) {
  const km::ProcessView* system = viz::context_process(snap);
  if (!system) return {};
  std::vector<const km::ThreadView*> numbered;
  const auto threads = viz::threads_of(snap, *system);
  for (const km::ThreadView* t : threads) {
    if (started_by_driver(snap, *t, symbols)) numbered.push_back(t);
  }
  for (const km::ThreadView* t : threads) {
    if (!started_by_driver(snap, *t, symbols)) numbered.push_back(t);
  }
  return numbered;
}

std::string list_threads(const km::Snapshot& snap, const Symbols& symbols, km::Address current,
                         km::Address event_thread, bool all) {
  viz::MexTable table({{""}, {"", viz::Align::Right, false, 2}, {""}, {""}, {""}, {""}, {"", viz::Align::Right}, {""}, {""}},
                      {"", false, false});
  const auto numbered = numbered_threads(snap, symbols);
  std::size_t rest = 0;
  for (std::size_t n = 0; n < numbered.size(); ++n) {
    const km::ThreadView& t = *numbered[n];
    if (!all && !started_by_driver(snap, t, symbols) && !in_driver_code(t, symbols)) {
      ++rest;
      continue;
    }
    const bool waiting = t.State == km::KTHREAD_STATE::Waiting;
    const std::string start = symbols.driver_function(t.StartAddress);
    std::vector<std::string> row = {t.Self == current ? "." : t.Self == event_thread ? "#" : " ", std::to_string(n),
                                    viz::backtick(t.Self), viz::mex_cid(t), viz::mex_state(snap, t, true),
                                    waiting ? std::string(km::to_string(t.WaitReason)) : "",
                                    waiting ? viz::mex_wait_time(snap, t) : "",
                                    start.empty() ? "" : symbols.module() + "!" + start, situation(snap, symbols, t)};
    while (row.back().empty()) row.pop_back();  // no trailing padding
    table.add_row(std::move(row));
  }
  std::string out = table.render();
  if (rest > 0) out += std::to_string(rest) + " other threads in System (~* lists every thread)\n";
  return out;
}

std::string stack_text(const km::ThreadView& thread) {
  std::string out = " # Child-SP          RetAddr               Call Site\n";
  for (std::size_t i = 0; i < thread.Stack.size(); ++i) {
    const km::FrameView& frame = thread.Stack[i];
    out += viz::hex_padded(i, 2) + " " + viz::backtick(frame.ChildSp) + " " +
           viz::backtick(viz::return_address(thread.Stack, i)) + "     " + viz::frame_symbol(frame);
    if (!frame.SourceFile.empty()) out += " [" + viz::frame_source(frame) + "]";
    out += "\n";
  }
  return out;
}

}  // namespace ksim::debug
