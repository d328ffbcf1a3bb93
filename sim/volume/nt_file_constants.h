// The numeric file-API constants of the WDK (access rights, dispositions, create options,
// IO_STATUS_BLOCK.Information values, attributes), spelled as in wdm.h so callers translating a
// Zw* call need no table. They live in ksim::volume, so a translation unit that also includes
// WDK-style headers defining these names as macros must include this one first or not at all.
#pragma once

#include <cstdint>

namespace ksim::volume {

// Access rights (ACCESS_MASK bits).
inline constexpr std::uint32_t FILE_READ_DATA = 0x0001;
inline constexpr std::uint32_t FILE_LIST_DIRECTORY = 0x0001;
inline constexpr std::uint32_t FILE_WRITE_DATA = 0x0002;
inline constexpr std::uint32_t FILE_ADD_FILE = 0x0002;
inline constexpr std::uint32_t FILE_APPEND_DATA = 0x0004;
inline constexpr std::uint32_t FILE_ADD_SUBDIRECTORY = 0x0004;
inline constexpr std::uint32_t FILE_READ_EA = 0x0008;
inline constexpr std::uint32_t FILE_WRITE_EA = 0x0010;
inline constexpr std::uint32_t FILE_EXECUTE = 0x0020;
inline constexpr std::uint32_t FILE_TRAVERSE = 0x0020;
inline constexpr std::uint32_t FILE_DELETE_CHILD = 0x0040;
inline constexpr std::uint32_t FILE_READ_ATTRIBUTES = 0x0080;
inline constexpr std::uint32_t FILE_WRITE_ATTRIBUTES = 0x0100;
inline constexpr std::uint32_t DELETE = 0x00010000;
inline constexpr std::uint32_t READ_CONTROL = 0x00020000;
inline constexpr std::uint32_t WRITE_DAC = 0x00040000;
inline constexpr std::uint32_t WRITE_OWNER = 0x00080000;
inline constexpr std::uint32_t SYNCHRONIZE = 0x00100000;
inline constexpr std::uint32_t STANDARD_RIGHTS_REQUIRED = 0x000F0000;
inline constexpr std::uint32_t MAXIMUM_ALLOWED = 0x02000000;
inline constexpr std::uint32_t GENERIC_ALL = 0x10000000;
inline constexpr std::uint32_t GENERIC_EXECUTE = 0x20000000;
inline constexpr std::uint32_t GENERIC_WRITE = 0x40000000;
inline constexpr std::uint32_t GENERIC_READ = 0x80000000;

inline constexpr std::uint32_t FILE_ALL_ACCESS = STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x1FF;
inline constexpr std::uint32_t FILE_GENERIC_READ =
    READ_CONTROL | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE;
inline constexpr std::uint32_t FILE_GENERIC_WRITE =
    READ_CONTROL | FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA | FILE_APPEND_DATA | SYNCHRONIZE;
inline constexpr std::uint32_t FILE_GENERIC_EXECUTE = READ_CONTROL | FILE_READ_ATTRIBUTES | FILE_EXECUTE | SYNCHRONIZE;

// ShareAccess bits.
inline constexpr std::uint32_t FILE_SHARE_READ = 0x1;
inline constexpr std::uint32_t FILE_SHARE_WRITE = 0x2;
inline constexpr std::uint32_t FILE_SHARE_DELETE = 0x4;

// CreateDisposition values.
inline constexpr std::uint32_t FILE_SUPERSEDE = 0;
inline constexpr std::uint32_t FILE_OPEN = 1;
inline constexpr std::uint32_t FILE_CREATE = 2;
inline constexpr std::uint32_t FILE_OPEN_IF = 3;
inline constexpr std::uint32_t FILE_OVERWRITE = 4;
inline constexpr std::uint32_t FILE_OVERWRITE_IF = 5;

// CreateOptions bits the volume interprets; the rest are accepted and ignored.
inline constexpr std::uint32_t FILE_DIRECTORY_FILE = 0x0001;
inline constexpr std::uint32_t FILE_SYNCHRONOUS_IO_ALERT = 0x0010;
inline constexpr std::uint32_t FILE_SYNCHRONOUS_IO_NONALERT = 0x0020;
inline constexpr std::uint32_t FILE_NON_DIRECTORY_FILE = 0x0040;
inline constexpr std::uint32_t FILE_DELETE_ON_CLOSE = 0x1000;

// IO_STATUS_BLOCK.Information after a create.
inline constexpr std::uint64_t FILE_SUPERSEDED = 0;
inline constexpr std::uint64_t FILE_OPENED = 1;
inline constexpr std::uint64_t FILE_CREATED = 2;
inline constexpr std::uint64_t FILE_OVERWRITTEN = 3;
inline constexpr std::uint64_t FILE_EXISTS = 4;
inline constexpr std::uint64_t FILE_DOES_NOT_EXIST = 5;

// FileAttributes bits.
inline constexpr std::uint32_t FILE_ATTRIBUTE_READONLY = 0x0001;
inline constexpr std::uint32_t FILE_ATTRIBUTE_HIDDEN = 0x0002;
inline constexpr std::uint32_t FILE_ATTRIBUTE_SYSTEM = 0x0004;
inline constexpr std::uint32_t FILE_ATTRIBUTE_DIRECTORY = 0x0010;
inline constexpr std::uint32_t FILE_ATTRIBUTE_ARCHIVE = 0x0020;
inline constexpr std::uint32_t FILE_ATTRIBUTE_NORMAL = 0x0080;
inline constexpr std::uint32_t FILE_ATTRIBUTE_TEMPORARY = 0x0100;
inline constexpr std::uint32_t FILE_ATTRIBUTE_OFFLINE = 0x1000;
inline constexpr std::uint32_t FILE_ATTRIBUTE_NOT_CONTENT_INDEXED = 0x2000;

// ByteOffset values of ZwWriteFile/ZwReadFile (LARGE_INTEGER with HighPart -1).
inline constexpr std::int64_t FILE_WRITE_TO_END_OF_FILE = -1;
inline constexpr std::int64_t FILE_USE_FILE_POINTER_POSITION = -2;

}  // namespace ksim::volume
