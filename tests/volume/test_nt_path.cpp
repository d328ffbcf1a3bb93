#include <doctest/doctest.h>

#include "volume/nt_path.h"

using namespace ksim::volume;

namespace {

// Parses and joins the components with '|' so a check reads as one string.
std::u16string parsed(std::u16string_view path, NTSTATUS expected = STATUS_SUCCESS) {
  VolumePath out;
  const NTSTATUS status = parse_nt_path(path, out);
  CHECK(status == expected);
  std::u16string joined;
  for (std::u16string_view c : out.components) joined += std::u16string(c) + u"|";
  return joined;
}

NTSTATUS status_of(std::u16string_view path) {
  VolumePath out;
  return parse_nt_path(path, out);
}

}  // namespace

TEST_CASE("object-manager prefixes that reach volume C:") {
  CHECK(parsed(u"\\DosDevices\\C:\\Temp\\file_1.txt") == u"Temp|file_1.txt|");
  CHECK(parsed(u"\\??\\C:\\Temp\\x") == u"Temp|x|");
  CHECK(parsed(u"\\GLOBAL??\\C:\\Temp\\x") == u"Temp|x|");
  CHECK(parsed(u"\\Device\\HarddiskVolume3\\Temp\\x") == u"Temp|x|");
  // The object manager honours OBJ_CASE_INSENSITIVE for its own names too.
  CHECK(parsed(u"\\dosdevices\\c:\\Temp\\x") == u"Temp|x|");
  CHECK(parsed(u"\\global??\\c:\\Temp") == u"Temp|");
}

TEST_CASE("root, volume and trailing separators") {
  VolumePath out;
  REQUIRE(parse_nt_path(u"\\??\\C:\\", out) == STATUS_SUCCESS);
  CHECK(out.components.empty());
  CHECK_FALSE(out.names_volume);

  REQUIRE(parse_nt_path(u"\\??\\C:", out) == STATUS_SUCCESS);
  CHECK(out.names_volume);

  REQUIRE(parse_nt_path(u"\\??\\C:\\Temp\\", out) == STATUS_SUCCESS);
  CHECK(out.components.size() == 1);
  CHECK(out.trailing_separator);
}

TEST_CASE("paths the object manager rejects or cannot resolve") {
  CHECK(status_of(u"") == STATUS_OBJECT_NAME_INVALID);
  CHECK(status_of(u"C:\\Temp\\x") == STATUS_OBJECT_PATH_SYNTAX_BAD);  // relative, no RootDirectory
  CHECK(status_of(u"Temp\\x") == STATUS_OBJECT_PATH_SYNTAX_BAD);
  CHECK(status_of(u"\\??\\D:\\x") == STATUS_OBJECT_PATH_NOT_FOUND);
  CHECK(status_of(u"\\??\\D:") == STATUS_OBJECT_NAME_NOT_FOUND);
  CHECK(status_of(u"\\??\\C:x") == STATUS_OBJECT_NAME_NOT_FOUND);
  CHECK(status_of(u"\\Foo") == STATUS_OBJECT_NAME_NOT_FOUND);
  CHECK(status_of(u"\\Foo\\C:\\x") == STATUS_OBJECT_PATH_NOT_FOUND);
  CHECK(status_of(u"\\Device\\HarddiskVolume9\\x") == STATUS_OBJECT_PATH_NOT_FOUND);
  CHECK(status_of(u"\\") == STATUS_OBJECT_TYPE_MISMATCH);
  CHECK(status_of(u"\\??") == STATUS_OBJECT_TYPE_MISMATCH);
  CHECK(status_of(u"\\DosDevices\\") == STATUS_OBJECT_TYPE_MISMATCH);
}

TEST_CASE("file names NTFS refuses") {
  for (std::u16string_view bad :
       {u"\\??\\C:\\Temp\\a<b", u"\\??\\C:\\Temp\\a>b", u"\\??\\C:\\Temp\\a:b", u"\\??\\C:\\Temp\\a\"b",
        u"\\??\\C:\\Temp\\a|b", u"\\??\\C:\\Temp\\a?b", u"\\??\\C:\\Temp\\a*b", u"\\??\\C:\\Temp\\a/b",
        u"\\??\\C:\\Temp\\a\tb", u"\\??\\C:\\Temp\\.", u"\\??\\C:\\Temp\\..", u"\\??\\C:\\Temp\\..\\x",
        u"\\??\\C:\\Temp\\\\x", u"\\??\\C:\\\\"}) {
    CAPTURE(std::string(bad.begin(), bad.end()));
    CHECK(status_of(bad) == STATUS_OBJECT_NAME_INVALID);
  }
  CHECK(status_of(u"\\??\\C:\\" + std::u16string(255, u'a')) == STATUS_SUCCESS);
  CHECK(status_of(u"\\??\\C:\\" + std::u16string(256, u'a')) == STATUS_OBJECT_NAME_INVALID);
  CHECK(is_valid_file_name(u"file_1.txt"));
  CHECK(is_valid_file_name(u"with space and.dots..txt"));
  CHECK_FALSE(is_valid_file_name(u""));
  CHECK_FALSE(is_valid_file_name(std::u16string(1, u'\0')));
}

TEST_CASE("DOS-style paths for the constructor and inspection") {
  VolumePath out;
  REQUIRE(parse_dos_path(u"c:\\Temp\\x", out) == STATUS_SUCCESS);
  CHECK(out.components.size() == 2);
  REQUIRE(parse_dos_path(u"C:", out) == STATUS_SUCCESS);
  CHECK(out.components.empty());
  CHECK_FALSE(out.names_volume);
  CHECK(parse_dos_path(u"D:\\x", out) == STATUS_OBJECT_PATH_SYNTAX_BAD);
}

TEST_CASE("upcase folds ASCII, Latin-1, Greek and Cyrillic") {
  std::u16string key;
  upcase(u"file_1.txt", key);
  CHECK(key == u"FILE_1.TXT");
  upcase(u"\u00e9t\u00e9 \u00ff \u00f7", key);  // été ÿ ÷
  CHECK(key == u"\u00c9T\u00c9 \u0178 \u00f7");
  upcase(u"\u03b1\u03c2\u03c3", key);  // α ς σ
  CHECK(key == u"\u0391\u03a3\u03a3");
  upcase(u"\u0436\u0451", key);  // ж ё
  CHECK(key == u"\u0416\u0401");
  CHECK(upcase(u'\u4e2d') == u'\u4e2d');
}
