/* An I/O work item that signals an event a system thread waits for, then frees itself. */
#include <ntddk.h>

static KEVENT Done;
static PIO_WORKITEM WorkItem;

VOID Work(PDEVICE_OBJECT DeviceObject, PVOID Context) {
    UNREFERENCED_PARAMETER(DeviceObject);
    DbgPrint("work item: context %lu\n", (ULONG)(ULONG_PTR)Context);
    KeSetEvent(&Done, IO_NO_INCREMENT, FALSE);
    IoFreeWorkItem(WorkItem);
}

VOID Waiter(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    KeWaitForSingleObject(&Done, Executive, KernelMode, FALSE, NULL);
    DbgPrint("waiter: done\n");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    PDEVICE_OBJECT device;
    HANDLE thread;
    UNREFERENCED_PARAMETER(RegistryPath);
    IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
    KeInitializeEvent(&Done, NotificationEvent, FALSE);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Waiter, NULL);
    ZwClose(thread);
    WorkItem = IoAllocateWorkItem(device);
    IoQueueWorkItem(WorkItem, Work, DelayedWorkQueue, (PVOID)7);
    return STATUS_SUCCESS;
}
