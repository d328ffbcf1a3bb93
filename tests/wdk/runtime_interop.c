/* Driver-side C (-fshort-wchar) calling ksim's C++ runtime: L"..." buffers, wchar_t
 * varargs and UNICODE_STRINGs must mean the same on both sides. test_wdk links this
 * against libksim_wdk_rt.a and runs it; the exit code is the number of failed checks. */
#include <ntifs.h>
#include <ntstrsafe.h>
#include <stdio.h>

void KsimNoteCallSite(const char *file, int line) {
  (void)file;
  (void)line;
}

static int failures;

#define EXPECT(condition)                                    \
  do {                                                       \
    if (!(condition)) {                                      \
      printf("%s:%d: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                            \
    }                                                        \
  } while (0)

int main(void) {
  WCHAR path[150];
  UNICODE_STRING name;
  char narrow[16];

  EXPECT(RtlStringCchPrintfW(path, sizeof(path) / sizeof(WCHAR), L"\\DosDevices\\C:\\Temp\\file_%d.txt", 7) ==
         STATUS_SUCCESS);
  EXPECT(wcscmp(path, L"\\DosDevices\\C:\\Temp\\file_7.txt") == 0);
  EXPECT(wcslen(path) == 30);
  RtlInitUnicodeString(&name, path);
  EXPECT(name.Length == 60 && name.MaximumLength == 62 && name.Buffer == path);

  EXPECT(RtlStringCchPrintfW(path, 150, L"%ws|%wZ|%S|%c|%C|%ld|%I64x", L"w", &name, "n", L'x', 'y', 0x100000007LL,
                             0xabcdef012345ULL) == STATUS_SUCCESS);
  EXPECT(wcscmp(path, L"w|\\DosDevices\\C:\\Temp\\file_7.txt|n|x|y|7|abcdef012345") == 0);
  EXPECT(RtlStringCchPrintfA(narrow, sizeof(narrow), "%ws-%hs", L"wide", "narrow") == STATUS_SUCCESS);
  EXPECT(strcmp(narrow, "wide-narrow") == 0);
  EXPECT(_snwprintf(path, 3, L"%d", 12345) == -1);
  EXPECT(_wcsicmp(L"C:\\TEMP", L"c:\\temp") == 0);
  return failures;
}
