/* Three threads, one KMUTEX and one auto-reset (synchronization) event: the program Relacy's
   schedules/s anchor was measured on (anchors.md §1). The first thread publishes under the
   mutex and sets the event; each of the others waits for the event, updates under the mutex and
   sets it again for the next. */
#include <ntddk.h>

static KMUTEX Mutex;
static KEVENT Published;
static LONG Value;

VOID Publisher(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);
    Value = 1;
    KeReleaseMutex(&Mutex, FALSE);
    KeSetEvent(&Published, IO_NO_INCREMENT, FALSE);
}

VOID Consumer(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    KeWaitForSingleObject(&Published, Executive, KernelMode, FALSE, NULL);
    KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);
    Value += 1;
    KeReleaseMutex(&Mutex, FALSE);
    KeSetEvent(&Published, IO_NO_INCREMENT, FALSE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeMutex(&Mutex, 0);
    KeInitializeEvent(&Published, SynchronizationEvent, FALSE);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Publisher, NULL);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Consumer, NULL);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Consumer, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
