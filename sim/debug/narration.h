// `.explain on`: every dispatcher event told in one line in NT's terms, e.g.
//   FileMoveThread waits on Mutant ffffc983`f2c00580, owned by FileCreationThread; its wait block
//   goes to the tail of the mutant's wait list; the thread becomes Waiting (Executive)
// Lines are made as the event is recorded, from the live machine, so that what they say (an
// owner, a due time, the waiters ahead) is what held at that moment.
#pragma once

#include <map>
#include <string>

#include "engine/machine.h"
#include "kernel_model/trace.h"
#include "symbols.h"

namespace ksim::debug {

class Narrator {
 public:
  Narrator(Machine& machine, const Symbols& symbols) : machine_(machine), symbols_(symbols) {}

  // "[5A3C 0:15:08.398] FileCreationThread ...": the event's number (its position's sequence) and uptime.
  std::string line(std::uint64_t number, const km::TraceEvent& event);
  // What a thread is called in narration and stop banners.
  const std::string& thread(km::Address thread);

 private:
  std::string text(const km::TraceEvent& event);
  std::string object(km::Address object, km::Address for_thread);
  std::string wait_blocked(const km::TraceEvent& event);
  std::string signalled(const km::TraceEvent& event);
  const SimThread* io_owner(km::Address event) const;

  Machine& machine_;
  const Symbols& symbols_;
  std::map<km::Address, std::string> thread_names_;
};

}  // namespace ksim::debug
