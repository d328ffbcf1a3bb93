// The I/O manager's part of loading a driver: the DRIVER_OBJECT and registry path DriverEntry
// receives. Returns the call the loading worker thread makes (on its own fiber).
#pragma once

#include <cstdint>
#include <functional>

namespace ksim {
class DriverImage;
}

namespace ksim::ddi {

std::function<std::int32_t()> driver_entry_call(DriverImage& image);

}  // namespace ksim::ddi
