/* Two threads woken by one event at the same moment, on two processors, then racing for one
   KMUTEX: which takes it first decides which waits. Steps that tie and depend on each other, for
   the sleep-set tests. */
#include <ntddk.h>

static KEVENT Go;
static KMUTEX Mutex;
static LONG Order;

VOID Taker(PVOID Context) {
    KeWaitForSingleObject(&Go, Executive, KernelMode, FALSE, NULL);
    KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);
    Order = Order * 10 + (LONG)(ULONG_PTR)Context;
    KeReleaseMutex(&Mutex, FALSE);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    LARGE_INTEGER delay;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeEvent(&Go, NotificationEvent, FALSE);
    KeInitializeMutex(&Mutex, 0);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Taker, (PVOID)1);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Taker, (PVOID)2);
    ZwClose(thread);
    delay.QuadPart = -10 * 10000;  /* 10 ms: both threads are waiting for Go by then */
    KeDelayExecutionThread(KernelMode, FALSE, &delay);
    KeSetEvent(&Go, IO_NO_INCREMENT, FALSE);
    return STATUS_SUCCESS;
}
