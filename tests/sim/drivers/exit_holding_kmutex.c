/* A system thread that returns while it still owns a KMUTEX: bugcheck 0x20 (0, 0xFFFF, 0, 1). */
#include <ntddk.h>

static KMUTEX Mutex;

VOID HoldAndExit(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeMutex(&Mutex, 0);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, HoldAndExit, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
