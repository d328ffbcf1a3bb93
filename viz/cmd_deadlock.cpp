// !mex.deadlock, ksim's own: the wait-for graph. Each waiting thread points at the objects it waits on
// and, for an owned mutant, at the owner; a cycle through owners is a deadlock. Cycles print first, as
// `thread -> object -> owner -> ... -> thread`, then every other wait.
#include <algorithm>
#include <map>
#include <set>

#include "viz/commands.h"
#include "viz/format.h"
#include "viz/snapshot_query.h"
#include "viz/stack.h"

namespace viz {

namespace {

struct WaitEdge {
  const km::ThreadView* waiter;
  km::Address object;
  const km::ObjectView* view;   // nullptr when the object is not in the snapshot
  km::Address owner_address;    // the mutant's OwnerThread, 0 for objects without an owner
  const km::ThreadView* owner;  // that thread, when the snapshot has it
};

std::vector<WaitEdge> wait_edges(const km::Snapshot& snap) {
  std::vector<WaitEdge> edges;
  for (const km::ThreadView& thread : snap.Threads) {
    if (thread.State != km::KTHREAD_STATE::Waiting) continue;
    for (const km::WaitBlockView* block : shown_wait_blocks(thread)) {
      const km::ObjectView* object = snap.find_object(block->Object);
      const km::Address owner = object && object->Type == km::MutantObject ? object->OwnerThread : 0;
      edges.push_back({&thread, block->Object, object, owner, snap.find_thread(owner)});
    }
  }
  return edges;
}

using Cycle = std::vector<const WaitEdge*>;

// Depth-first search over owner edges; every back edge closes a cycle. Cycles are rotated to start at
// their earliest thread (snapshot order) so each is reported once, whichever thread found it.
class CycleFinder {
 public:
  CycleFinder(const km::Snapshot& snap, const std::vector<WaitEdge>& edges) : snap_(snap) {
    for (const WaitEdge& edge : edges) {
      if (edge.owner) out_[edge.waiter].push_back(&edge);
    }
    for (std::size_t i = 0; i < snap.Threads.size(); ++i) order_[&snap.Threads[i]] = i;
  }

  std::vector<Cycle> find() {
    for (const km::ThreadView& thread : snap_.Threads) {
      if (!visited_.count(&thread)) visit(&thread);
    }
    return cycles_;
  }

 private:
  void visit(const km::ThreadView* thread) {
    visited_.insert(thread);
    on_path_.insert(thread);
    for (const WaitEdge* edge : out_[thread]) {
      path_.push_back(edge);
      if (on_path_.count(edge->owner)) {
        record(edge->owner);
      } else if (!visited_.count(edge->owner)) {
        visit(edge->owner);
      }
      path_.pop_back();
    }
    on_path_.erase(thread);
  }

  void record(const km::ThreadView* start) {
    const auto first =
        std::find_if(path_.begin(), path_.end(), [start](const WaitEdge* e) { return e->waiter == start; });
    Cycle cycle(first, path_.end());
    const auto earliest = std::min_element(cycle.begin(), cycle.end(), [this](const WaitEdge* a, const WaitEdge* b) {
      return order_[a->waiter] < order_[b->waiter];
    });
    std::rotate(cycle.begin(), earliest, cycle.end());
    if (std::find(cycles_.begin(), cycles_.end(), cycle) == cycles_.end()) cycles_.push_back(cycle);
  }

  const km::Snapshot& snap_;
  std::map<const km::ThreadView*, std::vector<const WaitEdge*>> out_;
  std::map<const km::ThreadView*, std::size_t> order_;
  std::set<const km::ThreadView*> visited_;
  std::set<const km::ThreadView*> on_path_;
  std::vector<const WaitEdge*> path_;
  std::vector<Cycle> cycles_;
};

// "ffffc983f2d47040 (4.c1c TestDriver!FileCreationThread+0x164)": the thread, its CID and where it waits.
std::string thread_label(const km::ThreadView& thread) {
  const km::FrameView* frame = wait_function_frame(thread);
  return hex16(thread.Self) + " (" + mex_cid(thread) + (frame ? " " + frame_symbol(*frame) : "") + ")";
}

std::string object_label(const WaitEdge& edge) {
  return std::string(km::object_type_name(edge.view ? edge.view->Type : 0xff)) + " " + hex16(edge.object);
}

std::string cycle_text(const Cycle& cycle) {
  std::string out = "    " + thread_label(*cycle.front()->waiter);
  for (const WaitEdge* edge : cycle) out += " -> " + object_label(*edge) + " -> " + thread_label(*edge->owner);
  return out + "\n";
}

std::string wait_text(const WaitEdge& edge) {
  std::string owner = " (no owner)";
  if (edge.owner) {
    owner = " -> " + thread_label(*edge.owner);
  } else if (edge.owner_address != 0) {
    owner = " -> " + hex16(edge.owner_address);
  }
  return "    " + thread_label(*edge.waiter) + " -> " + object_label(edge) + owner + "\n";
}

}  // namespace

std::string cmd_mex_deadlock(const km::Snapshot& snap, const CommandLine&, DebuggerContext&) {
  const std::vector<WaitEdge> edges = wait_edges(snap);
  const std::vector<Cycle> cycles = CycleFinder(snap, edges).find();

  std::string out;
  std::set<const WaitEdge*> in_cycle;
  if (cycles.empty()) {
    out += "No deadlock\n";
  } else {
    out += "Deadlock: " + dec(static_cast<km::LONG64>(cycles.size())) + (cycles.size() == 1 ? " cycle\n" : " cycles\n");
    for (std::size_t i = 0; i < cycles.size(); ++i) {
      out += "\nCycle " + dec(static_cast<km::LONG64>(i + 1)) + ":\n" + cycle_text(cycles[i]);
      in_cycle.insert(cycles[i].begin(), cycles[i].end());
    }
  }
  std::string others;
  for (const WaitEdge& edge : edges) {
    if (!in_cycle.count(&edge)) others += wait_text(edge);
  }
  if (!others.empty()) out += std::string(cycles.empty() ? "\nWaits:\n" : "\nOther waits:\n") + others;
  return out;
}

}  // namespace viz
