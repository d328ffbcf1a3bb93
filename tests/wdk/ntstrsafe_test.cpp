// ntstrsafe.h: truncation, NUL termination and the status codes.
#include <doctest/doctest.h>

#include <ntifs.h>
#include <ntstrsafe.h>

#include <string>

namespace {

std::u16string text(const WCHAR* buffer) { return buffer; }

}  // namespace

TEST_CASE("RtlStringCchPrintfW: fits, truncates to cchDest-1 + NUL, rejects bad sizes") {
  WCHAR buffer[16];
  CHECK(RtlStringCchPrintfW(buffer, 16, u"file_%d.txt", 7) == STATUS_SUCCESS);
  CHECK(text(buffer) == u"file_7.txt");

  // 15 characters exactly fill a 16-character buffer; 16 do not.
  CHECK(RtlStringCchPrintfW(buffer, 16, u"%015d", 1) == STATUS_SUCCESS);
  CHECK(text(buffer) == u"000000000000001");
  CHECK(RtlStringCchPrintfW(buffer, 16, u"%016d", 1) == STATUS_BUFFER_OVERFLOW);
  CHECK(text(buffer) == u"000000000000000");
  CHECK(STATUS_BUFFER_OVERFLOW == static_cast<NTSTATUS>(0x80000005));
  CHECK(NT_WARNING(STATUS_BUFFER_OVERFLOW));
  CHECK_FALSE(NT_SUCCESS(STATUS_BUFFER_OVERFLOW));

  CHECK(RtlStringCchPrintfW(buffer, 1, u"abc") == STATUS_BUFFER_OVERFLOW);
  CHECK(buffer[0] == 0);

  buffer[0] = u'Q';
  CHECK(RtlStringCchPrintfW(buffer, 0, u"abc") == STATUS_INVALID_PARAMETER);
  CHECK(RtlStringCchPrintfW(buffer, static_cast<size_t>(NTSTRSAFE_MAX_CCH) + 1, u"abc") == STATUS_INVALID_PARAMETER);
  CHECK(buffer[0] == u'Q');
  CHECK(RtlStringCchPrintfW(buffer, NTSTRSAFE_MAX_CCH, u"ok") == STATUS_SUCCESS);
  CHECK(text(buffer) == u"ok");
}

TEST_CASE("the seed's 150-character path buffer") {
  WCHAR path[150];
  for (int i : {0, 999}) {
    CHECK(RtlStringCchPrintfW(path, sizeof(path) / sizeof(WCHAR), u"\\DosDevices\\C:\\Temp2\\NewFile_%d.txt", i) ==
          STATUS_SUCCESS);
  }
  CHECK(text(path) == u"\\DosDevices\\C:\\Temp2\\NewFile_999.txt");
}

TEST_CASE("RtlStringCbPrintfW/A count bytes; the A forms format narrow") {
  WCHAR wide[8];
  CHECK(RtlStringCbPrintfW(wide, sizeof(wide), u"%ws", u"1234567") == STATUS_SUCCESS);
  CHECK(text(wide) == u"1234567");
  CHECK(RtlStringCbPrintfW(wide, sizeof(wide), u"%ws", u"12345678") == STATUS_BUFFER_OVERFLOW);
  CHECK(text(wide) == u"1234567");
  CHECK(RtlStringCbPrintfW(wide, 1, u"x") == STATUS_INVALID_PARAMETER);  // no room for one WCHAR

  char narrow[6];
  CHECK(RtlStringCchPrintfA(narrow, sizeof(narrow), "%s-%ld", "ab", 0x100000001LL) == STATUS_SUCCESS);
  CHECK(std::string(narrow) == "ab-1");
  CHECK(RtlStringCbPrintfA(narrow, sizeof(narrow), "%ws", u"abcdefgh") == STATUS_BUFFER_OVERFLOW);
  CHECK(std::string(narrow) == "abcde");
}

