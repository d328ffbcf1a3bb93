#include <doctest/doctest.h>

#include "volume_test_support.h"

using namespace ksim::volume;
using ksim::volume::test::kShareAll;
using ksim::volume::test::kSync;
using ksim::volume::test::temp_path;

namespace {

struct DispositionCase {
  const char* name;
  std::uint32_t disposition;
  NTSTATUS status_if_missing;
  std::uint64_t information_if_missing;
  NTSTATUS status_if_existing;
  std::uint64_t information_if_existing;
  std::size_t size_after_existing;  // the existing file held 3 bytes
};

constexpr DispositionCase kDispositions[] = {
    {"FILE_SUPERSEDE", FILE_SUPERSEDE, STATUS_SUCCESS, FILE_CREATED, STATUS_SUCCESS, FILE_SUPERSEDED, 0},
    {"FILE_OPEN", FILE_OPEN, STATUS_OBJECT_NAME_NOT_FOUND, FILE_DOES_NOT_EXIST, STATUS_SUCCESS, FILE_OPENED, 3},
    {"FILE_CREATE", FILE_CREATE, STATUS_SUCCESS, FILE_CREATED, STATUS_OBJECT_NAME_COLLISION, FILE_EXISTS, 3},
    {"FILE_OPEN_IF", FILE_OPEN_IF, STATUS_SUCCESS, FILE_CREATED, STATUS_SUCCESS, FILE_OPENED, 3},
    {"FILE_OVERWRITE", FILE_OVERWRITE, STATUS_OBJECT_NAME_NOT_FOUND, FILE_DOES_NOT_EXIST, STATUS_SUCCESS,
     FILE_OVERWRITTEN, 0},
    {"FILE_OVERWRITE_IF", FILE_OVERWRITE_IF, STATUS_SUCCESS, FILE_CREATED, STATUS_SUCCESS, FILE_OVERWRITTEN, 0},
};

}  // namespace

TEST_CASE("every disposition on a missing file") {
  for (const DispositionCase& c : kDispositions) {
    CAPTURE(c.name);
    Volume volume = test::seed_volume();
    const CreateResult r = volume.create(temp_path(u"new.txt"), GENERIC_WRITE, 0, c.disposition, kSync, 0);
    CHECK(r.status == c.status_if_missing);
    CHECK(r.information == c.information_if_missing);
    CHECK((r.id != FileHandleId::none) == nt_success(c.status_if_missing));
    CHECK(volume.exists(u"C:\\Temp\\new.txt") == nt_success(c.status_if_missing));
    CHECK(volume.contents(u"C:\\Temp\\new.txt") ==
          (nt_success(c.status_if_missing) ? std::optional<std::string>("") : std::nullopt));
  }
}

TEST_CASE("every disposition on an existing file") {
  for (const DispositionCase& c : kDispositions) {
    CAPTURE(c.name);
    Volume volume = test::seed_volume();
    test::make_file(volume, temp_path(u"old.txt"), "abc");
    const CreateResult r = volume.create(temp_path(u"old.txt"), GENERIC_WRITE, 0, c.disposition, kSync, 0);
    CHECK(r.status == c.status_if_existing);
    CHECK(r.information == c.information_if_existing);
    CHECK(volume.contents(u"C:\\Temp\\old.txt")->size() == c.size_after_existing);
    CHECK(volume.handle_count() == (nt_success(c.status_if_existing) ? 1u : 0u));
  }
}

TEST_CASE("missing parents and files in the middle of a path") {
  Volume volume = test::seed_volume();
  CHECK(volume.create(u"\\??\\C:\\Nope\\x.txt", GENERIC_WRITE, 0, FILE_OPEN_IF, kSync, 0).status ==
        STATUS_OBJECT_PATH_NOT_FOUND);
  CHECK(volume.create(u"\\??\\C:\\Nope\\Deeper\\x.txt", GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).status ==
        STATUS_OBJECT_PATH_NOT_FOUND);
  CHECK(volume.open(u"\\??\\C:\\Temp\\missing.txt", GENERIC_READ, 0, kSync).status == STATUS_OBJECT_NAME_NOT_FOUND);
  test::make_file(volume, temp_path(u"f.txt"), "x");
  CHECK(volume.create(temp_path(u"f.txt\\x"), GENERIC_WRITE, 0, FILE_OPEN_IF, kSync, 0).status ==
        STATUS_OBJECT_PATH_NOT_FOUND);
  CHECK_FALSE(volume.exists(u"C:\\Nope"));
}

