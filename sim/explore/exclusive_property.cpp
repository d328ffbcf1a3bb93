// exclusive (property.h): threads never meet on a file one of them is writing, and no file call
// runs while another thread owns a mutant.
#include <algorithm>

#include "naming.h"
#include "property.h"
#include "volume/volume.h"

namespace ksim::explore {

namespace {

class Exclusive final : public Property {
 public:
  explicit Exclusive(const PropertyContext& context) : load_time_(context.load_time) {}

  void on_trace(const km::TraceEvent& event) override {
    if (event.Kind == km::TraceKind::MutantAcquired && std::find(mutants_.begin(), mutants_.end(), event.Object) == mutants_.end())
      mutants_.push_back(event.Object);
  }

  std::optional<Violation> after_file_operation(Machine& machine, const FileOperation& op) override {
    const km::KTHREAD& self = machine.current_kthread();
    const std::uint64_t now = machine.model().InterruptTime();
    const bool opens = op.kind == FileOperation::Kind::Create || op.kind == FileOperation::Kind::Open;
    if (opens && op.status >= 0) {
      const auto entry = machine.handles().lookup(op.handle);
      openers_[static_cast<volume::FileHandleId>(entry->object)] = {&self, now};
      paths_[op.handle] = op.path;
    }
    const std::u16string path = opens ? std::u16string(op.path) : path_of(machine, op);
    const std::string what = thread_name(machine, self) + " " + verb(op.kind) + " " + display_path(path) + " (" +
                             status_name(op.status) + ") at " + since_load(now, load_time_);
    for (km::Address address : mutants_) {
      const km::DISPATCHER_HEADER* object = machine.model().object_at(address);
      if (!object || object->Type != km::MutantObject) continue;
      const km::KTHREAD* owner = reinterpret_cast<const km::KMUTANT*>(object)->OwnerThread;
      if (owner && owner != &self) {
        return Violation{"exclusive", what + " while " + thread_name(machine, *owner) + " owned the mutant at " + address_text(address), {}};
      }
    }
    if (!opens && op.kind != FileOperation::Kind::Rename) return std::nullopt;
    for (volume::FileHandleId writer : machine.volume().writers(path)) {
      const auto opener = openers_.find(writer);
      if (opener == openers_.end() || opener->second.thread == &self) continue;
      const std::string other = thread_name(machine, *opener->second.thread);
      return Violation{"exclusive", what + " while " + other + " had it open for writing",
                       {other + " opened it for writing at " + since_load(opener->second.time, load_time_) + "."}};
    }
    return std::nullopt;
  }

 private:
  struct Opener {
    const km::KTHREAD* thread;
    std::uint64_t time;
  };

  // The file a handle operation acted on: where a rename left it, else the name it was opened by.
  std::u16string path_of(Machine& machine, const FileOperation& op) const {
    if (op.kind == FileOperation::Kind::Rename) {
      if (const auto entry = machine.handles().lookup(op.handle)) {
        const auto name = machine.volume().query_name(static_cast<volume::FileHandleId>(entry->object));
        if (name.status >= 0) return u"C:" + name.info;
      }
    }
    const auto known = paths_.find(op.handle);
    return known == paths_.end() ? u"a file" : known->second;
  }

  std::uint64_t load_time_;
  std::vector<km::Address> mutants_;  // every mutant acquired in this run
  std::map<volume::FileHandleId, Opener> openers_;
  std::map<std::uint64_t, std::u16string> paths_;  // by kernel handle: the name it was opened by
};

}  // namespace

std::unique_ptr<Property> make_exclusive(const PropertyContext& context) { return std::make_unique<Exclusive>(context); }

}  // namespace ksim::explore
