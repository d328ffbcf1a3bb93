/* One thread sets a synchronization event and waits on it, KSIM_ROUNDS times: the same two
   kernel calls as pingpong.c, but the wait is always satisfied at once and nothing switches. */
#include <ntddk.h>

static KEVENT Event;

VOID Caller(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    for (int i = 0; i < KSIM_ROUNDS; i++) {
        KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
        KeWaitForSingleObject(&Event, Executive, KernelMode, FALSE, NULL);
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeEvent(&Event, SynchronizationEvent, FALSE);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Caller, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
