/* A system thread writes through a NULL pointer: an access violation no handler catches. */
#include <ntddk.h>

VOID Crash(PVOID Context) {
    volatile PULONG p = (PULONG)Context;
    *p = 42;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Crash, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