TEST_CASE("RtlStringCchCopyW/CatW") {
  WCHAR buffer[8];
  CHECK(RtlStringCchCopyW(buffer, 8, u"abc") == STATUS_SUCCESS);
  CHECK(RtlStringCchCatW(buffer, 8, u"def") == STATUS_SUCCESS);
  CHECK(text(buffer) == u"abcdef");
  CHECK(RtlStringCchCatW(buffer, 8, u"ghi") == STATUS_BUFFER_OVERFLOW);
  CHECK(text(buffer) == u"abcdefg");
  CHECK(RtlStringCchCatW(buffer, 8, u"") == STATUS_SUCCESS);
  CHECK(RtlStringCchCatW(buffer, 7, u"x") == STATUS_INVALID_PARAMETER);  // no NUL within 7
  CHECK(RtlStringCchCopyW(buffer, 8, u"0123456789") == STATUS_BUFFER_OVERFLOW);
  CHECK(text(buffer) == u"0123456");
  CHECK(RtlStringCchCopyW(buffer, 0, u"a") == STATUS_INVALID_PARAMETER);
  CHECK(RtlStringCbCopyW(buffer, 4, u"abc") == STATUS_BUFFER_OVERFLOW);
  CHECK(text(buffer) == u"a");
  CHECK(RtlStringCbCatW(buffer, sizeof(buffer), u"bc") == STATUS_SUCCESS);
  CHECK(text(buffer) == u"abc");

  char narrow[4];
  CHECK(RtlStringCchCopyA(narrow, 4, "xyzw") == STATUS_BUFFER_OVERFLOW);
  CHECK(std::string(narrow) == "xyz");
  CHECK(RtlStringCbCopyA(narrow, 4, "x") == STATUS_SUCCESS);
  CHECK(RtlStringCchCatA(narrow, 4, "yz") == STATUS_SUCCESS);
  CHECK(RtlStringCbCatA(narrow, 4, "!") == STATUS_BUFFER_OVERFLOW);
  CHECK(std::string(narrow) == "xyz");
}

TEST_CASE("RtlStringCchLengthW/CbLengthW") {
  size_t length = 99;
  CHECK(RtlStringCchLengthW(u"hello", 6, &length) == STATUS_SUCCESS);
  CHECK(length == 5);
  CHECK(RtlStringCchLengthW(u"hello", 5, &length) == STATUS_INVALID_PARAMETER);  // no NUL within 5
  CHECK(length == 0);
  CHECK(RtlStringCchLengthW(nullptr, 5, &length) == STATUS_INVALID_PARAMETER);
  CHECK(RtlStringCchLengthW(u"x", 0, &length) == STATUS_INVALID_PARAMETER);
  CHECK(RtlStringCchLengthW(u"x", NTSTRSAFE_MAX_CCH, nullptr) == STATUS_SUCCESS);
  CHECK(RtlStringCbLengthW(u"hello", 12, &length) == STATUS_SUCCESS);
  CHECK(length == 10);
  CHECK(RtlStringCbLengthW(u"hello", 11, &length) == STATUS_INVALID_PARAMETER);
  CHECK(RtlStringCchLengthA("abc", 4, &length) == STATUS_SUCCESS);
  CHECK(length == 3);
  CHECK(RtlStringCbLengthA("abc", 3, &length) == STATUS_INVALID_PARAMETER);
}

TEST_CASE("RtlUnicodeStringInit: exact lengths, and the UNICODE_STRING size limit") {
  UNICODE_STRING string;
  CHECK(RtlUnicodeStringInit(&string, u"C:\\Temp") == STATUS_SUCCESS);
  CHECK(string.Length == 14);
  CHECK(string.MaximumLength == 16);

  CHECK(RtlUnicodeStringInit(&string, nullptr) == STATUS_SUCCESS);
  CHECK(string.Length == 0);
  CHECK(string.MaximumLength == 0);
  CHECK(string.Buffer == nullptr);

  std::u16string longest(NTSTRSAFE_UNICODE_STRING_MAX_CCH - 1, u'x');
  CHECK(RtlUnicodeStringInit(&string, longest.c_str()) == STATUS_SUCCESS);
  CHECK(string.Length == 65532);
  CHECK(string.MaximumLength == 65534);
  std::u16string too_long(NTSTRSAFE_UNICODE_STRING_MAX_CCH, u'x');
  CHECK(RtlUnicodeStringInit(&string, too_long.c_str()) == STATUS_INVALID_PARAMETER);
  CHECK(string.Length == 0);
  CHECK(string.MaximumLength == 0);
}

TEST_CASE("RtlUnicodeStringPrintf uses the whole buffer without a NUL") {
  WCHAR buffer[4];
  UNICODE_STRING string{0, sizeof(buffer), buffer};
  CHECK(RtlUnicodeStringPrintf(&string, u"%d", 1234) == STATUS_SUCCESS);
  CHECK(string.Length == 8);
  CHECK(std::u16string(buffer, 4) == u"1234");
  CHECK(RtlUnicodeStringPrintf(&string, u"%ws", u"abcdef") == STATUS_BUFFER_OVERFLOW);
  CHECK(string.Length == 8);
  CHECK(std::u16string(buffer, 4) == u"abcd");
  UNICODE_STRING odd{0, 3, buffer};
  CHECK(RtlUnicodeStringPrintf(&odd, u"x") == STATUS_INVALID_PARAMETER);
}
