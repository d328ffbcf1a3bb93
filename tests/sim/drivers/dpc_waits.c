/* A DPC may not wait: waiting on an event nobody sets would switch threads at DISPATCH_LEVEL,
   which bugchecks ATTEMPTED_SWITCH_FROM_DPC (0xB8). A wait satisfied at once is allowed. */
#include <ntddk.h>

static KDPC Dpc;
static KEVENT Set;
static KEVENT Never;

VOID WaitingDpc(PKDPC dpc, PVOID context, PVOID argument1, PVOID argument2) {
    UNREFERENCED_PARAMETER(dpc);
    UNREFERENCED_PARAMETER(context);
    UNREFERENCED_PARAMETER(argument1);
    UNREFERENCED_PARAMETER(argument2);
    NTSTATUS status = KeWaitForSingleObject(&Set, Executive, KernelMode, FALSE, NULL);
    DbgPrint("signalled wait: 0x%08lx", status);
    KeWaitForSingleObject(&Never, Executive, KernelMode, FALSE, NULL);
    DbgPrint("not reached");
}

VOID Inserting(PVOID context) {
    UNREFERENCED_PARAMETER(context);
    KeInitializeEvent(&Set, NotificationEvent, TRUE);
    KeInitializeEvent(&Never, NotificationEvent, FALSE);
    KeInitializeDpc(&Dpc, WaitingDpc, NULL);
    KeInsertQueueDpc(&Dpc, NULL, NULL);
    DbgPrint("not reached either");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Inserting, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
