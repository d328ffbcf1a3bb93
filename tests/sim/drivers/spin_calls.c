/* Two threads on one processor call KeSetEvent without ever blocking: each quantum end switches
   the other in, inside one of those calls. Neither thread ever waits. */
#include <ntddk.h>

static KEVENT Event;

VOID Spinner(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    for (;;) {
        KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeEvent(&Event, NotificationEvent, FALSE);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Spinner, NULL);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Spinner, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