TEST_CASE("bad paths fail before the file system sees them") {
  Volume volume = test::seed_volume();
  CHECK(volume.create(u"C:\\Temp\\x", GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).status == STATUS_OBJECT_PATH_SYNTAX_BAD);
  CHECK(volume.create(u"", GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).status == STATUS_OBJECT_NAME_INVALID);
  CHECK(volume.create(temp_path(u"file<1>.txt"), GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).status ==
        STATUS_OBJECT_NAME_INVALID);
  CHECK(volume.create(temp_path(u"a:stream"), GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).status ==
        STATUS_OBJECT_NAME_INVALID);
  CHECK(volume.create(u"\\??\\D:\\x", GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).status == STATUS_OBJECT_PATH_NOT_FOUND);
  CHECK(volume.create(u"\\??\\C:", GENERIC_READ, kShareAll, FILE_OPEN, kSync, 0).status == STATUS_NOT_IMPLEMENTED);
  CHECK(volume.list(u"C:\\Temp").empty());
}

TEST_CASE("directories and FILE_DIRECTORY_FILE / FILE_NON_DIRECTORY_FILE") {
  Volume volume = test::seed_volume();
  test::make_file(volume, temp_path(u"f.txt"), "x");
  CHECK(volume.open(temp_path(u"f.txt"), GENERIC_READ, 0, FILE_DIRECTORY_FILE | kSync).status ==
        STATUS_NOT_A_DIRECTORY);
  CHECK(volume.open(u"\\??\\C:\\Temp", GENERIC_READ, 0, FILE_NON_DIRECTORY_FILE | kSync).status ==
        STATUS_FILE_IS_A_DIRECTORY);
  CHECK(volume.create(temp_path(u"d"), GENERIC_READ, 0, FILE_OVERWRITE_IF, FILE_DIRECTORY_FILE | kSync, 0).status ==
        STATUS_INVALID_PARAMETER);
  CHECK(volume.open(u"\\??\\C:\\Temp", GENERIC_READ, 0, FILE_DIRECTORY_FILE | FILE_NON_DIRECTORY_FILE | kSync).status ==
        STATUS_INVALID_PARAMETER);

  const CreateResult dir =
      volume.create(temp_path(u"Sub"), GENERIC_READ, kShareAll, FILE_CREATE, FILE_DIRECTORY_FILE | kSync, 0);
  REQUIRE(dir.status == STATUS_SUCCESS);
  CHECK(dir.information == FILE_CREATED);
  CHECK(volume.query_standard(dir.id).info.Directory);
  CHECK(volume.query_basic(dir.id).info.FileAttributes == FILE_ATTRIBUTE_DIRECTORY);
  CHECK(volume.create(temp_path(u"sub\\inner.txt"), GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).status == STATUS_SUCCESS);
  CHECK(volume.list(u"C:\\Temp\\Sub") == std::vector<std::u16string>{u"inner.txt"});
  // A directory has no data to overwrite, so the name counts as taken.
  CHECK(volume.create(temp_path(u"Sub"), GENERIC_WRITE, 0, FILE_OVERWRITE_IF, kSync, 0).status ==
        STATUS_OBJECT_NAME_COLLISION);

  // A trailing separator insists on a directory.
  CHECK(volume.open(temp_path(u"Sub\\"), GENERIC_READ, kShareAll, kSync).status == STATUS_SUCCESS);
  CHECK(volume.open(temp_path(u"f.txt\\"), GENERIC_READ, kShareAll, kSync).status == STATUS_OBJECT_NAME_INVALID);
  CHECK(volume.create(temp_path(u"g.txt\\"), GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).status ==
        STATUS_OBJECT_NAME_INVALID);
  CHECK(volume.open(u"\\??\\C:\\", GENERIC_READ, kShareAll, kSync).status == STATUS_SUCCESS);
}

TEST_CASE("create-time parameter checks") {
  Volume volume = test::seed_volume();
  CHECK(volume.create(temp_path(u"x"), GENERIC_WRITE, 0, 6, kSync, 0).status == STATUS_INVALID_PARAMETER);
  // Synchronous I/O needs SYNCHRONIZE; FILE_WRITE_DATA alone does not carry it (GENERIC_WRITE does).
  CHECK(volume.create(temp_path(u"x"), FILE_WRITE_DATA, 0, FILE_CREATE, kSync, 0).status == STATUS_INVALID_PARAMETER);
  CHECK(volume
            .create(temp_path(u"x"), GENERIC_WRITE, 0, FILE_CREATE,
                    FILE_SYNCHRONOUS_IO_ALERT | FILE_SYNCHRONOUS_IO_NONALERT, 0)
            .status == STATUS_INVALID_PARAMETER);
  CHECK(volume.create(temp_path(u"x"), GENERIC_WRITE, 0, FILE_CREATE, FILE_DELETE_ON_CLOSE, 0).status ==
        STATUS_INVALID_PARAMETER);
  CHECK_FALSE(volume.exists(u"C:\\Temp\\x"));
  CHECK(volume.create(temp_path(u"x"), FILE_WRITE_DATA, 0, FILE_CREATE, 0, 0).status == STATUS_SUCCESS);
}

