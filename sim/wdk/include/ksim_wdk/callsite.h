/* ksim WDK shim: call-site recording. ksim shows each driver frame with the source line of
 * its call, so in driver code every engine-implemented DDI is a function-like macro that
 * records __FILE__/__LINE__ and then calls the real function. A macro does not re-expand
 * its own name, so the function is what gets called, and the bare name (no parentheses)
 * still denotes the function, so taking its address works.
 *
 * This list doubles as the list of DDIs the engine must implement (extern "C", same names
 * and prototypes as declared in the other shim headers). A driver that re-declares one of
 * these DDIs itself can define KSIM_NO_CALL_SITES. */
#ifndef KSIM_WDK_CALLSITE_H
#define KSIM_WDK_CALLSITE_H

#include "base.h"

KSIM_WDK_BEGIN_DECLS
/* Implemented by the engine: the calling simulated thread's next frame is at file:line. */
void KsimNoteCallSite(const char *file, int line);
KSIM_WDK_END_DECLS

#if KSIM_WDK_DRIVER_MODE && !defined(KSIM_NO_CALL_SITES)
#define KSIM_WDK_CALL(function, ...) (KsimNoteCallSite(__FILE__, __LINE__), function(__VA_ARGS__))

/* Debug output and bug checks. */
#define DbgPrint(...) KSIM_WDK_CALL(DbgPrint, __VA_ARGS__)
#define DbgPrintEx(...) KSIM_WDK_CALL(DbgPrintEx, __VA_ARGS__)
#define KeBugCheckEx(...) KSIM_WDK_CALL(KeBugCheckEx, __VA_ARGS__)
#define KeBugCheck(...) KSIM_WDK_CALL(KeBugCheck, __VA_ARGS__)

/* Waits and dispatcher objects. */
#define KeWaitForSingleObject(...) KSIM_WDK_CALL(KeWaitForSingleObject, __VA_ARGS__)
#define KeWaitForMultipleObjects(...) KSIM_WDK_CALL(KeWaitForMultipleObjects, __VA_ARGS__)
#define KeDelayExecutionThread(...) KSIM_WDK_CALL(KeDelayExecutionThread, __VA_ARGS__)
#define KeInitializeMutex(...) KSIM_WDK_CALL(KeInitializeMutex, __VA_ARGS__)
#define KeReadStateMutex(...) KSIM_WDK_CALL(KeReadStateMutex, __VA_ARGS__)
#define KeReleaseMutex(...) KSIM_WDK_CALL(KeReleaseMutex, __VA_ARGS__)
#define KeInitializeEvent(...) KSIM_WDK_CALL(KeInitializeEvent, __VA_ARGS__)
#define KeSetEvent(...) KSIM_WDK_CALL(KeSetEvent, __VA_ARGS__)
#define KeResetEvent(...) KSIM_WDK_CALL(KeResetEvent, __VA_ARGS__)
#define KeClearEvent(...) KSIM_WDK_CALL(KeClearEvent, __VA_ARGS__)
#define KePulseEvent(...) KSIM_WDK_CALL(KePulseEvent, __VA_ARGS__)
#define KeReadStateEvent(...) KSIM_WDK_CALL(KeReadStateEvent, __VA_ARGS__)
#define KeInitializeSemaphore(...) KSIM_WDK_CALL(KeInitializeSemaphore, __VA_ARGS__)
#define KeReleaseSemaphore(...) KSIM_WDK_CALL(KeReleaseSemaphore, __VA_ARGS__)
#define KeReadStateSemaphore(...) KSIM_WDK_CALL(KeReadStateSemaphore, __VA_ARGS__)
#define KeInitializeTimer(...) KSIM_WDK_CALL(KeInitializeTimer, __VA_ARGS__)
#define KeInitializeTimerEx(...) KSIM_WDK_CALL(KeInitializeTimerEx, __VA_ARGS__)
#define KeSetTimer(...) KSIM_WDK_CALL(KeSetTimer, __VA_ARGS__)
#define KeSetTimerEx(...) KSIM_WDK_CALL(KeSetTimerEx, __VA_ARGS__)
#define KeCancelTimer(...) KSIM_WDK_CALL(KeCancelTimer, __VA_ARGS__)
#define KeReadStateTimer(...) KSIM_WDK_CALL(KeReadStateTimer, __VA_ARGS__)
#define KeInitializeDpc(...) KSIM_WDK_CALL(KeInitializeDpc, __VA_ARGS__)
#define KeInsertQueueDpc(...) KSIM_WDK_CALL(KeInsertQueueDpc, __VA_ARGS__)
#define KeRemoveQueueDpc(...) KSIM_WDK_CALL(KeRemoveQueueDpc, __VA_ARGS__)
#define KeSetImportanceDpc(...) KSIM_WDK_CALL(KeSetImportanceDpc, __VA_ARGS__)

