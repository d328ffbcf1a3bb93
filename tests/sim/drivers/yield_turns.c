/* Two threads on one processor take turns by yielding: KeDelayExecutionThread with a zero
   interval is NtYieldExecution, which switches to the other ready thread each time. */
#include <ntddk.h>

VOID Taker(PVOID Context) {
    LARGE_INTEGER zero;
    zero.QuadPart = 0;
    for (int turn = 0; turn < 3; turn++) {
        DbgPrint("thread %d turn %d", (int)(ULONG_PTR)Context, turn);
        KeDelayExecutionThread(KernelMode, FALSE, &zero);
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Taker, (PVOID)0);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Taker, (PVOID)1);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
