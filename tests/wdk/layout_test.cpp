// Constants, macros and inline helpers of the shim headers, seen from ksim's C++.
#include <doctest/doctest.h>

#include <ntifs.h>

#include <type_traits>

namespace {

struct BugCheck {
  ULONG code;
  ULONG_PTR parameter1;
};

}  // namespace

// The list helpers bug check on corruption; this binary supplies KeBugCheckEx as a throw.
extern "C" VOID KeBugCheckEx(ULONG BugCheckCode, ULONG_PTR BugCheckParameter1, ULONG_PTR, ULONG_PTR, ULONG_PTR) {
  throw BugCheck{BugCheckCode, BugCheckParameter1};
}

TEST_CASE("LLP64 types and the C++ WCHAR") {
  static_assert(std::is_same_v<WCHAR, char16_t>);
  static_assert(std::is_same_v<LONG, int> && std::is_same_v<ULONG, unsigned int>);
  static_assert(sizeof(NTSTATUS) == 4 && sizeof(KIRQL) == 1 && sizeof(KPROCESSOR_MODE) == 1);
  static_assert(sizeof(POOL_FLAGS) == 8 && sizeof(KSPIN_LOCK) == 8);
  LARGE_INTEGER interval;
  interval.QuadPart = -30 * 60 * 10000000LL;
  CHECK(interval.HighPart == -5);
  CHECK(interval.u.LowPart == interval.LowPart);
}

TEST_CASE("NTSTATUS values and severity macros") {
  CHECK(STATUS_TIMEOUT == 0x102);
  CHECK(STATUS_ABANDONED_WAIT_0 == 0x80);
  CHECK(static_cast<ULONG>(STATUS_MUTANT_NOT_OWNED) == 0xC0000046);
  CHECK(static_cast<ULONG>(STATUS_OBJECT_NAME_NOT_FOUND) == 0xC0000034);
  CHECK(static_cast<ULONG>(STATUS_INSUFFICIENT_RESOURCES) == 0xC000009A);
  CHECK(NT_SUCCESS(STATUS_PENDING));
  CHECK(NT_INFORMATION(STATUS_NO_YIELD_PERFORMED));
  CHECK(NT_WARNING(STATUS_BUFFER_OVERFLOW));
  CHECK(NT_ERROR(STATUS_MUTANT_LIMIT_EXCEEDED));
  CHECK_FALSE(NT_SUCCESS(STATUS_SEMAPHORE_LIMIT_EXCEEDED));
}

TEST_CASE("enumerations keep the Windows numbering") {
  CHECK(WrMutex == 29);
  CHECK(DelayExecution == 4);
  CHECK(WrFastMutex == 34);
  CHECK(MaximumWaitReason == 42);
  CHECK(WaitAny == 1);
  CHECK(SynchronizationEvent == 1);
  CHECK(FileRenameInformation == 10);
  CHECK(NonPagedPoolNx == 512);
  CHECK(IRP_MJ_MAXIMUM_FUNCTION + 1 == 28);
  CHECK(FILE_ALL_ACCESS == 0x1F01FF);
  CHECK(CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS) == 0x222000);
}

TEST_CASE("InitializeObjectAttributes, FIELD_OFFSET and CONTAINING_RECORD") {
  UNICODE_STRING name = RTL_CONSTANT_STRING(u"\\??\\C:\\Temp");
  OBJECT_ATTRIBUTES attributes;
  InitializeObjectAttributes(&attributes, &name, OBJ_CASE_INSENSITIVE | OBJ_KERNEL_HANDLE, nullptr, nullptr);
  CHECK(attributes.Length == sizeof(OBJECT_ATTRIBUTES));
  CHECK(attributes.ObjectName == &name);
  CHECK(attributes.Attributes == 0x240);
  CHECK(attributes.RootDirectory == nullptr);
  CHECK(attributes.SecurityQualityOfService == nullptr);

  KMUTANT mutant{};
  CHECK(FIELD_OFFSET(KMUTANT, MutantListEntry) == 0x18);
  CHECK(CONTAINING_RECORD(&mutant.MutantListEntry, KMUTANT, MutantListEntry) == &mutant);
  mutant.MutantFlags = 0;
  mutant.Abandoned = 1;
  mutant.AbEnabled = 1;
  CHECK(mutant.MutantFlags == 3);
}

