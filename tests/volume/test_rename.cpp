#include <doctest/doctest.h>

#include "volume_test_support.h"

using namespace ksim::volume;
using ksim::volume::test::kShareAll;
using ksim::volume::test::kSync;
using ksim::volume::test::temp_path;

namespace {

constexpr std::uint32_t kShareReadWrite = FILE_SHARE_READ | FILE_SHARE_WRITE;

// Opens a file the way the seed's FileMoveThread does.
FileHandleId open_for_move(Volume& volume, std::u16string_view nt_path) {
  const CreateResult r = volume.open(nt_path, FILE_ALL_ACCESS, kShareReadWrite, kSync);
  REQUIRE(r.status == STATUS_SUCCESS);
  return r.id;
}

}  // namespace

TEST_CASE("rename across directories; the handle follows the file") {
  Volume volume = test::seed_volume();
  test::make_file(volume, temp_path(u"file_0.txt"), "payload");
  const FileHandleId h = open_for_move(volume, temp_path(u"file_0.txt"));
  CHECK(volume.rename(h, u"\\DosDevices\\C:\\Temp2\\NewFile_0.txt", true) == STATUS_SUCCESS);
  CHECK_FALSE(volume.exists(u"C:\\Temp\\file_0.txt"));
  CHECK(volume.contents(u"C:\\Temp2\\NewFile_0.txt") == "payload");
  CHECK(volume.query_name(h).info == u"\\Temp2\\NewFile_0.txt");
  CHECK(volume.open_count(u"C:\\Temp2\\NewFile_0.txt") == 1);

  // Writes through the old handle land in the renamed file.
  volume.write(h, std::nullopt, "!");
  CHECK(volume.contents(u"C:\\Temp2\\NewFile_0.txt") == "!ayload");
  CHECK(volume.close(h) == STATUS_SUCCESS);
  CHECK(volume.list(u"C:\\Temp").empty());
  CHECK(volume.list(u"C:\\Temp2") == std::vector<std::u16string>{u"NewFile_0.txt"});
}

TEST_CASE("rename onto an existing name") {
  Volume volume = test::seed_volume();
  test::make_file(volume, temp_path(u"src.txt"), "new");
  test::make_file(volume, u"\\??\\C:\\Temp2\\dst.txt", "old");
  const FileHandleId h = open_for_move(volume, temp_path(u"src.txt"));

  SUBCASE("without ReplaceIfExists it collides") {
    CHECK(volume.rename(h, u"\\??\\C:\\Temp2\\DST.TXT", false) == STATUS_OBJECT_NAME_COLLISION);
    CHECK(volume.contents(u"C:\\Temp2\\dst.txt") == "old");
    CHECK(volume.contents(u"C:\\Temp\\src.txt") == "new");
  }
  SUBCASE("with ReplaceIfExists it replaces, taking the new spelling") {
    CHECK(volume.rename(h, u"\\??\\C:\\Temp2\\DST.TXT", true) == STATUS_SUCCESS);
    CHECK(volume.contents(u"C:\\Temp2\\dst.txt") == "new");
    CHECK(volume.list(u"C:\\Temp2") == std::vector<std::u16string>{u"DST.TXT"});
  }
  SUBCASE("an open target cannot be replaced") {
    const CreateResult target = volume.open(u"\\??\\C:\\Temp2\\dst.txt", FILE_READ_ATTRIBUTES, 0, 0);
    CHECK(volume.rename(h, u"\\??\\C:\\Temp2\\dst.txt", true) == STATUS_ACCESS_DENIED);
    volume.close(target.id);
    CHECK(volume.rename(h, u"\\??\\C:\\Temp2\\dst.txt", true) == STATUS_SUCCESS);
  }
  SUBCASE("a directory is never replaced") {
    CHECK(volume.rename(h, u"\\??\\C:\\Temp2", true) == STATUS_ACCESS_DENIED);
    CHECK(volume.exists(u"C:\\Temp\\src.txt"));
  }
}

