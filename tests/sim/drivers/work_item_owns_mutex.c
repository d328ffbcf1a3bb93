/* A work routine that returns still owning a KMUTEX: SYSTEM_EXIT_OWNED_MUTEX (0x39). */
#include <ntddk.h>

static KMUTEX Mutex;
static WORK_QUEUE_ITEM Item;

VOID TakeAndReturn(PVOID Parameter) {
    UNREFERENCED_PARAMETER(Parameter);
    KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeMutex(&Mutex, 0);
    ExInitializeWorkItem(&Item, TakeAndReturn, &Mutex);
    ExQueueWorkItem(&Item, DelayedWorkQueue);
    return STATUS_SUCCESS;
}
