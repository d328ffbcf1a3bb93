// Shorthands shared by the volume tests.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "volume/volume.h"

namespace ksim::volume::test {

inline constexpr std::uint32_t kShareAll = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
inline constexpr std::uint32_t kSync = FILE_SYNCHRONOUS_IO_NONALERT;

// "\DosDevices\C:\Temp\<name>", the form the seed drivers use.
inline std::u16string temp_path(std::u16string_view name) { return u"\\DosDevices\\C:\\Temp\\" + std::u16string(name); }

// A volume with the seed drivers' two directories.
inline Volume seed_volume() { return Volume({u"C:\\Temp", u"C:\\Temp2"}); }

// Creates (or overwrites) a file holding text and closes it.
inline void make_file(Volume& volume, std::u16string_view nt_path, std::string_view text) {
  const CreateResult created =
      volume.create(nt_path, GENERIC_WRITE, 0, FILE_OVERWRITE_IF, kSync, FILE_ATTRIBUTE_NORMAL);
  if (!nt_success(created.status)) throw std::runtime_error("make_file: create failed");
  if (volume.write(created.id, std::nullopt, text).status != STATUS_SUCCESS)
    throw std::runtime_error("make_file: write failed");
  volume.close(created.id);
}

}  // namespace ksim::volume::test
