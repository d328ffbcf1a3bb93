// all-moved (property.h): at the end every C:\Temp\file_i.txt was moved to C:\Temp2\NewFile_i.txt
// with all its bytes. A violation tells what happened to the first file that was not, and why
// nothing in the driver prevented it.
#include <algorithm>
#include <cctype>

#include "naming.h"
#include "property.h"
#include "volume/volume.h"

namespace ksim::explore {

namespace {

constexpr std::int64_t BytesPerWrite = 15;  // "Hello, World!\r\n"

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::u16string widen(const std::string& text) { return std::u16string(text.begin(), text.end()); }

class AllMoved final : public Property {
 public:
  AllMoved(const PropertyContext& context, std::int64_t files, std::int64_t writes)
      : load_time_(context.load_time), files_(files), bytes_(writes * BytesPerWrite) {}

  void on_trace(const km::TraceEvent& event) override {
    if (event.Kind != km::TraceKind::MutantAcquired) return;
    const auto seen = [&](const Acquisition& a) { return a.mutant == event.Object && a.thread == event.Thread; };
    if (std::none_of(acquisitions_.begin(), acquisitions_.end(), seen))
      acquisitions_.push_back({event.Object, event.Thread, event.Time});
  }

  std::optional<Violation> after_file_operation(Machine& machine, const FileOperation& op) override {
    if (op.kind == FileOperation::Kind::Write || op.kind == FileOperation::Kind::Read) return std::nullopt;
    const bool opens = op.kind == FileOperation::Kind::Create || op.kind == FileOperation::Kind::Open;
    if (opens && op.status >= 0) paths_[op.handle] = display_path(op.path);
    const auto known = paths_.find(op.handle);
    const std::string path = opens ? display_path(op.path) : known == paths_.end() ? "" : known->second;
    history_[upper(path)].push_back({machine.model().InterruptTime(), &machine.current_kthread(), op.kind, op.status});
    return std::nullopt;
  }

  std::optional<Violation> at_end(Machine& machine) override {
    std::vector<std::int64_t> missing;
    for (std::int64_t i = 0; i < files_; ++i) {
      const auto moved = machine.volume().contents(widen(target(i)));
      if (machine.volume().exists(widen(source(i))) || !moved || static_cast<std::int64_t>(moved->size()) != bytes_)
        missing.push_back(i);
    }
    if (missing.empty()) return std::nullopt;
    std::string names;
    for (std::size_t k = 0; k < missing.size() && k < 4; ++k) names += (k ? ", file_" : "file_") + std::to_string(missing[k]) + ".txt";
    if (missing.size() > 4) names += ", ...";
    Violation v{"all-moved",
                std::to_string(missing.size()) + " of " + std::to_string(files_) + " files did not end up in C:\\Temp2 with their " +
                    std::to_string(bytes_) + " bytes: " + names,
                {}};
    explain(machine, missing.front(), v.details);
    return v;
  }

 private:
  struct Step {
    std::uint64_t time;
    const km::KTHREAD* thread;
    FileOperation::Kind kind;
    std::int32_t status;
  };
  struct Acquisition {
    km::Address mutant;
    km::Address thread;
    std::uint64_t time;
  };

  static std::string source(std::int64_t i) { return "C:\\Temp\\file_" + std::to_string(i) + ".txt"; }
  static std::string target(std::int64_t i) { return "C:\\Temp2\\NewFile_" + std::to_string(i) + ".txt"; }

  std::string state_of(Machine& machine, const std::string& path) const {
    const auto data = machine.volume().contents(widen(path));
    return data ? path + " holds " + std::to_string(data->size()) + " bytes" : path + " does not exist";
  }

  void explain(Machine& machine, std::int64_t i, std::vector<std::string>& out) const {
    out.push_back(state_of(machine, source(i)) + "; " + state_of(machine, target(i)) + ". What happened to it:");
    const auto found = history_.find(upper(source(i)));
    const std::vector<Step> steps = found == history_.end() ? std::vector<Step>{} : found->second;
    for (const Step& s : steps) {
      std::string name = thread_name(machine, *s.thread);
      name.resize(std::max<std::size_t>(name.size(), 20), ' ');
      std::string action = verb(s.kind);
      action.resize(std::max<std::size_t>(action.size(), 9), ' ');
      out.push_back("  " + since_load(s.time, load_time_) + "  " + name + action + status_name(s.status));
    }
    if (!lesson_of_mutex(machine, out)) lesson_of_race(machine, steps, out);
  }

  // A mutant two threads took: it kept them apart, but the order was the schedule's.
  bool lesson_of_mutex(Machine& machine, std::vector<std::string>& out) const {
    for (const Acquisition& first : acquisitions_) {
      const auto later = std::find_if(acquisitions_.begin(), acquisitions_.end(), [&](const Acquisition& a) {
        return a.mutant == first.mutant && a.thread != first.thread;
      });
      if (later == acquisitions_.end()) continue;
      const std::string winner = thread_name(machine, *machine.model().thread_at(first.thread));
      const std::string loser = thread_name(machine, *machine.model().thread_at(later->thread));
      out.push_back(winner + " acquired the mutex at " + address_text(first.mutant) + " first, at " +
                    since_load(first.time, load_time_) + "; " + loser + " acquired it only after " + winner +
                    " released it, at " + since_load(later->time, load_time_) + ".");
      out.push_back("The mutex excludes, it does not order: it kept the two loops from running at the same time, "
                    "but nothing made " + loser + " take it first. To order them, " + winner +
                    " must wait for an event that " + loser + " sets when it is done.");
      return true;
    }
    return false;
  }

  // No mutex: the loops ran at once, and one gave up on the file while the other was not done.
  void lesson_of_race(Machine& machine, const std::vector<Step>& steps, std::vector<std::string>& out) const {
    const auto creation = std::find_if(steps.begin(), steps.end(), [](const Step& s) { return s.kind == FileOperation::Kind::Create; });
    const auto gave_up = std::find_if(steps.begin(), steps.end(), [&](const Step& s) {
      return s.status < 0 && creation != steps.end() && s.thread != creation->thread;
    });
    if (gave_up == steps.end()) return;
    out.push_back(thread_name(machine, *gave_up->thread) + " gave up on the file (" + status_name(gave_up->status) +
                  ") before " + thread_name(machine, *creation->thread) +
                  " was done with it: nothing orders or separates the two loops.");
  }

  std::uint64_t load_time_;
  std::int64_t files_;
  std::int64_t bytes_;
  std::map<std::uint64_t, std::string> paths_;       // by kernel handle: the file it was opened on
  std::map<std::string, std::vector<Step>> history_;  // by upper-cased path
  std::vector<Acquisition> acquisitions_;             // each thread's first acquisition of each mutant
};

}  // namespace

std::unique_ptr<Property> make_all_moved(const PropertyContext& context, std::int64_t files, std::int64_t writes) {
  return std::make_unique<AllMoved>(context, files, writes);
}

}  // namespace ksim::explore
