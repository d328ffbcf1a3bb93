// The I/O manager's DDIs: device objects, the driver object DriverEntry receives, and the
// synchronous Zw* file calls on the simulated volume.
#include <algorithm>
#include <string>

#include "../driver_image.h"
#include "ddi_support.h"
#include "driver_object.h"

namespace kc = ksim::kcall;

namespace {

std::u16string_view view_of(const UNICODE_STRING* s) {
  if (!s || !s->Buffer) return {};
  return {reinterpret_cast<const char16_t*>(s->Buffer), s->Length / sizeof(WCHAR)};
}

// The object name a caller opens, in the caller's own buffer: no host heap may live across a call
// that blocks or pauses, since a machine dropped there never returns to this frame.
std::u16string_view path_of(const OBJECT_ATTRIBUTES* attributes) {
  if (!attributes) return {};
  return view_of(attributes->ObjectName);
}

void complete(PIO_STATUS_BLOCK io, kc::IoResult r) {
  if (!io) return;
  io->Status = r.status;
  io->Information = r.information;
}

UNICODE_STRING* make_unicode(std::u16string_view text) {
  const std::size_t size = sizeof(UNICODE_STRING) + (text.size() + 1) * sizeof(WCHAR);
  auto* s = static_cast<UNICODE_STRING*>(kc::allocate_pool(size, {}));
  auto* buffer = reinterpret_cast<WCHAR*>(s + 1);
  std::copy(text.begin(), text.end(), buffer);  // WCHAR is char16_t in C++: a plain copy
  s->Buffer = buffer;
  s->Length = static_cast<USHORT>(text.size() * sizeof(WCHAR));
  s->MaximumLength = static_cast<USHORT>(s->Length + sizeof(WCHAR));
  return s;
}

}  // namespace

namespace ksim::ddi {

namespace {

// Built before DriverEntry runs and kept in pool: nothing of the host's (strings, vectors) may
// live on the worker's stack across the call, since a driver that bugchecks never returns to it.
DRIVER_OBJECT* make_driver_object(const DriverImage& image) {
  auto* driver = static_cast<DRIVER_OBJECT*>(kc::allocate_pool(sizeof(DRIVER_OBJECT), {}));
  driver->Type = 4;  // IO_TYPE_DRIVER
  driver->Size = sizeof(DRIVER_OBJECT);
  const std::string& module = image.module_name();
  driver->DriverName = *make_unicode(u"\\Driver\\" + std::u16string(module.begin(), module.end()));
  driver->DriverSize = static_cast<ULONG>(image.host_size());
  return driver;
}

}  // namespace

std::function<std::int32_t()> driver_entry_call(DriverImage& image) {
  return [&image] {
    DRIVER_OBJECT* driver = make_driver_object(image);
    // sc.exe create TestDrv: the service key the seed's driver was registered under.
    UNICODE_STRING* registry = make_unicode(u"\\REGISTRY\\MACHINE\\SYSTEM\\ControlSet001\\Services\\TestDrv");
    return image.entry()(driver, registry);
  };
}

}  // namespace ksim::ddi

