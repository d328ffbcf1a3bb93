// Turning the names callers pass into component lists on volume C:, and NTFS-style case folding.
//
// ZwCreateFile hands the object manager a path such as \DosDevices\C:\Temp\x.txt. The object
// manager resolves \DosDevices (a link to \??), then C: (a link to the volume device), and gives
// the remainder \Temp\x.txt to the file system. Only that chain is modelled; \GLOBAL??\C: and
// \Device\HarddiskVolume3 reach the same volume.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "volume/nt_status_codes.h"

namespace ksim::volume {

// Upper-cases one UTF-16 unit the way NTFS's $UpCase table does for ASCII, Latin-1, Greek and
// Cyrillic; other units compare as they are.
char16_t upcase(char16_t c);
// Writes the upper-cased name into key, reusing its storage.
void upcase(std::u16string_view name, std::u16string& key);

// True if name is a legal NTFS file name: 1..255 units, not "." or "..", no control
// characters and none of  " * / : < > ? \ |  (':' would name a stream, which is not modelled).
bool is_valid_file_name(std::u16string_view name);

// A path on volume C:. The components view the caller's string and keep its case.
struct VolumePath {
  std::vector<std::u16string_view> components;  // empty for the root directory
  bool names_volume = false;                    // "\??\C:" alone: the volume device, not its root
  bool trailing_separator = false;              // "\Temp\": the caller insists on a directory
};

// Resolves an object-manager path. Fails as the object manager or NTFS would:
// empty → OBJECT_NAME_INVALID, no leading '\' → OBJECT_PATH_SYNTAX_BAD, an unknown object name
// → OBJECT_NAME_NOT_FOUND (last component) or OBJECT_PATH_NOT_FOUND, an object directory itself
// → OBJECT_TYPE_MISMATCH, a bad file name or an empty component → OBJECT_NAME_INVALID.
// Reuses out's storage.
NTSTATUS parse_nt_path(std::u16string_view path, VolumePath& out);

// Resolves a Win32-style "C:\Temp\x" (or "C:"), the form the Volume constructor and the
// inspection helpers take. Fails with OBJECT_PATH_SYNTAX_BAD on anything not under C:.
NTSTATUS parse_dos_path(std::u16string_view path, VolumePath& out);

}  // namespace ksim::volume
