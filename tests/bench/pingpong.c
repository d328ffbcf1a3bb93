/* Two threads hand control back and forth through two synchronization events, KSIM_ROUNDS times. */
#include <ntddk.h>

static KEVENT Ping, Pong;

VOID Server(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    for (int i = 0; i < KSIM_ROUNDS; i++) {
        KeWaitForSingleObject(&Ping, Executive, KernelMode, FALSE, NULL);
        KeSetEvent(&Pong, IO_NO_INCREMENT, FALSE);
    }
}

VOID Client(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    for (int i = 0; i < KSIM_ROUNDS; i++) {
        KeSetEvent(&Ping, IO_NO_INCREMENT, FALSE);
        KeWaitForSingleObject(&Pong, Executive, KernelMode, FALSE, NULL);
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeEvent(&Ping, SynchronizationEvent, FALSE);
    KeInitializeEvent(&Pong, SynchronizationEvent, FALSE);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Server, NULL);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Client, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