extern "C" {

NTSTATUS IoCreateDevice(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize, PUNICODE_STRING, DEVICE_TYPE DeviceType,
                        ULONG DeviceCharacteristics, BOOLEAN, PDEVICE_OBJECT* DeviceObject) {
  // One zeroed pool block: the device object followed by its extension, as the I/O manager lays it out.
  const std::size_t size = sizeof(DEVICE_OBJECT) + DeviceExtensionSize;
  auto* device = static_cast<DEVICE_OBJECT*>(kc::allocate_pool(size, KSIM_CALLER));
  if (!device) return STATUS_INSUFFICIENT_RESOURCES;
  device->Type = 3;  // IO_TYPE_DEVICE
  device->Size = static_cast<USHORT>(size);
  device->DriverObject = DriverObject;
  device->DeviceType = DeviceType;
  device->Characteristics = DeviceCharacteristics;
  device->DeviceExtension = DeviceExtensionSize ? reinterpret_cast<char*>(device) + sizeof(DEVICE_OBJECT) : nullptr;
  device->NextDevice = DriverObject->DeviceObject;
  DriverObject->DeviceObject = device;
  *DeviceObject = device;
  return STATUS_SUCCESS;
}

VOID IoDeleteDevice(PDEVICE_OBJECT DeviceObject) {
  if (!DeviceObject) return;
  for (PDEVICE_OBJECT* link = &DeviceObject->DriverObject->DeviceObject; *link; link = &(*link)->NextDevice) {
    if (*link == DeviceObject) {
      *link = DeviceObject->NextDevice;
      break;
    }
  }
  kc::free_pool(DeviceObject, KSIM_CALLER);
}

NTSTATUS ZwCreateFile(PHANDLE FileHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                      PIO_STATUS_BLOCK IoStatusBlock, PLARGE_INTEGER, ULONG FileAttributes, ULONG ShareAccess,
                      ULONG CreateDisposition, ULONG CreateOptions, PVOID, ULONG) {
  std::uint64_t handle = 0;
  const kc::IoResult r = kc::create_file(path_of(ObjectAttributes), DesiredAccess, ShareAccess, CreateDisposition,
                                         CreateOptions, FileAttributes, &handle, KSIM_CALLER);
  complete(IoStatusBlock, r);
  if (NT_SUCCESS(r.status)) *FileHandle = reinterpret_cast<HANDLE>(handle);
  return r.status;
}

NTSTATUS ZwOpenFile(PHANDLE FileHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES ObjectAttributes,
                    PIO_STATUS_BLOCK IoStatusBlock, ULONG ShareAccess, ULONG OpenOptions) {
  std::uint64_t handle = 0;
  const kc::IoResult r = kc::create_file(path_of(ObjectAttributes), DesiredAccess, ShareAccess, FILE_OPEN, OpenOptions,
                                         0, &handle, KSIM_CALLER);
  complete(IoStatusBlock, r);
  if (NT_SUCCESS(r.status)) *FileHandle = reinterpret_cast<HANDLE>(handle);
  return r.status;
}

NTSTATUS ZwWriteFile(HANDLE FileHandle, HANDLE, PIO_APC_ROUTINE, PVOID, PIO_STATUS_BLOCK IoStatusBlock, PVOID Buffer,
                     ULONG Length, PLARGE_INTEGER ByteOffset, PULONG) {
  const kc::IoResult r = kc::write_file(reinterpret_cast<std::uintptr_t>(FileHandle),
                                        {static_cast<const char*>(Buffer), Length},
                                        quad_of(ByteOffset), KSIM_CALLER);
  complete(IoStatusBlock, r);
  return r.status;
}

NTSTATUS ZwReadFile(HANDLE FileHandle, HANDLE, PIO_APC_ROUTINE, PVOID, PIO_STATUS_BLOCK IoStatusBlock, PVOID Buffer,
                    ULONG Length, PLARGE_INTEGER ByteOffset, PULONG) {
  const kc::IoResult r = kc::read_file(reinterpret_cast<std::uintptr_t>(FileHandle), {static_cast<char*>(Buffer), Length},
                                       quad_of(ByteOffset), KSIM_CALLER);
  complete(IoStatusBlock, r);
  return r.status;
}

NTSTATUS ZwSetInformationFile(HANDLE FileHandle, PIO_STATUS_BLOCK IoStatusBlock, PVOID FileInformation, ULONG Length,
                              FILE_INFORMATION_CLASS FileInformationClass) {
  const auto handle = reinterpret_cast<std::uintptr_t>(FileHandle);
  NTSTATUS status = STATUS_INVALID_INFO_CLASS;
  if (FileInformationClass == FileRenameInformation) {
    const auto* rename = static_cast<const FILE_RENAME_INFORMATION*>(FileInformation);
    if (Length < sizeof(FILE_RENAME_INFORMATION) - sizeof(WCHAR) + rename->FileNameLength) {
      status = STATUS_INFO_LENGTH_MISMATCH;
    } else {
      const std::u16string_view target(reinterpret_cast<const char16_t*>(rename->FileName),
                                       rename->FileNameLength / sizeof(WCHAR));
      status = kc::rename_file(handle, target, rename->ReplaceIfExists, KSIM_CALLER);
    }
  } else if (FileInformationClass == FilePositionInformation && Length >= sizeof(FILE_POSITION_INFORMATION)) {
    status = kc::set_position(handle, static_cast<const FILE_POSITION_INFORMATION*>(FileInformation)->CurrentByteOffset.QuadPart);
  }
  complete(IoStatusBlock, {status, 0});
  return status;
}

NTSTATUS ZwQueryInformationFile(HANDLE FileHandle, PIO_STATUS_BLOCK IoStatusBlock, PVOID FileInformation, ULONG Length,
                                FILE_INFORMATION_CLASS FileInformationClass) {
  const auto handle = reinterpret_cast<std::uintptr_t>(FileHandle);
  NTSTATUS status = STATUS_INVALID_INFO_CLASS;
  ULONG written = 0;
  if (FileInformationClass == FileBasicInformation) {
    kc::BasicInfo info{};
    status = Length < sizeof(FILE_BASIC_INFORMATION) ? STATUS_INFO_LENGTH_MISMATCH
                                                     : kc::query_basic(handle, &info, KSIM_CALLER);
    if (NT_SUCCESS(status)) {
      auto* out = static_cast<FILE_BASIC_INFORMATION*>(FileInformation);
      out->CreationTime.QuadPart = info.creation;
      out->LastAccessTime.QuadPart = info.last_access;
      out->LastWriteTime.QuadPart = info.last_write;
      out->ChangeTime.QuadPart = info.change;
      out->FileAttributes = info.attributes;
      written = sizeof(FILE_BASIC_INFORMATION);
    }
  } else if (FileInformationClass == FileStandardInformation) {
    kc::StandardInfo info{};
    status = Length < sizeof(FILE_STANDARD_INFORMATION) ? STATUS_INFO_LENGTH_MISMATCH
                                                        : kc::query_standard(handle, &info, KSIM_CALLER);
    if (NT_SUCCESS(status)) {
      auto* out = static_cast<FILE_STANDARD_INFORMATION*>(FileInformation);
      out->AllocationSize.QuadPart = info.allocation_size;
      out->EndOfFile.QuadPart = info.end_of_file;
      out->NumberOfLinks = info.links;
      out->DeletePending = info.delete_pending;
      out->Directory = info.directory;
      written = sizeof(FILE_STANDARD_INFORMATION);
    }
  } else if (FileInformationClass == FilePositionInformation) {
    std::int64_t position = 0;
    status = Length < sizeof(FILE_POSITION_INFORMATION) ? STATUS_INFO_LENGTH_MISMATCH : kc::query_position(handle, &position);
    if (NT_SUCCESS(status)) {
      static_cast<FILE_POSITION_INFORMATION*>(FileInformation)->CurrentByteOffset.QuadPart = position;
      written = sizeof(FILE_POSITION_INFORMATION);
    }
  }
  complete(IoStatusBlock, {status, written});
  return status;
}

}  // extern "C"
