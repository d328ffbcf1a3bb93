/* Two threads on one processor hand it to each other by yielding (KeDelayExecutionThread with a
   zero interval, NtYieldExecution), KSIM_ROUNDS times each: one kernel call per switch. */
#include <ntddk.h>

VOID Yielder(PVOID Context) {
    LARGE_INTEGER zero;
    UNREFERENCED_PARAMETER(Context);
    zero.QuadPart = 0;
    for (int i = 0; i < KSIM_ROUNDS; i++) KeDelayExecutionThread(KernelMode, FALSE, &zero);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Yielder, NULL);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Yielder, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
