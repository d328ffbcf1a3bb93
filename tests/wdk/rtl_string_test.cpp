// Counted-string Rtl routines.
#include <doctest/doctest.h>

#include <ntifs.h>

#include <string>

TEST_CASE("RtlInitUnicodeString: Length without the NUL, MaximumLength with it") {
  UNICODE_STRING string;
  const WCHAR* path = u"\\DosDevices\\C:\\Temp\\file_0.txt";
  RtlInitUnicodeString(&string, path);
  CHECK(string.Length == 60);
  CHECK(string.MaximumLength == 62);
  CHECK(string.Buffer == path);

  RtlInitUnicodeString(&string, u"");
  CHECK(string.Length == 0);
  CHECK(string.MaximumLength == 2);

  RtlInitUnicodeString(&string, nullptr);
  CHECK(string.Length == 0);
  CHECK(string.MaximumLength == 0);
  CHECK(string.Buffer == nullptr);
}

TEST_CASE("RtlInitUnicodeString clamps strings too long for a UNICODE_STRING") {
  UNICODE_STRING string;
  const std::u16string longest(32766, u'x');
  RtlInitUnicodeString(&string, longest.c_str());
  CHECK(string.Length == 0xFFFC);
  CHECK(string.MaximumLength == 0xFFFE);
  const std::u16string huge(100000, u'x');
  RtlInitUnicodeString(&string, huge.c_str());
  CHECK(string.Length == 0xFFFC);
  CHECK(string.MaximumLength == 0xFFFE);
}

TEST_CASE("RtlInitAnsiString / RtlInitString") {
  ANSI_STRING ansi;
  RtlInitAnsiString(&ansi, "Hello");
  CHECK(ansi.Length == 5);
  CHECK(ansi.MaximumLength == 6);
  RtlInitAnsiString(&ansi, nullptr);
  CHECK(ansi.Length == 0);
  CHECK(ansi.MaximumLength == 0);
  CHECK(ansi.Buffer == nullptr);
  STRING plain;
  const std::string huge(70000, 'x');
  RtlInitString(&plain, huge.c_str());
  CHECK(plain.Length == 0xFFFE);
  CHECK(plain.MaximumLength == 0xFFFF);
}

TEST_CASE("RtlCopyUnicodeString copies what fits and NUL-terminates when there is room") {
  UNICODE_STRING source;
  RtlInitUnicodeString(&source, u"abcdef");
  WCHAR big[10] = {};
  UNICODE_STRING destination{0, sizeof(big), big};
  RtlCopyUnicodeString(&destination, &source);
  CHECK(destination.Length == 12);
  CHECK(std::u16string(big) == u"abcdef");

  WCHAR small[4] = {u'#', u'#', u'#', u'#'};
  UNICODE_STRING exact{0, sizeof(small), small};
  RtlCopyUnicodeString(&exact, &source);
  CHECK(exact.Length == 8);
  CHECK(std::u16string(small, 4) == u"abcd");  // full: no NUL written

  RtlCopyUnicodeString(&destination, nullptr);
  CHECK(destination.Length == 0);
}

TEST_CASE("RtlCompareUnicodeString / RtlEqualUnicodeString") {
  UNICODE_STRING a;
  UNICODE_STRING b;
  RtlInitUnicodeString(&a, u"C:\\Temp\\File");
  RtlInitUnicodeString(&b, u"c:\\TEMP\\file");
  CHECK(RtlCompareUnicodeString(&a, &b, FALSE) < 0);
  CHECK(RtlCompareUnicodeString(&b, &a, FALSE) > 0);
  CHECK(RtlCompareUnicodeString(&a, &b, TRUE) == 0);
  CHECK(RtlEqualUnicodeString(&a, &b, TRUE));
  CHECK_FALSE(RtlEqualUnicodeString(&a, &b, FALSE));

  UNICODE_STRING prefix;
  RtlInitUnicodeString(&prefix, u"C:\\Temp");
  CHECK(RtlCompareUnicodeString(&prefix, &a, FALSE) < 0);
  CHECK_FALSE(RtlEqualUnicodeString(&prefix, &a, TRUE));

  // Case-insensitive comparison upcases, so '_' sorts after letters.
  UNICODE_STRING underscore;
  UNICODE_STRING letter;
  RtlInitUnicodeString(&underscore, u"_");
  RtlInitUnicodeString(&letter, u"a");
  CHECK(RtlCompareUnicodeString(&underscore, &letter, TRUE) > 0);
}

TEST_CASE("RtlUpcaseUnicodeChar") {
  CHECK(RtlUpcaseUnicodeChar(u'a') == u'A');
  CHECK(RtlUpcaseUnicodeChar(u'Z') == u'Z');
  CHECK(RtlUpcaseUnicodeChar(u'_') == u'_');
  CHECK(RtlUpcaseUnicodeChar(u'\u00e9') == u'\u00c9');
  CHECK(RtlUpcaseUnicodeChar(u'\u00f7') == u'\u00f7');
  CHECK(RtlUpcaseUnicodeChar(u'\u00ff') == u'\u0178');
  CHECK(RtlUpcaseUnicodeChar(u'\u03c9') == u'\u03a9');
  CHECK(RtlUpcaseUnicodeChar(u'\u03c2') == u'\u03a3');
  CHECK(RtlUpcaseUnicodeChar(u'\u0436') == u'\u0416');
  CHECK(RtlUpcaseUnicodeChar(u'\u0451') == u'\u0401');
}

TEST_CASE("RtlAppendUnicodeToString / RtlAppendUnicodeStringToString") {
  WCHAR buffer[8] = {};
  UNICODE_STRING destination{0, sizeof(buffer), buffer};
  CHECK(RtlAppendUnicodeToString(&destination, u"abc") == STATUS_SUCCESS);
  UNICODE_STRING tail;
  RtlInitUnicodeString(&tail, u"defg");
  CHECK(RtlAppendUnicodeStringToString(&destination, &tail) == STATUS_SUCCESS);
  CHECK(destination.Length == 14);
  CHECK(std::u16string(buffer) == u"abcdefg");
  CHECK(RtlAppendUnicodeToString(&destination, u"hi") == STATUS_BUFFER_TOO_SMALL);
  CHECK(destination.Length == 14);
  CHECK(RtlAppendUnicodeToString(&destination, u"h") == STATUS_SUCCESS);
  CHECK(destination.Length == 16);
  CHECK(RtlAppendUnicodeToString(&destination, nullptr) == STATUS_SUCCESS);
}

TEST_CASE("RTL_CONSTANT_STRING, DECLARE_CONST_UNICODE_STRING, DECLARE_UNICODE_STRING_SIZE") {
  UNICODE_STRING constant = RTL_CONSTANT_STRING(u"\\Device\\Ksim");
  CHECK(constant.Length == 24);
  CHECK(constant.MaximumLength == 26);
  ANSI_STRING ansi = RTL_CONSTANT_STRING("ansi");
  CHECK(ansi.Length == 4);
  CHECK(ansi.MaximumLength == 5);
  DECLARE_CONST_UNICODE_STRING(name, u"abc");
  CHECK(name.Length == 6);
  CHECK(name.MaximumLength == 8);
  CHECK(std::u16string(name.Buffer) == u"abc");
  DECLARE_UNICODE_STRING_SIZE(scratch, 20);
  CHECK(scratch.Length == 0);
  CHECK(scratch.MaximumLength == 40);
  CHECK(scratch.Buffer == scratch_buffer);
}
