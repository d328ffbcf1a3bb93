/* One thread queues a DPC KSIM_ROUNDS times from PASSIVE_LEVEL; each runs at once on the DPC
   stack and sets an event: KeInsertQueueDpc, the DPC interrupt, the routine's KeSetEvent, back. */
#include <ntddk.h>

static KDPC Dpc;
static KEVENT Ran;

VOID SettingDpc(PKDPC dpc, PVOID context, PVOID argument1, PVOID argument2) {
    UNREFERENCED_PARAMETER(dpc);
    UNREFERENCED_PARAMETER(context);
    UNREFERENCED_PARAMETER(argument1);
    UNREFERENCED_PARAMETER(argument2);
    KeSetEvent(&Ran, IO_NO_INCREMENT, FALSE);
}

VOID Queuer(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    KeInitializeDpc(&Dpc, SettingDpc, NULL);
    KeInitializeEvent(&Ran, NotificationEvent, FALSE);
    for (int i = 0; i < KSIM_ROUNDS; i++) KeInsertQueueDpc(&Dpc, NULL, NULL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Queuer, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