TEST_CASE("list helpers: insert, remove, and the corruption bug check") {
  struct Item {
    LIST_ENTRY link;
    int id;
  };
  LIST_ENTRY head;
  InitializeListHead(&head);
  CHECK(IsListEmpty(&head));
  Item items[3] = {{{}, 0}, {{}, 1}, {{}, 2}};
  InsertTailList(&head, &items[1].link);
  InsertTailList(&head, &items[2].link);
  InsertHeadList(&head, &items[0].link);
  CHECK(CONTAINING_RECORD(head.Flink, Item, link)->id == 0);
  CHECK(CONTAINING_RECORD(head.Blink, Item, link)->id == 2);
  CHECK_FALSE(RemoveEntryList(&items[1].link));
  CHECK(RemoveTailList(&head) == &items[2].link);
  CHECK(RemoveHeadList(&head) == &items[0].link);
  CHECK(IsListEmpty(&head));
  CHECK(RemoveHeadList(&head) == &head);

  InsertTailList(&head, &items[0].link);
  items[0].link.Blink = &items[1].link;  // corrupt the back link
  try {
    RemoveEntryList(&items[0].link);
    FAIL("corruption went unnoticed");
  } catch (const BugCheck& bugcheck) {
    CHECK(bugcheck.code == KERNEL_SECURITY_CHECK_FAILURE);
    CHECK(bugcheck.parameter1 == FAST_FAIL_CORRUPT_LIST_ENTRY);
  }

  SINGLE_LIST_ENTRY stack{nullptr};
  SINGLE_LIST_ENTRY a;
  SINGLE_LIST_ENTRY b;
  PushEntryList(&stack, &a);
  PushEntryList(&stack, &b);
  CHECK(PopEntryList(&stack) == &b);
  CHECK(PopEntryList(&stack) == &a);
  CHECK(PopEntryList(&stack) == nullptr);
}

TEST_CASE("interlocked operations return Windows' old or new values") {
  volatile LONG value = 5;
  CHECK(InterlockedIncrement(&value) == 6);
  CHECK(InterlockedDecrement(&value) == 5);
  CHECK(InterlockedExchange(&value, 9) == 5);
  CHECK(InterlockedCompareExchange(&value, 1, 8) == 9);
  CHECK(value == 9);
  CHECK(InterlockedCompareExchange(&value, 1, 9) == 9);
  CHECK(value == 1);
  CHECK(InterlockedExchangeAdd(&value, 4) == 1);
  CHECK(InterlockedAdd(&value, 4) == 9);
  CHECK(InterlockedOr(&value, 0x10) == 9);
  CHECK(InterlockedAnd(&value, 0x18) == 0x19);
  CHECK(InterlockedXor(&value, 0x18) == 0x18);
  CHECK(value == 0);
  CHECK_FALSE(InterlockedBitTestAndSet(&value, 3));
  CHECK(InterlockedBitTestAndSet(&value, 3));
  CHECK(InterlockedBitTestAndReset(&value, 3));
  CHECK(value == 0);

  volatile LONG64 wide = 0x100000000LL;
  CHECK(InterlockedIncrement64(&wide) == 0x100000001LL);
  CHECK(InterlockedExchangeAdd64(&wide, -1) == 0x100000001LL);
  CHECK(InterlockedCompareExchange64(&wide, 7, 0x100000000LL) == 0x100000000LL);
  CHECK(wide == 7);

  int target = 0;
  PVOID volatile pointer = nullptr;
  CHECK(InterlockedCompareExchangePointer(&pointer, &target, nullptr) == nullptr);
  CHECK(InterlockedExchangePointer(&pointer, nullptr) == &target);
}

TEST_CASE("RtlCompareMemory counts the matching prefix") {
  const char a[] = "abcdef";
  const char b[] = "abcxef";
  CHECK(RtlCompareMemory(a, b, 6) == 3);
  CHECK(RtlCompareMemory(a, a, 6) == 6);
  CHECK(RtlEqualMemory(a, b, 3));
  char zeroed[4] = {1, 2, 3, 4};
  RtlSecureZeroMemory(zeroed, sizeof(zeroed));
  CHECK(RtlCompareMemory(zeroed, "\0\0\0\0", 4) == 4);
}
