/* The clock queries: KeQueryInterruptTime, KeQuerySystemTime and KeQueryTickCount read what the
   last clock tick stored, the Precise variants the time now. */
#include <ntddk.h>

static KEVENT Event;

static VOID Report(const char *when) {
    ULONGLONG qpc = 0;
    ULONGLONG tick_time = KeQueryInterruptTime();
    ULONGLONG precise = KeQueryInterruptTimePrecise(&qpc);
    LARGE_INTEGER system, system_precise, ticks;
    KeQuerySystemTime(&system);
    KeQuerySystemTimePrecise(&system_precise);
    KeQueryTickCount(&ticks);
    DbgPrint("%s: on a tick %d, the tick's %d, within the tick %d, system time as interrupt time %d, qpc %d", when,
             tick_time % KeQueryTimeIncrement() == 0, (ULONGLONG)ticks.QuadPart * KeQueryTimeIncrement() == tick_time,
             precise >= tick_time && precise - tick_time < KeQueryTimeIncrement(),
             system_precise.QuadPart - system.QuadPart == (LONGLONG)(precise - tick_time), qpc == precise);
}

VOID Querying(PVOID Context) {
    LARGE_INTEGER delay;
    UNREFERENCED_PARAMETER(Context);
    KeInitializeEvent(&Event, NotificationEvent, FALSE);
    for (int i = 0; i < 10; i++) KeSetEvent(&Event, IO_NO_INCREMENT, FALSE);
    Report("running");
    delay.QuadPart = -5 * 10000;  /* 5 ms: woken by a later tick */
    KeDelayExecutionThread(KernelMode, FALSE, &delay);
    Report("after a delay");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Querying, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
