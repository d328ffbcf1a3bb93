#include <doctest/doctest.h>

#include <array>

#include "volume_test_support.h"

using namespace ksim::volume;
using ksim::volume::test::kShareAll;
using ksim::volume::test::kSync;
using ksim::volume::test::temp_path;

namespace {

std::string read_all(Volume& volume, FileHandleId id, std::int64_t offset, std::size_t length) {
  std::string buffer(length, '\0');
  const IoResult r = volume.read(id, offset, buffer);
  buffer.resize(r.information);
  return buffer;
}

}  // namespace

TEST_CASE("synchronous handles write and read at their current position") {
  Volume volume = test::seed_volume();
  const CreateResult h = volume.create(temp_path(u"f.txt"), GENERIC_READ | GENERIC_WRITE, 0, FILE_CREATE, kSync, 0);
  REQUIRE(h.status == STATUS_SUCCESS);
  CHECK(volume.write(h.id, std::nullopt, "Hello, ").information == 7);
  CHECK(volume.write(h.id, FILE_USE_FILE_POINTER_POSITION, "World!").information == 6);
  CHECK(volume.query_position(h.id).info == 13);
  CHECK(volume.contents(u"C:\\Temp\\f.txt") == "Hello, World!");

  REQUIRE(volume.set_position(h.id, 7) == STATUS_SUCCESS);
  std::array<char, 4> buffer{};
  const IoResult r = volume.read(h.id, std::nullopt, buffer);
  CHECK(r.status == STATUS_SUCCESS);
  CHECK(r.information == 4);
  CHECK(std::string(buffer.data(), 4) == "Worl");
  CHECK(volume.query_position(h.id).info == 11);

  // A short read returns what is left; the next one hits the end.
  CHECK(volume.read(h.id, std::nullopt, buffer).information == 2);
  const IoResult at_end = volume.read(h.id, std::nullopt, buffer);
  CHECK(at_end.status == STATUS_END_OF_FILE);
  CHECK(at_end.information == 0);
  CHECK(volume.read(h.id, 100, buffer).status == STATUS_END_OF_FILE);
  CHECK(volume.read(h.id, std::nullopt, std::span<char>()).status == STATUS_SUCCESS);  // zero length never fails
  CHECK(volume.set_position(h.id, -1) == STATUS_INVALID_PARAMETER);
}

TEST_CASE("explicit offsets, gaps and appends") {
  Volume volume = test::seed_volume();
  const CreateResult h = volume.create(temp_path(u"f.txt"), GENERIC_READ | GENERIC_WRITE, 0, FILE_CREATE, kSync, 0);
  volume.write(h.id, std::int64_t{4}, "xy");
  CHECK(volume.contents(u"C:\\Temp\\f.txt") == std::string("\0\0\0\0xy", 6));
  volume.write(h.id, std::int64_t{1}, "ab");
  CHECK(volume.contents(u"C:\\Temp\\f.txt") == std::string("\0ab\0xy", 6));
  volume.write(h.id, FILE_WRITE_TO_END_OF_FILE, "!");
  CHECK(volume.contents(u"C:\\Temp\\f.txt") == std::string("\0ab\0xy!", 7));
  CHECK(read_all(volume, h.id, 1, 3) == std::string("ab\0", 3));
  CHECK(volume.write(h.id, std::int64_t{-5}, "z").status == STATUS_INVALID_PARAMETER);
  CHECK(volume.write(h.id, std::int64_t{1} << 40, "z").status == STATUS_DISK_FULL);

  // A handle with FILE_APPEND_DATA but not FILE_WRITE_DATA always writes at the end.
  const CreateResult appender = volume.open(temp_path(u"f.txt"), FILE_APPEND_DATA | SYNCHRONIZE, kShareAll, kSync);
  CHECK(appender.status == STATUS_SHARING_VIOLATION);  // the first handle shares nothing
  volume.close(h.id);
  const CreateResult appender2 = volume.open(temp_path(u"f.txt"), FILE_APPEND_DATA | SYNCHRONIZE, kShareAll, kSync);
  REQUIRE(appender2.status == STATUS_SUCCESS);
  volume.write(appender2.id, std::int64_t{0}, "END");
  CHECK(volume.contents(u"C:\\Temp\\f.txt") == std::string("\0ab\0xy!END", 10));
}

