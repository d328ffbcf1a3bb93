/* Two threads on one processor make kernel calls without ever blocking: each quantum end switches
   the other in, inside one of those calls. Neither thread ever waits. One sets an event; the other
   allocates and frees pool, calls that take no dispatcher object. */
#include <ntddk.h>

static KEVENT Event;

VOID Spinner(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    for (;;) {
        KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
    }
}

VOID PoolSpinner(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    for (;;) {
        PVOID block = ExAllocatePool2(POOL_FLAG_NON_PAGED, 64, 'nipS');
        ExFreePoolWithTag(block, 'nipS');
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeEvent(&Event, NotificationEvent, FALSE);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Spinner, NULL);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, PoolSpinner, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