/* IRQL, spin locks, critical regions (KeRaiseIrql/KeAcquireSpinLock expand to these). */
#define KeGetCurrentIrql(...) KSIM_WDK_CALL(KeGetCurrentIrql, __VA_ARGS__)
#define KfRaiseIrql(...) KSIM_WDK_CALL(KfRaiseIrql, __VA_ARGS__)
#define KeLowerIrql(...) KSIM_WDK_CALL(KeLowerIrql, __VA_ARGS__)
#define KeRaiseIrqlToDpcLevel(...) KSIM_WDK_CALL(KeRaiseIrqlToDpcLevel, __VA_ARGS__)
#define KeInitializeSpinLock(...) KSIM_WDK_CALL(KeInitializeSpinLock, __VA_ARGS__)
#define KeAcquireSpinLockRaiseToDpc(...) KSIM_WDK_CALL(KeAcquireSpinLockRaiseToDpc, __VA_ARGS__)
#define KeReleaseSpinLock(...) KSIM_WDK_CALL(KeReleaseSpinLock, __VA_ARGS__)
#define KeAcquireSpinLockAtDpcLevel(...) KSIM_WDK_CALL(KeAcquireSpinLockAtDpcLevel, __VA_ARGS__)
#define KeReleaseSpinLockFromDpcLevel(...) KSIM_WDK_CALL(KeReleaseSpinLockFromDpcLevel, __VA_ARGS__)
#define KeEnterCriticalRegion(...) KSIM_WDK_CALL(KeEnterCriticalRegion, __VA_ARGS__)
#define KeLeaveCriticalRegion(...) KSIM_WDK_CALL(KeLeaveCriticalRegion, __VA_ARGS__)
#define KeAreApcsDisabled(...) KSIM_WDK_CALL(KeAreApcsDisabled, __VA_ARGS__)

/* Time, threads, processors. */
#define KeQueryInterruptTime(...) KSIM_WDK_CALL(KeQueryInterruptTime, __VA_ARGS__)
#define KeQueryInterruptTimePrecise(...) KSIM_WDK_CALL(KeQueryInterruptTimePrecise, __VA_ARGS__)
#define KeQuerySystemTime(...) KSIM_WDK_CALL(KeQuerySystemTime, __VA_ARGS__)
#define KeQuerySystemTimePrecise(...) KSIM_WDK_CALL(KeQuerySystemTimePrecise, __VA_ARGS__)
#define KeQueryTickCount(...) KSIM_WDK_CALL(KeQueryTickCount, __VA_ARGS__)
#define KeQueryTimeIncrement(...) KSIM_WDK_CALL(KeQueryTimeIncrement, __VA_ARGS__)
#define KeGetCurrentThread(...) KSIM_WDK_CALL(KeGetCurrentThread, __VA_ARGS__)
#define KeQueryPriorityThread(...) KSIM_WDK_CALL(KeQueryPriorityThread, __VA_ARGS__)
#define KeSetPriorityThread(...) KSIM_WDK_CALL(KeSetPriorityThread, __VA_ARGS__)
#define KeGetCurrentProcessorNumber(...) KSIM_WDK_CALL(KeGetCurrentProcessorNumber, __VA_ARGS__)
#define KeGetCurrentProcessorNumberEx(...) KSIM_WDK_CALL(KeGetCurrentProcessorNumberEx, __VA_ARGS__)
#define KeYieldProcessor(...) KSIM_WDK_CALL(KeYieldProcessor, __VA_ARGS__)