TEST_CASE("asynchronous handles need an explicit offset") {
  Volume volume = test::seed_volume();
  const CreateResult h = volume.create(temp_path(u"f.txt"), FILE_READ_DATA | FILE_WRITE_DATA, 0, FILE_CREATE, 0, 0);
  REQUIRE(h.status == STATUS_SUCCESS);
  CHECK(volume.write(h.id, std::nullopt, "x").status == STATUS_INVALID_PARAMETER);
  CHECK(volume.write(h.id, FILE_USE_FILE_POINTER_POSITION, "x").status == STATUS_INVALID_PARAMETER);
  CHECK(volume.write(h.id, std::int64_t{0}, "abc").information == 3);
  CHECK(volume.query_position(h.id).info == 0);  // only synchronous handles track a position
  std::array<char, 2> buffer{};
  CHECK(volume.read(h.id, std::nullopt, buffer).status == STATUS_INVALID_PARAMETER);
  CHECK(volume.read(h.id, std::int64_t{1}, buffer).information == 2);
}

TEST_CASE("I/O needs the matching access and a file") {
  Volume volume = test::seed_volume();
  test::make_file(volume, temp_path(u"f.txt"), "data");
  std::array<char, 4> buffer{};

  const CreateResult reader = volume.open(temp_path(u"f.txt"), GENERIC_READ, kShareAll, kSync);
  CHECK(volume.write(reader.id, std::nullopt, "x").status == STATUS_ACCESS_DENIED);
  CHECK(volume.read(reader.id, std::nullopt, buffer).information == 4);

  const CreateResult writer = volume.open(temp_path(u"f.txt"), GENERIC_WRITE, kShareAll, kSync);
  CHECK(volume.read(writer.id, std::nullopt, buffer).status == STATUS_ACCESS_DENIED);

  const CreateResult attributes = volume.open(temp_path(u"f.txt"), FILE_READ_ATTRIBUTES, 0, 0);
  CHECK(volume.read(attributes.id, std::int64_t{0}, buffer).status == STATUS_ACCESS_DENIED);
  CHECK(volume.query_basic(attributes.id).status == STATUS_SUCCESS);
  CHECK(volume.query_basic(writer.id).status == STATUS_ACCESS_DENIED);  // GENERIC_WRITE lacks FILE_READ_ATTRIBUTES

  const CreateResult dir = volume.open(u"\\??\\C:\\Temp", GENERIC_ALL, kShareAll, kSync);
  CHECK(volume.read(dir.id, std::nullopt, buffer).status == STATUS_INVALID_DEVICE_REQUEST);
  CHECK(volume.write(dir.id, std::nullopt, "x").status == STATUS_INVALID_DEVICE_REQUEST);
}

