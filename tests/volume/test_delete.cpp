#include <doctest/doctest.h>

#include "volume_test_support.h"

using namespace ksim::volume;
using ksim::volume::test::kShareAll;
using ksim::volume::test::kSync;
using ksim::volume::test::temp_path;

TEST_CASE("FILE_DELETE_ON_CLOSE deletes at the last close") {
  Volume volume = test::seed_volume();
  const CreateResult temp =
      volume.create(temp_path(u"t.tmp"), GENERIC_ALL, kShareAll, FILE_CREATE, FILE_DELETE_ON_CLOSE | kSync, 0);
  REQUIRE(temp.status == STATUS_SUCCESS);
  const CreateResult other = volume.open(temp_path(u"t.tmp"), GENERIC_READ, kShareAll, kSync);
  REQUIRE(other.status == STATUS_SUCCESS);

  volume.close(temp.id);
  // Now delete-pending: the name still exists but cannot be opened or reused.
  CHECK(volume.exists(u"C:\\Temp\\t.tmp"));
  CHECK(volume.query_standard(other.id).info.DeletePending);
  CHECK(volume.open(temp_path(u"t.tmp"), GENERIC_READ, kShareAll, kSync).status == STATUS_DELETE_PENDING);
  CHECK(volume.create(temp_path(u"t.tmp"), GENERIC_WRITE, kShareAll, FILE_CREATE, kSync, 0).status ==
        STATUS_DELETE_PENDING);

  volume.close(other.id);
  CHECK_FALSE(volume.exists(u"C:\\Temp\\t.tmp"));
  CHECK(volume.create(temp_path(u"t.tmp"), GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).information == FILE_CREATED);
}

TEST_CASE("FileDispositionInformation") {
  Volume volume({u"C:\\Temp\\Full"});
  test::make_file(volume, temp_path(u"Full\\f.txt"), "x");

  const CreateResult no_delete = volume.open(temp_path(u"Full\\f.txt"), GENERIC_READ, kShareAll, kSync);
  CHECK(volume.set_disposition(no_delete.id, true) == STATUS_ACCESS_DENIED);

  const CreateResult dir = volume.open(temp_path(u"Full"), DELETE, kShareAll, FILE_DIRECTORY_FILE);
  CHECK(volume.set_disposition(dir.id, true) == STATUS_DIRECTORY_NOT_EMPTY);

  const CreateResult file = volume.open(temp_path(u"Full\\f.txt"), DELETE, kShareAll, 0);
  CHECK(volume.set_disposition(file.id, true) == STATUS_SUCCESS);
  CHECK(volume.set_disposition(file.id, false) == STATUS_SUCCESS);  // changed its mind
  volume.close(file.id);
  volume.close(no_delete.id);
  CHECK(volume.exists(u"C:\\Temp\\Full\\f.txt"));

  CHECK(volume.delete_file(temp_path(u"Full\\f.txt")) == STATUS_SUCCESS);
  CHECK_FALSE(volume.exists(u"C:\\Temp\\Full\\f.txt"));
  CHECK(volume.set_disposition(dir.id, true) == STATUS_SUCCESS);
  // Nothing may be created in a directory that is going away.
  CHECK(volume.create(temp_path(u"Full\\g.txt"), GENERIC_WRITE, 0, FILE_CREATE, kSync, 0).status ==
        STATUS_DELETE_PENDING);
  volume.close(dir.id);
  CHECK(volume.list(u"C:\\Temp").empty());
  CHECK(volume.handle_count() == 0);
}

TEST_CASE("ZwDeleteFile failures") {
  Volume volume = test::seed_volume();
  CHECK(volume.delete_file(temp_path(u"missing")) == STATUS_OBJECT_NAME_NOT_FOUND);
  const CreateResult ro =
      volume.create(temp_path(u"ro.txt"), GENERIC_WRITE, 0, FILE_CREATE, kSync, FILE_ATTRIBUTE_READONLY);
  CHECK(volume.delete_file(temp_path(u"ro.txt")) == STATUS_SHARING_VIOLATION);  // open without FILE_SHARE_DELETE
  volume.close(ro.id);
  CHECK(volume.delete_file(temp_path(u"ro.txt")) == STATUS_CANNOT_DELETE);
  CHECK(volume.delete_file(u"\\??\\C:\\") == STATUS_CANNOT_DELETE);
  CHECK(volume.exists(u"C:\\Temp\\ro.txt"));
  CHECK(volume.handle_count() == 0);
}
