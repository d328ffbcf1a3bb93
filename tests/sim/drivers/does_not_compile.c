NTSTATUS DriverEntry(PDRIVER_OBJECT d, PUNICODE_STRING r) { return undefined_thing(d); }
#include <ntddk.h>
