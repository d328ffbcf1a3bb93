#include "naming.h"

#include <array>
#include <cstdio>
#include <utility>

#include "engine/driver_image.h"
#include "volume/nt_status_codes.h"

namespace ksim::explore {

std::string thread_name(Machine& machine, const km::KTHREAD& thread) {
  for (const auto& sim : machine.threads()) {
    if (sim->kthread != &thread) continue;
    if (sim->origin == ThreadOrigin::Worker) return "the System worker (DriverEntry)";
    break;
  }
  const std::uint64_t base = machine.profile().driver_base;
  if (DriverImage* driver = machine.driver(); driver && thread.StartAddress >= base) {
    if (std::string name = driver->function_name(thread.StartAddress - base); !name.empty()) return name;
  }
  char text[32];
  std::snprintf(text, sizeof text, "thread 0x%llx", static_cast<unsigned long long>(thread.UniqueThread));
  return text;
}

std::string address_text(km::Address address) {
  char text[20];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(address));
  return text;
}

std::string status_name(std::int32_t status) {
  using namespace volume;
  static constexpr std::array<std::pair<NTSTATUS, const char*>, 8> names = {{
      {STATUS_SUCCESS, "STATUS_SUCCESS"},
      {STATUS_OBJECT_NAME_NOT_FOUND, "STATUS_OBJECT_NAME_NOT_FOUND"},
      {STATUS_OBJECT_NAME_COLLISION, "STATUS_OBJECT_NAME_COLLISION"},
      {STATUS_OBJECT_PATH_NOT_FOUND, "STATUS_OBJECT_PATH_NOT_FOUND"},
      {STATUS_SHARING_VIOLATION, "STATUS_SHARING_VIOLATION"},
      {STATUS_ACCESS_DENIED, "STATUS_ACCESS_DENIED"},
      {STATUS_DELETE_PENDING, "STATUS_DELETE_PENDING"},
      {STATUS_INVALID_HANDLE, "STATUS_INVALID_HANDLE"},
  }};
  for (const auto& [value, name] : names) {
    if (value == status) return name;
  }
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", static_cast<unsigned>(status));
  return text;
}

std::string since_load(std::uint64_t interrupt_time, std::uint64_t load_time) {
  const std::uint64_t ticks = interrupt_time > load_time ? interrupt_time - load_time : 0;  // 100 ns
  char text[32];
  std::snprintf(text, sizeof text, "+%llu.%04llu ms", static_cast<unsigned long long>(ticks / 10000),
                static_cast<unsigned long long>(ticks % 10000));
  return text;
}

std::string narrow(std::u16string_view text) {
  // Volume paths here are the drivers' own ASCII names; anything else shows as '?'.
  std::string out;
  out.reserve(text.size());
  for (char16_t c : text) out.push_back(c < 0x80 ? static_cast<char>(c) : '?');
  return out;
}

std::string display_path(std::u16string_view nt_path) {
  const auto drive = nt_path.find(u"C:");
  return narrow(drive == std::u16string_view::npos ? nt_path : nt_path.substr(drive));
}

const char* verb(FileOperation::Kind kind) {
  switch (kind) {
    case FileOperation::Kind::Create: return "created";
    case FileOperation::Kind::Open: return "opened";
    case FileOperation::Kind::Write: return "wrote to";
    case FileOperation::Kind::Read: return "read";
    case FileOperation::Kind::Rename: return "renamed";
    case FileOperation::Kind::Close: return "closed";
  }
  return "";
}

}  // namespace ksim::explore
