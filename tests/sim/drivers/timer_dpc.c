/* A periodic timer's DPC runs at each expiry on the processor that set the timer. While the
   thread that set it waits, the DPC runs on the idle processor; the fifth run cancels the timer
   and wakes the thread. Set again while the thread keeps making kernel calls, the DPC interrupts
   that thread, between two of its calls. */
#include <ntddk.h>

static KTIMER Timer;
static KDPC Dpc;
static KEVENT Done;
static KEVENT Busy;
static PKTHREAD Setter;
static int Runs;

VOID TimerDpc(PKDPC dpc, PVOID context, PVOID system_time_low, PVOID system_time_high) {
    UNREFERENCED_PARAMETER(dpc);
    UNREFERENCED_PARAMETER(context);
    LARGE_INTEGER now;
    ULONGLONG expiry = ((ULONGLONG)(ULONG_PTR)system_time_high << 32) | (ULONG)(ULONG_PTR)system_time_low;
    KeQuerySystemTimePrecise(&now);
    Runs++;
    /* The arguments are the system time of the expiry: the routine starts a little later, as the
       precise time shows; KeQueryInterruptTime reads the time of the tick. */
    DbgPrint("timer dpc %d on processor %lu in the tick of %I64u us, %I64u us after the expiry, interrupted the setter %d", Runs,
             KeGetCurrentProcessorNumber(), KeQueryInterruptTime() / 10, ((ULONGLONG)now.QuadPart - expiry) / 10,
             KeGetCurrentThread() == Setter);
    if (Runs == 5 || Runs == 8) {
        KeCancelTimer(&Timer);
        KeSetEvent(&Done, IO_NO_INCREMENT, FALSE);
    }
}

VOID Setting(PVOID context) {
    LARGE_INTEGER due;
    UNREFERENCED_PARAMETER(context);
    Setter = KeGetCurrentThread();
    KeInitializeTimer(&Timer);
    KeInitializeDpc(&Dpc, TimerDpc, NULL);
    KeInitializeEvent(&Done, NotificationEvent, FALSE);
    due.QuadPart = -10 * 10000;  /* 10 ms, then every 20 ms */
    KeSetTimerEx(&Timer, due, 20, &Dpc);
    KeWaitForSingleObject(&Done, Executive, KernelMode, FALSE, NULL);
    DbgPrint("woken after %d runs", Runs);
    KeClearEvent(&Done);
    KeSetTimerEx(&Timer, due, 20, &Dpc);
    KeInitializeEvent(&Busy, NotificationEvent, FALSE);
    while (KeReadStateEvent(&Done) == 0) KeSetEvent(&Busy, IO_NO_INCREMENT, FALSE);
    DbgPrint("busy until %d runs", Runs);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Setting, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
