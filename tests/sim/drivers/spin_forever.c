/* DriverEntry never returns and never calls the kernel. */
#include <ntddk.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    volatile int spinning = 1;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    while (spinning) {
    }
    return STATUS_SUCCESS;
}
