// How exploration's reports name what they talk about: a thread by its driver start routine, a
// status by its ntstatus.h name, a time relative to the driver's load, a volume path in UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/machine.h"

namespace ksim::explore {

// "FileCreationThread", "the System worker (DriverEntry)", or "thread 0x1234".
std::string thread_name(Machine& machine, const km::KTHREAD& thread);
// "ffffc983f2c00580": a simulated address as the debugger's views print it.
std::string address_text(km::Address address);
// "STATUS_SHARING_VIOLATION", or the value in hex for a status the volume does not return.
std::string status_name(std::int32_t status);
// "+1.925 ms": virtual time since the driver was loaded.
std::string since_load(std::uint64_t interrupt_time, std::uint64_t load_time);
std::string narrow(std::u16string_view text);
// "C:\Temp\file_0.txt" for "\DosDevices\C:\Temp\file_0.txt" and the other spellings of a path on C:.
std::string display_path(std::u16string_view nt_path);
// "created", "opened", "wrote to", ...
const char* verb(FileOperation::Kind kind);

}  // namespace ksim::explore
