/* A thread that never stops: each pass sleeps a second. The run ends at its budget. */
#include <ntddk.h>

VOID Forever(PVOID Context) {
    LARGE_INTEGER second;
    UNREFERENCED_PARAMETER(Context);
    second.QuadPart = -10 * 1000 * 1000;
    for (;;) KeDelayExecutionThread(KernelMode, FALSE, &second);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Forever, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
