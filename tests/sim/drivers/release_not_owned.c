/* Releasing a KMUTEX the thread does not own raises STATUS_MUTANT_NOT_OWNED, unhandled in a
 * system thread: bugcheck 0x7E with Arg1 0xC0000046. */
#include <ntddk.h>

static KMUTEX Mutex;

VOID ReleaseForeign(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    KeReleaseMutex(&Mutex, FALSE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeMutex(&Mutex, 0);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, ReleaseForeign, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
