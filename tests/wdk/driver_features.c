/* A driver-shaped C file exercising the WDK shim the way real drivers use it. test_wdk
 * compiles it with gcc -std=gnu11 -fshort-wchar -Wall -Wextra -Werror, and as C++
 * (-DKSIM_DRIVER_SOURCE), so it sticks to the common subset of C and C++. */
#include <Ntifs.h>
#include <ntddk.h>
#include <wdm.h>
#include <ntstrsafe.h>

#define FEATURE_TAG 'tfsK'

typedef struct _WORK_ITEM {
  LIST_ENTRY Link;
  ULONG Id;
} WORK_ITEM, *PWORK_ITEM;

typedef struct _DEVICE_STATE {
  KMUTEX Mutex;
  KEVENT Event;
  KSEMAPHORE Semaphore;
  KTIMER Timer;
  KDPC Dpc;
  FAST_MUTEX FastMutex;
  KSPIN_LOCK Lock;
  LIST_ENTRY Items;
  volatile LONG Counter;
  volatile LONG64 Bytes;
  PVOID volatile Owner;
} DEVICE_STATE, *PDEVICE_STATE;

C_ASSERT(FIELD_OFFSET(KMUTANT, OwnerThread) == 0x28);
C_ASSERT(FIELD_OFFSET(KMUTANT, ApcDisable) == 0x31);
C_ASSERT(sizeof(KWAIT_BLOCK) == 0x30);
C_ASSERT(FIELD_OFFSET(FILE_RENAME_INFORMATION, FileName) == 20);
C_ASSERT(sizeof(WCHAR) == 2 && sizeof(L"ab") == 6);
C_ASSERT(sizeof(LONG) == 4 && sizeof(ULONG_PTR) == 8 && sizeof(__int64) == 8);

#ifdef __cplusplus
extern "C" {
#endif
DRIVER_INITIALIZE DriverEntry;
#ifdef __cplusplus
}
#endif
DRIVER_UNLOAD FeatureUnload;
KSTART_ROUTINE FeatureWorker;
KDEFERRED_ROUTINE FeatureTimerDpc;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH FeatureCreateClose;

#ifdef ALLOC_PRAGMA
#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, FeatureUnload)
#endif
#pragma warning(disable : 4201)

static __forceinline ULONG Twice(_In_ ULONG Value) { return Value * 2; }

__declspec(noinline) static unsigned __int64 SumItems(_In_ PLIST_ENTRY Head) {
  unsigned __int64 sum = 0;
  PLIST_ENTRY entry;
  for (entry = Head->Flink; entry != Head; entry = entry->Flink) {
    sum += CONTAINING_RECORD(entry, WORK_ITEM, Link)->Id;
  }
  return sum;
}

_Use_decl_annotations_ VOID FeatureTimerDpc(PKDPC Dpc, PVOID DeferredContext, PVOID SystemArgument1,
                                            PVOID SystemArgument2) {
  PDEVICE_STATE state = (PDEVICE_STATE)DeferredContext;
  UNREFERENCED_PARAMETER(Dpc);
  UNREFERENCED_PARAMETER(SystemArgument1);
  UNREFERENCED_PARAMETER(SystemArgument2);
  KeAcquireSpinLockAtDpcLevel(&state->Lock);
  InterlockedIncrement(&state->Counter);
  KeReleaseSpinLockFromDpcLevel(&state->Lock);
}

_Use_decl_annotations_ NTSTATUS FeatureCreateClose(PDEVICE_OBJECT DeviceObject, PIRP Irp) {
  UNREFERENCED_PARAMETER(DeviceObject);
  UNREFERENCED_PARAMETER(Irp);
  return STATUS_SUCCESS;
}

_IRQL_requires_max_(PASSIVE_LEVEL) static NTSTATUS
    WriteLog(_In_ PCUNICODE_STRING Path, _In_reads_bytes_(Length) PVOID Data, _In_ ULONG Length) {
  OBJECT_ATTRIBUTES attributes;
  IO_STATUS_BLOCK io;
  HANDLE file;
  FILE_STANDARD_INFORMATION standard;
  NTSTATUS status;

  PAGED_CODE();
  InitializeObjectAttributes(&attributes, (PUNICODE_STRING)Path, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, NULL, NULL);
  status = ZwCreateFile(&file, FILE_GENERIC_WRITE, &attributes, &io, NULL, FILE_ATTRIBUTE_NORMAL, FILE_SHARE_READ,
                        FILE_OPEN_IF, FILE_SYNCHRONOUS_IO_NONALERT | FILE_NON_DIRECTORY_FILE, NULL, 0);
  if (!NT_SUCCESS(status)) {
    return status;
  }
  if (io.Information == FILE_CREATED) {
    KdPrint(("created %wZ\n", Path));
  }
  status = ZwWriteFile(file, NULL, NULL, NULL, &io, Data, Length, NULL, NULL);
  if (NT_SUCCESS(status)) {
    status = ZwQueryInformationFile(file, &io, &standard, sizeof(standard), FileStandardInformation);
  }
  ZwClose(file);
  return status;
}

