#include <doctest/doctest.h>

#include "volume/share_access.h"
#include "volume_test_support.h"

using namespace ksim::volume;
using ksim::volume::test::kShareAll;

namespace {

struct Open {
  std::uint32_t access;
  std::uint32_t share;
};

struct Case {
  const char* what;
  Open first;
  Open second;
  bool allowed;
};

constexpr std::uint32_t R = FILE_SHARE_READ;
constexpr std::uint32_t W = FILE_SHARE_WRITE;
constexpr std::uint32_t D = FILE_SHARE_DELETE;

// Each case: a file is open as `first`; may a second open as `second` proceed?
constexpr Case kMatrix[] = {
    {"readers sharing read", {FILE_READ_DATA, R}, {FILE_READ_DATA, R}, true},
    {"new writer, old reader does not share write", {FILE_READ_DATA, R}, {FILE_WRITE_DATA, R | W}, false},
    {"new reader refuses to share old write", {FILE_WRITE_DATA, R | W}, {FILE_READ_DATA, R}, false},
    {"reader and writer sharing both", {FILE_WRITE_DATA, R | W}, {FILE_READ_DATA, R | W}, true},
    {"exclusive reader blocks a sharing reader", {FILE_READ_DATA, 0}, {FILE_READ_DATA, kShareAll}, false},
    {"execute counts as read", {FILE_EXECUTE, 0}, {FILE_READ_DATA, kShareAll}, false},
    {"append counts as write", {FILE_APPEND_DATA, R}, {FILE_WRITE_DATA, R | W}, false},
    {"attributes-only first open is not counted", {FILE_READ_ATTRIBUTES, 0}, {FILE_WRITE_DATA, 0}, true},
    {"attributes-only second open is not checked", {FILE_WRITE_DATA, 0}, {FILE_READ_ATTRIBUTES | SYNCHRONIZE, 0}, true},
    {"old deleter not shared by new reader", {DELETE, R | W}, {FILE_READ_DATA, R | W}, false},
    {"new deleter, old reader does not share delete", {FILE_READ_DATA, R | W}, {DELETE, kShareAll}, false},
    {"deleters sharing everything", {DELETE, kShareAll}, {DELETE | FILE_READ_DATA, kShareAll}, true},
    {"two FILE_ALL_ACCESS opens sharing read|write", {FILE_ALL_ACCESS, R | W}, {FILE_ALL_ACCESS, R | W}, false},
    {"FILE_ALL_ACCESS sharing everything", {FILE_ALL_ACCESS, kShareAll}, {FILE_ALL_ACCESS, kShareAll}, true},
};

}  // namespace

TEST_CASE("ShareAccess follows IoCheckShareAccess") {
  for (const Case& c : kMatrix) {
    CAPTURE(c.what);
    ShareAccess share;
    REQUIRE(share.allows(c.first.access, c.first.share));
    share.add(c.first.access, c.first.share);
    CHECK(share.allows(c.second.access, c.second.share) == c.allowed);
    share.remove(c.first.access, c.first.share);
    CHECK(share.allows(c.second.access, c.second.share));
  }
}

TEST_CASE("the volume returns STATUS_SHARING_VIOLATION for the same matrix") {
  for (const Case& c : kMatrix) {
    CAPTURE(c.what);
    Volume volume = test::seed_volume();
    test::make_file(volume, test::temp_path(u"f.txt"), "x");
    const CreateResult first = volume.open(test::temp_path(u"f.txt"), c.first.access, c.first.share, 0);
    REQUIRE(first.status == STATUS_SUCCESS);
    const CreateResult second = volume.open(test::temp_path(u"f.txt"), c.second.access, c.second.share, 0);
    CHECK(second.status == (c.allowed ? STATUS_SUCCESS : STATUS_SHARING_VIOLATION));
    CHECK(volume.open_count(u"C:\\Temp\\f.txt") == (c.allowed ? 2u : 1u));
    // Once the first handle is gone the second open always succeeds.
    volume.close(first.id);
    if (!c.allowed)
      CHECK(volume.open(test::temp_path(u"f.txt"), c.second.access, c.second.share, 0).status == STATUS_SUCCESS);
  }
}

TEST_CASE("GENERIC_* rights are mapped before the share check") {
  Volume volume = test::seed_volume();
  test::make_file(volume, test::temp_path(u"f.txt"), "x");
  const CreateResult reader = volume.open(test::temp_path(u"f.txt"), GENERIC_READ, FILE_SHARE_READ, 0);
  REQUIRE(reader.status == STATUS_SUCCESS);
  CHECK(volume.open(test::temp_path(u"f.txt"), GENERIC_WRITE, kShareAll, 0).status == STATUS_SHARING_VIOLATION);
  CHECK(volume.open(test::temp_path(u"f.txt"), GENERIC_READ, FILE_SHARE_READ, 0).status == STATUS_SUCCESS);
  CHECK(volume.open(test::temp_path(u"f.txt"), GENERIC_ALL, kShareAll, 0).status == STATUS_SHARING_VIOLATION);
}

TEST_CASE("overwrite and supersede must be shared as a write and a delete") {
  Volume volume = test::seed_volume();
  test::make_file(volume, test::temp_path(u"f.txt"), "abc");
  const CreateResult reader = volume.open(test::temp_path(u"f.txt"), FILE_READ_DATA, FILE_SHARE_READ, 0);
  REQUIRE(reader.status == STATUS_SUCCESS);
  // The overwriter asks only for read access, yet truncating is a write the reader does not share.
  CHECK(volume.create(test::temp_path(u"f.txt"), FILE_READ_DATA, kShareAll, FILE_OVERWRITE_IF, 0, 0).status ==
        STATUS_SHARING_VIOLATION);
  CHECK(volume.contents(u"C:\\Temp\\f.txt") == "abc");
  volume.close(reader.id);

  const CreateResult sharer = volume.open(test::temp_path(u"f.txt"), FILE_READ_DATA, R | W, 0);
  REQUIRE(sharer.status == STATUS_SUCCESS);
  CHECK(volume.create(test::temp_path(u"f.txt"), FILE_READ_DATA, kShareAll, FILE_OVERWRITE, 0, 0).status ==
        STATUS_SUCCESS);
  CHECK(volume.create(test::temp_path(u"f.txt"), FILE_READ_DATA, kShareAll, FILE_SUPERSEDE, 0, 0).status ==
        STATUS_SHARING_VIOLATION);
}
