// Ps* thread and process DDIs, and the object manager's handles.
#include "ddi_support.h"

namespace kc = ksim::kcall;

namespace {
constexpr ULONG SystemProcessId = 4;
}

extern "C" {

// The object types drivers pass to ObReferenceObjectByHandle; ksim checks a handle by its kind.
POBJECT_TYPE* PsThreadType = nullptr;
POBJECT_TYPE* PsProcessType = nullptr;
POBJECT_TYPE* ExEventObjectType = nullptr;

NTSTATUS PsCreateSystemThread(PHANDLE ThreadHandle, ULONG, POBJECT_ATTRIBUTES, HANDLE, PCLIENT_ID ClientId,
                              PKSTART_ROUTINE StartRoutine, PVOID StartContext) {
  std::uint64_t handle = 0;
  const NTSTATUS status = kc::create_system_thread(StartRoutine, StartContext, &handle, KSIM_CALLER);
  if (ThreadHandle) *ThreadHandle = reinterpret_cast<HANDLE>(handle);
  if (ClientId) {
    std::uint64_t thread = 0;
    kc::reference_by_handle(handle, &thread);
    ClientId->UniqueProcess = reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(SystemProcessId));
    ClientId->UniqueThread = nullptr;
  }
  return status;
}

NTSTATUS PsTerminateSystemThread(NTSTATUS) { kc::terminate_thread(); }

PETHREAD PsGetCurrentThread(VOID) { return reinterpret_cast<PETHREAD>(kc::current_thread()); }
HANDLE PsGetCurrentThreadId(VOID) { return reinterpret_cast<HANDLE>(kc::current_thread_id()); }
PEPROCESS PsGetCurrentProcess(VOID) { return reinterpret_cast<PEPROCESS>(kc::current_process()); }
HANDLE PsGetCurrentProcessId(VOID) { return reinterpret_cast<HANDLE>(static_cast<std::uintptr_t>(SystemProcessId)); }

// Process notifications never fire: no process is created while a scenario runs.
NTSTATUS PsSetCreateProcessNotifyRoutine(PCREATE_PROCESS_NOTIFY_ROUTINE, BOOLEAN) { return STATUS_SUCCESS; }

NTSTATUS PsLookupProcessByProcessId(HANDLE ProcessId, PEPROCESS* Process) {
  if (reinterpret_cast<std::uintptr_t>(ProcessId) != SystemProcessId) return STATUS_INVALID_PARAMETER;
  *Process = reinterpret_cast<PEPROCESS>(kc::current_process());
  return STATUS_SUCCESS;
}

NTSTATUS SeLocateProcessImageName(PEPROCESS, PUNICODE_STRING* pImageFileName) {
  *pImageFileName = nullptr;
  return STATUS_NOT_FOUND;
}

NTSTATUS ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK, POBJECT_TYPE, KPROCESSOR_MODE, PVOID* Object,
                                   POBJECT_HANDLE_INFORMATION) {
  std::uint64_t object = 0;
  const NTSTATUS status = kc::reference_by_handle(reinterpret_cast<std::uintptr_t>(Handle), &object);
  if (NT_SUCCESS(status)) *Object = reinterpret_cast<PVOID>(object);
  return status;
}

// Objects live as long as the run: reference counts are not modelled.
LONG_PTR FASTCALL ObfReferenceObject(PVOID) { return 1; }
LONG_PTR FASTCALL ObfDereferenceObject(PVOID) { return 0; }

NTSTATUS ZwClose(HANDLE Handle) { return kc::close_handle(reinterpret_cast<std::uintptr_t>(Handle), KSIM_CALLER); }

NTSTATUS ZwWaitForSingleObject(HANDLE Handle, BOOLEAN Alertable, PLARGE_INTEGER Timeout) {
  std::uint64_t object = 0;
  const NTSTATUS status = kc::reference_by_handle(reinterpret_cast<std::uintptr_t>(Handle), &object);
  if (!NT_SUCCESS(status)) return status;
  return kc::wait_single(reinterpret_cast<PVOID>(object), Executive, KernelMode, Alertable,
                         quad_of(Timeout), KSIM_CALLER);
}

}  // extern "C"

