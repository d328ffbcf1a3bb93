// System work items: ExQueueWorkItem and the I/O manager's IoQueueWorkItem, run by a worker thread.
#include "ddi_support.h"

namespace kc = ksim::kcall;

// The I/O manager's work item: the device it holds a reference on, and what to call.
struct _IO_WORKITEM {
  PDEVICE_OBJECT DeviceObject;
  PIO_WORKITEM_ROUTINE Routine;
  PVOID Context;
};

extern "C" {

VOID ExQueueWorkItem(PWORK_QUEUE_ITEM WorkItem, WORK_QUEUE_TYPE) {
  // The worker reads the item when it takes it, as ExpWorkerThread does.
  auto run = [](void* item, void*) {
    const auto* work = static_cast<PWORK_QUEUE_ITEM>(item);
    work->WorkerRoutine(work->Parameter);
  };
  kc::queue_work_item(run, WorkItem, nullptr, reinterpret_cast<const void*>(WorkItem->WorkerRoutine), WorkItem->Parameter,
                      WorkItem, KSIM_CALLER);
}

PIO_WORKITEM IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject) {
  auto* item = static_cast<PIO_WORKITEM>(kc::allocate_pool(sizeof(_IO_WORKITEM), KSIM_CALLER));
  item->DeviceObject = DeviceObject;
  return item;
}

VOID IoQueueWorkItem(PIO_WORKITEM IoWorkItem, PIO_WORKITEM_ROUTINE WorkerRoutine, WORK_QUEUE_TYPE, PVOID Context) {
  IoWorkItem->Routine = WorkerRoutine;
  IoWorkItem->Context = Context;
  auto run = [](void* item, void*) {
    const auto* work = static_cast<PIO_WORKITEM>(item);
    work->Routine(work->DeviceObject, work->Context);
  };
  kc::queue_work_item(run, IoWorkItem, nullptr, reinterpret_cast<const void*>(WorkerRoutine), Context, IoWorkItem,
                      KSIM_CALLER);
}

VOID IoFreeWorkItem(PIO_WORKITEM IoWorkItem) { kc::free_pool(IoWorkItem, KSIM_CALLER); }

}  // extern "C"
