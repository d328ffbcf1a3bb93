/* KSIM_THREADS threads (default two) on one processor hand it to each other by yielding
   (KeDelayExecutionThread with a zero interval, NtYieldExecution), KSIM_ROUNDS times each: one
   kernel call per switch. A thread alone makes the same calls, but finds nothing to yield to. */
#include <ntddk.h>

#ifndef KSIM_THREADS
#define KSIM_THREADS 2
#endif

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
    for (int i = 0; i < KSIM_THREADS; i++) {
        PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Yielder, NULL);
        ZwClose(thread);
    }
    return STATUS_SUCCESS;
}
