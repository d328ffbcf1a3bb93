/* A synchronization event hands work from one thread to another; both say what they see. */
#include <ntddk.h>

static KEVENT Ready;
static KSEMAPHORE Slots;

VOID Producer(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    DbgPrint("producer: set event, previous %ld\n", KeSetEvent(&Ready, IO_NO_INCREMENT, FALSE));
}

VOID Consumer(PVOID Context) {
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"consumer");
    NTSTATUS status;
    UNREFERENCED_PARAMETER(Context);
    status = KeWaitForSingleObject(&Ready, Executive, KernelMode, FALSE, NULL);
    DbgPrint("%wZ: woke with 0x%08lx, semaphore was %ld\n", &name, status,
             KeReleaseSemaphore(&Slots, SEMAPHORE_INCREMENT, 1, FALSE));
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeEvent(&Ready, SynchronizationEvent, FALSE);
    KeInitializeSemaphore(&Slots, 0, 2);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Consumer, NULL);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Producer, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
