/* Unbounded recursion on a system thread: the kernel stack runs out. */
#include <ntddk.h>

ULONG Deeper(volatile ULONG Depth) {
    volatile UCHAR frame[256];
    frame[0] = (UCHAR)Depth;
    return Deeper(Depth + 1) + frame[0];
}

VOID Recurse(PVOID Context) {
    UNREFERENCED_PARAMETER(Context);
    Deeper(0);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Recurse, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