TEST_CASE("attributes: ARCHIVE on new files, READONLY, HIDDEN") {
  Volume volume = test::seed_volume();
  const CreateResult normal =
      volume.create(temp_path(u"n.txt"), GENERIC_ALL, 0, FILE_CREATE, kSync, FILE_ATTRIBUTE_NORMAL);
  CHECK(volume.query_basic(normal.id).info.FileAttributes == FILE_ATTRIBUTE_ARCHIVE);

  const CreateResult ro =
      volume.create(temp_path(u"ro.txt"), GENERIC_ALL, 0, FILE_CREATE, kSync, FILE_ATTRIBUTE_READONLY);
  REQUIRE(ro.status == STATUS_SUCCESS);
  CHECK(volume.query_basic(ro.id).info.FileAttributes == (FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_ARCHIVE));
  volume.close(ro.id);
  CHECK(volume.open(temp_path(u"ro.txt"), GENERIC_WRITE, 0, kSync).status == STATUS_ACCESS_DENIED);
  CHECK(volume.create(temp_path(u"ro.txt"), GENERIC_READ, 0, FILE_OVERWRITE, kSync, 0).status == STATUS_ACCESS_DENIED);
  CHECK(volume.open(temp_path(u"ro.txt"), GENERIC_READ | DELETE, 0, FILE_DELETE_ON_CLOSE | kSync).status ==
        STATUS_CANNOT_DELETE);
  CHECK(volume.open(temp_path(u"ro.txt"), GENERIC_READ, 0, kSync).status == STATUS_SUCCESS);

  const CreateResult hidden =
      volume.create(temp_path(u"h.txt"), GENERIC_WRITE, 0, FILE_CREATE, kSync, FILE_ATTRIBUTE_HIDDEN);
  volume.close(hidden.id);
  CHECK(volume.create(temp_path(u"h.txt"), GENERIC_WRITE, 0, FILE_OVERWRITE_IF, kSync, FILE_ATTRIBUTE_NORMAL).status ==
        STATUS_ACCESS_DENIED);
  const CreateResult again = volume.create(temp_path(u"h.txt"), GENERIC_WRITE | FILE_READ_ATTRIBUTES, 0,
                                           FILE_OVERWRITE_IF, kSync, FILE_ATTRIBUTE_HIDDEN);
  CHECK(again.information == FILE_OVERWRITTEN);
  CHECK(volume.query_basic(again.id).info.FileAttributes == (FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_ARCHIVE));
}

TEST_CASE("names are case-insensitive and case-preserving") {
  Volume volume = test::seed_volume();
  test::make_file(volume, u"\\??\\C:\\Temp\\MixedCase.TXT", "hi");
  const CreateResult opened = volume.open(u"\\dosdevices\\c:\\TEMP\\mixedcase.txt", GENERIC_READ, 0, kSync);
  CHECK(opened.status == STATUS_SUCCESS);
  CHECK(opened.information == FILE_OPENED);
  CHECK(volume.create(u"\\??\\C:\\temp\\MIXEDCASE.txt", GENERIC_READ, FILE_SHARE_READ, FILE_CREATE, kSync, 0).status ==
        STATUS_OBJECT_NAME_COLLISION);
  CHECK(volume.list(u"C:\\Temp") == std::vector<std::u16string>{u"MixedCase.TXT"});
  CHECK(volume.contents(u"c:\\temp\\MIXEDCASE.TXT") == "hi");
  CHECK(volume.query_name(opened.id).info == u"\\Temp\\MixedCase.TXT");

  test::make_file(volume, temp_path(u"\u00e9t\u00e9.txt"), "summer");  // été
  CHECK(volume.contents(u"C:\\Temp\\\u00c9T\u00c9.TXT") == "summer");
}

TEST_CASE("files keep ids in creation order and list() sorts by upper-cased name") {
  Volume volume = test::seed_volume();  // root 0, Temp 1, Temp2 2
  for (std::u16string_view name : {u"b.txt", u"A.txt", u"c.txt", u"_x"}) test::make_file(volume, temp_path(name), "");
  CHECK(volume.list(u"C:\\Temp") == std::vector<std::u16string>{u"A.txt", u"b.txt", u"c.txt", u"_x"});
  CHECK(volume.list(u"C:\\") == std::vector<std::u16string>{u"Temp", u"Temp2"});
  const CreateResult b = volume.open(temp_path(u"b.txt"), GENERIC_READ, 0, kSync);
  CHECK(b.id == FileHandleId{5});  // four make_file handles came first
  CHECK(volume.query_internal(b.id).info == FileId{3});
}

TEST_CASE("the constructor creates directories with their parents") {
  Volume volume({u"C:\\a\\b\\c", u"c:\\A\\d"});
  CHECK(volume.list(u"C:\\a") == std::vector<std::u16string>{u"b", u"d"});
  CHECK(volume.exists(u"C:\\a\\b\\c"));
  CHECK(volume.exists(u"\\??\\C:\\A\\B\\C"));
  CHECK(Volume().list(u"C:\\").empty());
  CHECK_THROWS_AS(Volume({u"D:\\x"}), std::invalid_argument);
  CHECK_THROWS_AS(Volume({u"C:\\a|b"}), std::invalid_argument);
}