TEST_CASE("query information reflects the file and the caller's clock") {
  Volume volume = test::seed_volume();
  volume.set_time(132'000'000'000'000'000);
  const CreateResult h = volume.create(temp_path(u"f.txt"), GENERIC_ALL, 0, FILE_CREATE, kSync, FILE_ATTRIBUTE_NORMAL);
  FileBasicInformation basic = volume.query_basic(h.id).info;
  CHECK(basic.CreationTime == 132'000'000'000'000'000);
  CHECK(basic.LastWriteTime == 132'000'000'000'000'000);
  CHECK(basic.FileAttributes == FILE_ATTRIBUTE_ARCHIVE);

  FileStandardInformation standard = volume.query_standard(h.id).info;
  CHECK(standard.EndOfFile == 0);
  CHECK(standard.AllocationSize == 0);
  CHECK(standard.NumberOfLinks == 1);
  CHECK_FALSE(standard.DeletePending);
  CHECK_FALSE(standard.Directory);

  volume.set_time(132'000'000'000'000'500);
  volume.write(h.id, std::nullopt, std::string(1500, 'x'));
  basic = volume.query_basic(h.id).info;
  CHECK(basic.CreationTime == 132'000'000'000'000'000);
  CHECK(basic.LastWriteTime == 132'000'000'000'000'500);
  CHECK(basic.ChangeTime == 132'000'000'000'000'500);
  standard = volume.query_standard(h.id).info;
  CHECK(standard.EndOfFile == 1500);
  CHECK(standard.AllocationSize == 4096);
  volume.write(h.id, std::nullopt, std::string(2597, 'y'));
  CHECK(volume.query_standard(h.id).info.AllocationSize == 8192);

  // The parent directory saw the create.
  const CreateResult temp = volume.open(u"\\??\\C:\\Temp", FILE_READ_ATTRIBUTES, 0, 0);
  CHECK(volume.query_basic(temp.id).info.LastWriteTime == 132'000'000'000'000'000);
  CHECK(volume.query_name(temp.id).info == u"\\Temp");
  CHECK(volume.query_name(volume.open(u"\\??\\C:\\", FILE_READ_ATTRIBUTES, 0, 0).id).info == u"\\");
}

TEST_CASE("closed and unknown handles are invalid everywhere") {
  Volume volume = test::seed_volume();
  const CreateResult h = volume.create(temp_path(u"f.txt"), GENERIC_ALL, 0, FILE_CREATE, kSync, 0);
  REQUIRE(volume.close(h.id) == STATUS_SUCCESS);
  std::array<char, 1> buffer{};
  for (FileHandleId id : {h.id, FileHandleId::none, FileHandleId{999}}) {
    CHECK(volume.close(id) == STATUS_INVALID_HANDLE);
    CHECK(volume.write(id, std::nullopt, "x").status == STATUS_INVALID_HANDLE);
    CHECK(volume.read(id, std::nullopt, buffer).status == STATUS_INVALID_HANDLE);
    CHECK(volume.rename(id, temp_path(u"g.txt"), true) == STATUS_INVALID_HANDLE);
    CHECK(volume.set_disposition(id, true) == STATUS_INVALID_HANDLE);
    CHECK(volume.set_position(id, 0) == STATUS_INVALID_HANDLE);
    CHECK(volume.query_basic(id).status == STATUS_INVALID_HANDLE);
    CHECK(volume.query_standard(id).status == STATUS_INVALID_HANDLE);
    CHECK(volume.query_position(id).status == STATUS_INVALID_HANDLE);
    CHECK(volume.query_internal(id).status == STATUS_INVALID_HANDLE);
    CHECK(volume.query_name(id).status == STATUS_INVALID_HANDLE);
  }
  CHECK(volume.exists(u"C:\\Temp\\f.txt"));
  CHECK(volume.open_count(u"C:\\Temp\\f.txt") == 0);
  CHECK(volume.handle_count() == 0);
}

TEST_CASE("open counts and the record of writers") {
  Volume volume = test::seed_volume();
  test::make_file(volume, temp_path(u"f.txt"), "x");
  const CreateResult a = volume.open(temp_path(u"f.txt"), GENERIC_WRITE, kShareAll, kSync);
  const CreateResult b = volume.open(temp_path(u"f.txt"), GENERIC_READ, kShareAll, kSync);
  const CreateResult c = volume.open(temp_path(u"f.txt"), FILE_APPEND_DATA, kShareAll, 0);
  CHECK(volume.open_count(u"C:\\Temp\\f.txt") == 3);
  CHECK(volume.writers(u"C:\\Temp\\f.txt") == std::vector<FileHandleId>{a.id, c.id});
  volume.close(a.id);
  CHECK(volume.writers(u"\\??\\C:\\Temp\\f.txt") == std::vector<FileHandleId>{c.id});
  CHECK(volume.open_count(u"C:\\Temp\\f.txt") == 2);
  volume.close(b.id);
  volume.close(c.id);
  CHECK(volume.writers(u"C:\\Temp\\f.txt").empty());
  CHECK(volume.writers(u"C:\\Temp\\missing").empty());
  CHECK(volume.open_count(u"C:\\Temp\\missing") == 0);
}
