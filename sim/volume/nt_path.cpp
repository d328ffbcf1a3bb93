#include "volume/nt_path.h"

#include <array>

namespace ksim::volume {
namespace {

constexpr char16_t kSeparator = u'\\';
constexpr std::size_t kMaxNameLength = 255;
constexpr std::u16string_view kInvalidNameCharacters = u"\"*/:<>?\\|";

bool iequals(std::u16string_view a, std::u16string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (upcase(a[i]) != upcase(b[i])) return false;
  }
  return true;
}

bool starts_with_i(std::u16string_view s, std::u16string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// Object-manager names that lead to volume C:.
constexpr std::array<std::u16string_view, 4> kVolumeLinks = {u"\\??\\C:", u"\\DosDevices\\C:", u"\\GLOBAL??\\C:",
                                                             u"\\Device\\HarddiskVolume3"};

// Object directories a path may pass through; naming one of them opens a directory object,
// which is not a file.
constexpr std::array<std::u16string_view, 4> kObjectDirectories = {u"\\??", u"\\DosDevices", u"\\GLOBAL??",
                                                                   u"\\Device"};

// Classifies an object-manager path that does not reach the volume.
NTSTATUS object_lookup_failure(std::u16string_view path) {
  std::u16string_view rest = path.substr(1);
  if (rest.empty()) return STATUS_OBJECT_TYPE_MISMATCH;
  for (std::u16string_view dir : kObjectDirectories) {
    if (!starts_with_i(path, dir)) continue;
    if (path.size() == dir.size() || (path.size() == dir.size() + 1 && path.back() == kSeparator)) {
      return STATUS_OBJECT_TYPE_MISMATCH;
    }
    if (path[dir.size()] == kSeparator) {
      rest = path.substr(dir.size() + 1);
      break;
    }
  }
  // The first name in rest was not found; it was the last name only if nothing follows it.
  return rest.find(kSeparator) == std::u16string_view::npos ? STATUS_OBJECT_NAME_NOT_FOUND
                                                            : STATUS_OBJECT_PATH_NOT_FOUND;
}

// Splits the part after the volume ("", "\", "\Temp", "\Temp\x.txt\") into out.
NTSTATUS split_volume_relative(std::u16string_view rest, VolumePath& out) {
  out.components.clear();
  out.names_volume = rest.empty();
  out.trailing_separator = false;
  if (rest.empty()) return STATUS_SUCCESS;
  if (rest.front() != kSeparator) return STATUS_OBJECT_NAME_INVALID;
  rest.remove_prefix(1);
  if (rest.empty()) {
    out.trailing_separator = true;
    return STATUS_SUCCESS;
  }
  if (rest.back() == kSeparator) {
    out.trailing_separator = true;
    rest.remove_suffix(1);
  }
  for (;;) {
    const std::size_t end = rest.find(kSeparator);
    const std::u16string_view name = rest.substr(0, end);
    if (!is_valid_file_name(name)) return STATUS_OBJECT_NAME_INVALID;
    out.components.push_back(name);
    if (end == std::u16string_view::npos) return STATUS_SUCCESS;
    rest.remove_prefix(end + 1);
  }
}

}  // namespace

char16_t upcase(char16_t c) {
  if (c < 0x80) return (c >= u'a' && c <= u'z') ? static_cast<char16_t>(c - 0x20) : c;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7) || (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) || (c >= 0x430 && c <= 0x44F)) {
    return static_cast<char16_t>(c - 0x20);
  }
  if (c >= 0x450 && c <= 0x45F) return static_cast<char16_t>(c - 0x50);
  if (c == 0xFF) return 0x178;
  if (c == 0x3C2) return 0x3A3;  // final sigma folds with sigma
  return c;
}

void upcase(std::u16string_view name, std::u16string& key) {
  key.resize(name.size());
  for (std::size_t i = 0; i < name.size(); ++i) key[i] = upcase(name[i]);
}

bool is_valid_file_name(std::u16string_view name) {
  if (name.empty() || name.size() > kMaxNameLength || name == u"." || name == u"..") return false;
  for (char16_t c : name) {
    if (c < 0x20 || kInvalidNameCharacters.find(c) != std::u16string_view::npos) return false;
  }
  return true;
}

NTSTATUS parse_nt_path(std::u16string_view path, VolumePath& out) {
  if (path.empty()) return STATUS_OBJECT_NAME_INVALID;
  if (path.front() != kSeparator) return STATUS_OBJECT_PATH_SYNTAX_BAD;
  for (std::u16string_view link : kVolumeLinks) {
    if (starts_with_i(path, link) && (path.size() == link.size() || path[link.size()] == kSeparator)) {
      return split_volume_relative(path.substr(link.size()), out);
    }
  }
  return object_lookup_failure(path);
}

NTSTATUS parse_dos_path(std::u16string_view path, VolumePath& out) {
  if (!starts_with_i(path, u"C:")) return STATUS_OBJECT_PATH_SYNTAX_BAD;
  const NTSTATUS status = split_volume_relative(path.substr(2), out);
  out.names_volume = false;  // "C:" on its own means the root here
  return status;
}

}  // namespace ksim::volume