/* Pool and fast mutexes. */
#define ExAllocatePool2(...) KSIM_WDK_CALL(ExAllocatePool2, __VA_ARGS__)
#define ExAllocatePoolWithTag(...) KSIM_WDK_CALL(ExAllocatePoolWithTag, __VA_ARGS__)
#define ExAllocatePool(...) KSIM_WDK_CALL(ExAllocatePool, __VA_ARGS__)
#define ExFreePool(...) KSIM_WDK_CALL(ExFreePool, __VA_ARGS__)
#define ExFreePoolWithTag(...) KSIM_WDK_CALL(ExFreePoolWithTag, __VA_ARGS__)
#define ExInitializeFastMutex(...) KSIM_WDK_CALL(ExInitializeFastMutex, __VA_ARGS__)
#define ExAcquireFastMutex(...) KSIM_WDK_CALL(ExAcquireFastMutex, __VA_ARGS__)
#define ExReleaseFastMutex(...) KSIM_WDK_CALL(ExReleaseFastMutex, __VA_ARGS__)
#define ExTryToAcquireFastMutex(...) KSIM_WDK_CALL(ExTryToAcquireFastMutex, __VA_ARGS__)
#define ExQueueWorkItem(...) KSIM_WDK_CALL(ExQueueWorkItem, __VA_ARGS__)

/* I/O manager and files. */
#define IoCreateDevice(...) KSIM_WDK_CALL(IoCreateDevice, __VA_ARGS__)
#define IoDeleteDevice(...) KSIM_WDK_CALL(IoDeleteDevice, __VA_ARGS__)
#define IoAllocateWorkItem(...) KSIM_WDK_CALL(IoAllocateWorkItem, __VA_ARGS__)
#define IoQueueWorkItem(...) KSIM_WDK_CALL(IoQueueWorkItem, __VA_ARGS__)
#define IoFreeWorkItem(...) KSIM_WDK_CALL(IoFreeWorkItem, __VA_ARGS__)
#define ZwCreateFile(...) KSIM_WDK_CALL(ZwCreateFile, __VA_ARGS__)
#define ZwOpenFile(...) KSIM_WDK_CALL(ZwOpenFile, __VA_ARGS__)
#define ZwReadFile(...) KSIM_WDK_CALL(ZwReadFile, __VA_ARGS__)
#define ZwWriteFile(...) KSIM_WDK_CALL(ZwWriteFile, __VA_ARGS__)
#define ZwSetInformationFile(...) KSIM_WDK_CALL(ZwSetInformationFile, __VA_ARGS__)
#define ZwQueryInformationFile(...) KSIM_WDK_CALL(ZwQueryInformationFile, __VA_ARGS__)

/* Processes, threads, handles and objects. */
#define PsCreateSystemThread(...) KSIM_WDK_CALL(PsCreateSystemThread, __VA_ARGS__)
#define PsTerminateSystemThread(...) KSIM_WDK_CALL(PsTerminateSystemThread, __VA_ARGS__)
#define PsGetCurrentThread(...) KSIM_WDK_CALL(PsGetCurrentThread, __VA_ARGS__)
#define PsGetCurrentThreadId(...) KSIM_WDK_CALL(PsGetCurrentThreadId, __VA_ARGS__)
#define PsGetCurrentProcess(...) KSIM_WDK_CALL(PsGetCurrentProcess, __VA_ARGS__)
#define PsGetCurrentProcessId(...) KSIM_WDK_CALL(PsGetCurrentProcessId, __VA_ARGS__)
#define PsSetCreateProcessNotifyRoutine(...) KSIM_WDK_CALL(PsSetCreateProcessNotifyRoutine, __VA_ARGS__)
#define PsLookupProcessByProcessId(...) KSIM_WDK_CALL(PsLookupProcessByProcessId, __VA_ARGS__)
#define SeLocateProcessImageName(...) KSIM_WDK_CALL(SeLocateProcessImageName, __VA_ARGS__)
#define ObReferenceObjectByHandle(...) KSIM_WDK_CALL(ObReferenceObjectByHandle, __VA_ARGS__)
#define ObfReferenceObject(...) KSIM_WDK_CALL(ObfReferenceObject, __VA_ARGS__)
#define ObfDereferenceObject(...) KSIM_WDK_CALL(ObfDereferenceObject, __VA_ARGS__)
#define ZwClose(...) KSIM_WDK_CALL(ZwClose, __VA_ARGS__)
#define ZwWaitForSingleObject(...) KSIM_WDK_CALL(ZwWaitForSingleObject, __VA_ARGS__)
#endif

#endif /* KSIM_WDK_CALLSITE_H */