TEST_CASE("rename failures that leave everything in place") {
  Volume volume = test::seed_volume();
  test::make_file(volume, temp_path(u"src.txt"), "x");

  SUBCASE("no DELETE access") {
    const CreateResult h = volume.open(temp_path(u"src.txt"), GENERIC_READ | GENERIC_WRITE, kShareReadWrite, kSync);
    CHECK(volume.rename(h.id, u"\\??\\C:\\Temp2\\x.txt", true) == STATUS_ACCESS_DENIED);
  }
  SUBCASE("missing target directory") {
    const FileHandleId h = open_for_move(volume, temp_path(u"src.txt"));
    CHECK(volume.rename(h, u"\\??\\C:\\Temp3\\x.txt", true) == STATUS_OBJECT_PATH_NOT_FOUND);
    CHECK(volume.rename(h, u"\\??\\C:\\Temp3\\deeper\\x.txt", true) == STATUS_OBJECT_PATH_NOT_FOUND);
    CHECK(volume.rename(h, u"\\??\\D:\\x.txt", true) == STATUS_OBJECT_PATH_NOT_FOUND);
  }
  SUBCASE("bad target names") {
    const FileHandleId h = open_for_move(volume, temp_path(u"src.txt"));
    CHECK(volume.rename(h, u"\\??\\C:\\Temp2\\x?.txt", true) == STATUS_OBJECT_NAME_INVALID);
    CHECK(volume.rename(h, u"\\??\\C:\\Temp2\\", true) == STATUS_OBJECT_NAME_INVALID);
    CHECK(volume.rename(h, u"Temp2\\x.txt", true) == STATUS_OBJECT_NAME_INVALID);  // relative, not a bare name
    CHECK(volume.rename(h, u"", true) == STATUS_OBJECT_NAME_INVALID);
  }
  CHECK(volume.contents(u"C:\\Temp\\src.txt") == "x");
  CHECK(volume.list(u"C:\\Temp2").empty());
}

TEST_CASE("a bare name renames in place, including a change of case") {
  Volume volume = test::seed_volume();
  test::make_file(volume, temp_path(u"a.txt"), "x");
  const FileHandleId h = open_for_move(volume, temp_path(u"a.txt"));
  CHECK(volume.rename(h, u"b.txt", false) == STATUS_SUCCESS);
  CHECK(volume.list(u"C:\\Temp") == std::vector<std::u16string>{u"b.txt"});
  CHECK(volume.rename(h, u"B.TXT", false) == STATUS_SUCCESS);  // the target is the file itself
  CHECK(volume.list(u"C:\\Temp") == std::vector<std::u16string>{u"B.TXT"});
  CHECK(volume.rename(h, u"\\??\\C:\\Temp\\b.Txt", false) == STATUS_SUCCESS);
  CHECK(volume.query_name(h).info == u"\\Temp\\b.Txt");
}

TEST_CASE("renaming directories") {
  Volume volume({u"C:\\Temp\\Sub\\Inner", u"C:\\Temp2"});
  test::make_file(volume, temp_path(u"Sub\\f.txt"), "x");
  const CreateResult dir = volume.open(temp_path(u"Sub"), DELETE | SYNCHRONIZE, kShareAll, FILE_DIRECTORY_FILE | kSync);
  REQUIRE(dir.status == STATUS_SUCCESS);

  CHECK(volume.rename(dir.id, temp_path(u"Sub\\Inner\\Moved"), false) == STATUS_INVALID_PARAMETER);  // into itself
  const CreateResult child = volume.open(temp_path(u"Sub\\f.txt"), FILE_READ_ATTRIBUTES, 0, 0);
  CHECK(volume.rename(dir.id, u"\\??\\C:\\Temp2\\Sub", false) == STATUS_ACCESS_DENIED);  // a child is open
  volume.close(child.id);
  CHECK(volume.rename(dir.id, u"\\??\\C:\\Temp2\\Sub", false) == STATUS_SUCCESS);
  CHECK(volume.contents(u"C:\\Temp2\\Sub\\f.txt") == "x");
  CHECK(volume.exists(u"C:\\Temp2\\Sub\\Inner"));
  CHECK_FALSE(volume.exists(u"C:\\Temp\\Sub"));

  const CreateResult root = volume.open(u"\\??\\C:\\", FILE_ALL_ACCESS, kShareAll, kSync);
  CHECK(volume.rename(root.id, u"\\??\\C:\\Root", false) == STATUS_INVALID_PARAMETER);
}