_Use_decl_annotations_ VOID FeatureWorker(PVOID StartContext) {
  PDEVICE_STATE state = (PDEVICE_STATE)StartContext;
  KWAIT_BLOCK blocks[4];
  PVOID objects[4];
  LARGE_INTEGER timeout;
  KIRQL irql;
  NTSTATUS status;
  WCHAR name[64];
  char line[32] = "0123456789";
  DECLARE_CONST_UNICODE_STRING(logPath, L"\\DosDevices\\C:\\Temp\\log.txt");

  objects[0] = &state->Mutex;
  objects[1] = &state->Event;
  objects[2] = &state->Semaphore;
  objects[3] = &state->Timer;
  timeout.QuadPart = -10 * 1000 * 1000;
  status = KeWaitForMultipleObjects(RTL_NUMBER_OF(objects), objects, WaitAny, Executive, KernelMode, FALSE, &timeout,
                                    blocks);
  if (status == STATUS_WAIT_0) {
    KeReleaseMutex(&state->Mutex, FALSE);
  } else if (status == STATUS_TIMEOUT || status == STATUS_ABANDONED_WAIT_0) {
    KdPrint(("wait ended with %08X at IRQL %u\n", status, (ULONG)KeGetCurrentIrql()));
  }
  status = KeWaitForMutexObject(&state->Mutex, Executive, KernelMode, FALSE, NULL);
  ASSERT(NT_SUCCESS(status));
  KeReleaseMutex(&state->Mutex, FALSE);

  KeRaiseIrql(DISPATCH_LEVEL, &irql);
  KeLowerIrql(irql);
  KeAcquireSpinLock(&state->Lock, &irql);
  InterlockedExchangeAdd64(&state->Bytes, 15);
  InterlockedCompareExchangePointer(&state->Owner, KeGetCurrentThread(), NULL);
  KeReleaseSpinLock(&state->Lock, irql);

  ExAcquireFastMutex(&state->FastMutex);
  RtlStringCchPrintfW(name, RTL_NUMBER_OF(name), L"%ws_%I64u_%ld.txt", L"file", SumItems(&state->Items),
                      (LONG)Twice(3));
  ExReleaseFastMutex(&state->FastMutex);
  if (wcslen(name) > 0 && _wcsicmp(name, L"FILE") != 0) {
    (void)WriteLog(&logPath, line, (ULONG)strlen(line));
  }

  KeEnterCriticalRegion();
  KeSetEvent(&state->Event, IO_NO_INCREMENT, FALSE);
  KeReleaseSemaphore(&state->Semaphore, SEMAPHORE_INCREMENT, 1, FALSE);
  KeLeaveCriticalRegion();
  PsTerminateSystemThread(STATUS_SUCCESS);
}

_Use_decl_annotations_ VOID FeatureUnload(PDRIVER_OBJECT DriverObject) {
  PDEVICE_STATE state = (PDEVICE_STATE)DriverObject->DeviceObject->DeviceExtension;
  while (!IsListEmpty(&state->Items)) {
    PWORK_ITEM item = CONTAINING_RECORD(RemoveHeadList(&state->Items), WORK_ITEM, Link);
    ExFreePoolWithTag(item, FEATURE_TAG);
  }
  KeCancelTimer(&state->Timer);
  IoDeleteDevice(DriverObject->DeviceObject);
}

_Use_decl_annotations_ NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath) {
  UNICODE_STRING deviceName = RTL_CONSTANT_STRING(L"\\Device\\KsimFeatures");
  PDEVICE_OBJECT device = NULL;
  PDEVICE_STATE state;
  HANDLE thread;
  LARGE_INTEGER due;
  ULONG i;
  NTSTATUS status;

  DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_INFO_LEVEL, "loading from %wZ\n", RegistryPath);
  status = IoCreateDevice(DriverObject, sizeof(DEVICE_STATE), &deviceName, FILE_DEVICE_UNKNOWN, FILE_DEVICE_SECURE_OPEN,
                          FALSE, &device);
  if (!NT_SUCCESS(status)) {
    return status;
  }
  DriverObject->DriverUnload = FeatureUnload;
  DriverObject->MajorFunction[IRP_MJ_CREATE] = FeatureCreateClose;
  DriverObject->MajorFunction[IRP_MJ_CLOSE] = FeatureCreateClose;
  device->Flags |= DO_BUFFERED_IO;
  device->Flags &= ~DO_DEVICE_INITIALIZING;

  state = (PDEVICE_STATE)device->DeviceExtension;
  KeInitializeMutex(&state->Mutex, 0);
  KeInitializeEvent(&state->Event, SynchronizationEvent, FALSE);
  KeInitializeSemaphore(&state->Semaphore, 0, MAXLONG);
  KeInitializeTimerEx(&state->Timer, NotificationTimer);
  KeInitializeDpc(&state->Dpc, FeatureTimerDpc, state);
  ExInitializeFastMutex(&state->FastMutex);
  KeInitializeSpinLock(&state->Lock);
  InitializeListHead(&state->Items);
  for (i = 0; i < 3; i++) {
    PWORK_ITEM item = (PWORK_ITEM)ExAllocatePool2(POOL_FLAG_NON_PAGED, sizeof(WORK_ITEM), FEATURE_TAG);
    if (item == NULL) {
      return STATUS_INSUFFICIENT_RESOURCES;
    }
    item->Id = i;
    InsertTailList(&state->Items, &item->Link);
  }
  due.QuadPart = -(LONGLONG)KeQueryTimeIncrement();
  KeSetTimerEx(&state->Timer, due, 1000, &state->Dpc);

  status = PsCreateSystemThread(&thread, THREAD_ALL_ACCESS, NULL, NULL, NULL, FeatureWorker, state);
  if (NT_SUCCESS(status)) {
    ZwClose(thread);
  }
  return status;
}
