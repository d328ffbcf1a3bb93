#include "snapshot.h"

#include <algorithm>

namespace km {

namespace {
template <typename T, typename Pred>
const T* find_if_ptr(const std::vector<T>& items, Pred pred) {
  const auto it = std::find_if(items.begin(), items.end(), pred);
  return it == items.end() ? nullptr : &*it;
}
}  // namespace

const ThreadView* Snapshot::find_thread(Address a) const {
  return find_if_ptr(Threads, [a](const ThreadView& t) { return t.Self == a; });
}

const ObjectView* Snapshot::find_object(Address a) const {
  return find_if_ptr(Objects, [a](const ObjectView& o) { return o.Self == a; });
}

const ProcessView* Snapshot::find_process(Address a) const {
  return find_if_ptr(Processes, [a](const ProcessView& p) { return p.Self == a; });
}

const ModuleView* Snapshot::find_module(const std::string& name) const {
  return find_if_ptr(Modules, [&name](const ModuleView& m) { return m.Name == name; });
}

}  // namespace km
