// The W and M loops every InsightEngineering driver runs (see reference/dump-cases.md,
// "Workloads"), made with the same calls and arguments as the seed driver.
#include <doctest/doctest.h>

#include <string>

#include "volume_test_support.h"

using namespace ksim::volume;

namespace {

constexpr int kFiles = 1000;
constexpr std::string_view kHello = "Hello, World!\r\n";

std::u16string numbered(std::u16string_view prefix, int i) {
  const std::string digits = std::to_string(i);
  return std::u16string(prefix) + std::u16string(digits.begin(), digits.end()) + u".txt";
}

// FileCreationThread: create, 100 writes of 15 bytes, close.
void creation_loop(Volume& volume) {
  for (int i = 0; i < kFiles; ++i) {
    const CreateResult file = volume.create(numbered(u"\\DosDevices\\C:\\Temp\\file_", i), GENERIC_WRITE, 0,
                                            FILE_OVERWRITE_IF, FILE_SYNCHRONOUS_IO_NONALERT, FILE_ATTRIBUTE_NORMAL);
    REQUIRE(file.status == STATUS_SUCCESS);
    for (int j = 0; j < 100; ++j) REQUIRE(volume.write(file.id, std::nullopt, kHello).information == kHello.size());
    REQUIRE(volume.close(file.id) == STATUS_SUCCESS);
  }
}

// FileMoveThread: open, rename with ReplaceIfExists, close. Returns how many opens succeeded.
int move_loop(Volume& volume) {
  int moved = 0;
  for (int i = 0; i < kFiles; ++i) {
    const CreateResult file = volume.open(numbered(u"\\DosDevices\\C:\\Temp\\file_", i), FILE_ALL_ACCESS,
                                          FILE_SHARE_READ | FILE_SHARE_WRITE, FILE_SYNCHRONOUS_IO_NONALERT);
    if (!nt_success(file.status)) {
      CHECK(file.status == STATUS_OBJECT_NAME_NOT_FOUND);
      continue;
    }
    REQUIRE(volume.rename(file.id, numbered(u"\\DosDevices\\C:\\Temp2\\NewFile_", i), true) == STATUS_SUCCESS);
    REQUIRE(volume.close(file.id) == STATUS_SUCCESS);
    ++moved;
  }
  return moved;
}

void check_moved(const Volume& volume) {
  std::string expected;
  for (int j = 0; j < 100; ++j) expected += kHello;
  CHECK(volume.list(u"C:\\Temp").empty());
  CHECK(volume.list(u"C:\\Temp2").size() == kFiles);
  for (int i = 0; i < kFiles; ++i) {
    const std::u16string path = numbered(u"C:\\Temp2\\NewFile_", i);
    REQUIRE(volume.contents(path) == expected);
    CHECK(volume.open_count(path) == 0);
  }
  CHECK(volume.handle_count() == 0);
}

}  // namespace

TEST_CASE("seed workload: W then M") {
  Volume volume = test::seed_volume();
  creation_loop(volume);
  CHECK(volume.list(u"C:\\Temp").size() == kFiles);
  CHECK(volume.contents(u"C:\\Temp\\file_999.txt")->size() == 1500);
  CHECK(volume.handle_count() == 0);

  CHECK(move_loop(volume) == kFiles);
  check_moved(volume);
  // NTFS collation: "NEWFILE_0.TXT" < "NEWFILE_1.TXT" < "NEWFILE_10.TXT" ...
  const std::vector<std::u16string> names = volume.list(u"C:\\Temp2");
  CHECK(names[0] == u"NewFile_0.txt");
  CHECK(names[1] == u"NewFile_1.txt");
  CHECK(names[2] == u"NewFile_10.txt");
}

TEST_CASE("seed workload: M before W finds nothing; a second round replaces the targets") {
  Volume volume = test::seed_volume();
  CHECK(move_loop(volume) == 0);
  creation_loop(volume);
  CHECK(move_loop(volume) == kFiles);
  creation_loop(volume);
  CHECK(move_loop(volume) == kFiles);  // ReplaceIfExists over unopened targets
  check_moved(volume);
}
