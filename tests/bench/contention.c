/* KSIM_THREADS threads each take and release one KMUTEX KSIM_PAIRS times. */
#include <ntddk.h>

static KMUTEX Mutex;

VOID Contender(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    for (int i = 0; i < KSIM_PAIRS; i++) {
        KeWaitForSingleObject(&Mutex, Executive, KernelMode, FALSE, NULL);
        KeReleaseMutex(&Mutex, FALSE);
    }
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    KeInitializeMutex(&Mutex, 0);
    for (int i = 0; i < KSIM_THREADS; i++) {
        PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Contender, NULL);
        ZwClose(thread);
    }
    return STATUS_SUCCESS;
}
