// The 16-bit wcs* CRT and the legacy _snprintf family.
#include <doctest/doctest.h>

#include <ntifs.h>

#include <string>

TEST_CASE("KsimWcslen / KsimWcsnlen count 16-bit units") {
  CHECK(KsimWcslen(u"") == 0);
  CHECK(KsimWcslen(u"\\DosDevices\\C:\\Temp2\\NewFile_7.txt") == 34);
  CHECK(KsimWcsnlen(u"abcdef", 3) == 3);
  CHECK(KsimWcsnlen(u"ab", 3) == 2);
}

TEST_CASE("KsimWcscpy / KsimWcscat / KsimWcsncpy") {
  WCHAR buffer[16];
  CHECK(KsimWcscpy(buffer, u"abc") == buffer);
  CHECK(KsimWcscat(buffer, u"def") == buffer);
  CHECK(std::u16string(buffer) == u"abcdef");

  WCHAR padded[6] = {u'#', u'#', u'#', u'#', u'#', u'#'};
  KsimWcsncpy(padded, u"ab", 5);
  CHECK(std::u16string(padded, 6) == std::u16string(u"ab\0\0\0#", 6));
  KsimWcsncpy(padded, u"abcdefgh", 3);
  CHECK(std::u16string(padded, 6) == std::u16string(u"abc\0\0#", 6));  // no NUL added
}

TEST_CASE("KsimWcscmp / KsimWcsncmp / KsimWcsicmp / KsimWcsnicmp") {
  CHECK(KsimWcscmp(u"abc", u"abc") == 0);
  CHECK(KsimWcscmp(u"abc", u"abd") < 0);
  CHECK(KsimWcscmp(u"abd", u"abc") > 0);
  CHECK(KsimWcscmp(u"ab", u"abc") < 0);
  CHECK(KsimWcscmp(u"\u20ac", u"a") > 0);  // unsigned 16-bit units
  CHECK(KsimWcsncmp(u"abcX", u"abcY", 3) == 0);
  CHECK(KsimWcsncmp(u"abcX", u"abcY", 4) < 0);
  CHECK(KsimWcsicmp(u"C:\\TEMP", u"c:\\temp") == 0);
  CHECK(KsimWcsicmp(u"_", u"A") < 0);             // compared as lowercase: '_' < 'a'
  CHECK(KsimWcsicmp(u"\u00c9", u"\u00e9") != 0);  // only ASCII folds
  CHECK(KsimWcsnicmp(u"ABCx", u"abcy", 3) == 0);
}

TEST_CASE("KsimWcschr / KsimWcsrchr / KsimWcsstr") {
  const WCHAR* path = u"C:\\Temp\\file.txt";
  CHECK(KsimWcschr(path, u'\\') == path + 2);
  CHECK(KsimWcsrchr(path, u'\\') == path + 7);
  CHECK(KsimWcschr(path, u'?') == nullptr);
  CHECK(KsimWcschr(path, 0) == path + 16);
  CHECK(KsimWcsstr(path, u"file") == path + 8);
  CHECK(KsimWcsstr(path, u"") == path);
  CHECK(KsimWcsstr(path, u"nope") == nullptr);
}

TEST_CASE("_snwprintf / _snprintf: count, -1 on overflow, no NUL when exactly full") {
  WCHAR wide[6] = {u'#', u'#', u'#', u'#', u'#', u'#'};
  CHECK(KsimSnwprintf(wide, 6, u"%d", 123) == 3);
  CHECK(std::u16string(wide) == u"123");
  CHECK(KsimSnwprintf(wide, 5, u"%ws", u"abcde") == 5);
  CHECK(std::u16string(wide, 6) == u"abcde#");  // no NUL: it exactly filled Count
  CHECK(KsimSnwprintf(wide, 3, u"%ws", u"xyzw") == -1);
  CHECK(std::u16string(wide, 3) == u"xyz");

  char narrow[4];
  CHECK(KsimSnprintf(narrow, 4, "%ws", u"ab") == 2);
  CHECK(std::string(narrow) == "ab");
  CHECK(KsimSnprintf(narrow, 4, "%I64u", 12345ULL) == -1);
  CHECK(KsimSnprintf(nullptr, 0, "") == 0);
}
