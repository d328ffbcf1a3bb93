/* KeInsertQueueDpc from PASSIVE_LEVEL: the DPC runs before the call returns, at DISPATCH_LEVEL,
   in the context of the thread it interrupted. Queued at DISPATCH_LEVEL it waits for KeLowerIrql;
   queued twice it runs once, with the first call's arguments; removed, it never runs. */
#include <ntddk.h>

static KDPC Dpc;
static KEVENT Ran;
static PKTHREAD Inserter;
static int Runs;

VOID CountingDpc(PKDPC dpc, PVOID context, PVOID argument1, PVOID argument2) {
    UNREFERENCED_PARAMETER(dpc);
    Runs++;
    DbgPrint("dpc %d: irql %d context %d arguments %d %d, interrupted the inserter %d", Runs,
             (int)KeGetCurrentIrql(), (int)(ULONG_PTR)context, (int)(ULONG_PTR)argument1,
             (int)(ULONG_PTR)argument2, KeGetCurrentThread() == Inserter);
    KeSetEvent(&Ran, IO_NO_INCREMENT, FALSE);
}

VOID Inserting(PVOID context) {
    KIRQL old;
    UNREFERENCED_PARAMETER(context);
    Inserter = KeGetCurrentThread();
    KeInitializeDpc(&Dpc, CountingDpc, (PVOID)7);
    KeInitializeEvent(&Ran, NotificationEvent, FALSE);

    BOOLEAN inserted = KeInsertQueueDpc(&Dpc, (PVOID)1, (PVOID)2);
    DbgPrint("inserted %d, runs %d", inserted, Runs);

    KeRaiseIrql(DISPATCH_LEVEL, &old);
    inserted = KeInsertQueueDpc(&Dpc, (PVOID)3, (PVOID)4);
    BOOLEAN again = KeInsertQueueDpc(&Dpc, (PVOID)5, (PVOID)6);
    DbgPrint("at DISPATCH_LEVEL: inserted %d, again %d, runs %d", inserted, again, Runs);
    KeLowerIrql(old);
    DbgPrint("lowered: runs %d", Runs);

    KeRaiseIrql(DISPATCH_LEVEL, &old);
    KeInsertQueueDpc(&Dpc, NULL, NULL);
    BOOLEAN removed = KeRemoveQueueDpc(&Dpc);
    BOOLEAN removed_again = KeRemoveQueueDpc(&Dpc);
    KeLowerIrql(old);
    DbgPrint("removed %d, again %d, runs %d", removed, removed_again, Runs);
    KeWaitForSingleObject(&Ran, Executive, KernelMode, FALSE, NULL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
    HANDLE thread;
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    PsCreateSystemThread(&thread, 0, NULL, NULL, NULL, Inserting, NULL);
    ZwClose(thread);
    return STATUS_SUCCESS;
}
