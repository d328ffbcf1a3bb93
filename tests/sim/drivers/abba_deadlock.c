/* Two threads take two KMUTEXes in opposite orders, each pausing in between: a deadlock. */
#include <ntddk.h>

static KMUTEX First, Second;

static VOID TakeBoth(PKMUTEX a, PKMUTEX b) {
    LARGE_INTEGER pause;
    pause.QuadPart = -10 * 1000 * 10; /* 10 ms */
    KeWaitForSingleObject(a, Executive, KernelMode, FALSE, NULL);
    KeDelayExecutionThread(KernelMode, FALSE, &pause);
    KeWaitForSingleObject(b, Executive, KernelMode, FALSE, NULL);
    KeReleaseMutex(b, FALSE);
    KeReleaseMutex(a, FALSE);
}

VOID Forward(PVOID Context) { UNREFERENCED_PARAMETER(Context); TakeBoth(&First, &Second); }
VOID Backward(PVOID Context) { UNREFERENCED_PARAMETER(Context); TakeBoth(&Second, &First); }

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeMutex(&First, 0);
    KeInitializeMutex(&Second, 0);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Forward, NULL);
    ZwClose(thread);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Backward, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
