// The golden comparison used by the viz and engine golden tests.
#include <doctest/doctest.h>

#include "support/golden_diff.h"

TEST_CASE("equal texts compare clean; a difference is reported side by side with line numbers") {
  CHECK(golden::compare("same", "a\nb\n", "a\nb\n").empty());
  const std::string report = golden::compare("file", "one\ntwo  \nthree\n", "one\ntwo\nthree\n");
  CHECK(report ==
        "file: 1 differing line(s); expected 3 lines, got 3\n"
        "  -   2 | two     <- 2 trailing space(s)\n"
        "  +   2 | two\n"
        "             ^\n");
}

TEST_CASE("missing and extra lines, and a missing final newline, are reported") {
  const std::string report = golden::compare("f", "a\nb\n", "a\n");
  CHECK(report.find("  -   2 | b\n  +   2 | <no line>\n") != std::string::npos);
  CHECK(golden::compare("f", "a\n", "a").find("ends with a newline") != std::string::npos);
}

TEST_CASE("at most max_reported line pairs are shown") {
  golden::Session session(golden::Options{false, {}, 1});
  const std::string report = session.compare("f", "1\n2\n3\n", "x\ny\nz\n");
  CHECK(report.find("3 differing line(s)") != std::string::npos);
  CHECK(report.find("(showing the first 1)") != std::string::npos);
  CHECK(report.find("-   2") == std::string::npos);
}

TEST_CASE("with the address allowance, addresses may differ if the mapping stays one-to-one") {
  golden::Session session(golden::Options{true, {}, 5});
  CHECK(session
            .compare("a", "thread ffffc983f2d47040 owns 0xffffc983`f2cf36a0\n",
                     "thread ffff900000001040 owns 0xffff9000`00002000\n")
            .empty());
  // The same mapping holds across files of one session, whatever the token's form.
  CHECK(session.compare("b", "0xffffc983`f2d47040 waits\n", "0xffff9000`00001040 waits\n").empty());
  CHECK(session.address_map().at("ffffc983f2d47040") == "ffff900000001040");
  // An expected address already mapped elsewhere is a difference...
  CHECK(!session.compare("c", "ffffc983f2d47040\n", "ffff900000009999\n").empty());
  // ...and so is a second expected address mapping onto an actual one already taken.
  CHECK(!session.compare("d", "ffffc983aaaaaaaa\n", "ffff900000001040\n").empty());
  // Within one line the pairs must agree too.
  CHECK(!session.compare("e", "ffffc983bbbbbbbb ffffc983bbbbbbbb\n", "ffff900000000001 ffff900000000002\n").empty());
}

TEST_CASE("the address allowance needs the same token shape and leaves other text strict") {
  golden::Session session(golden::Options{true, {}, 5});
  CHECK(!session.compare("a", "0xffffc983`f2d47040\n", "0xffff900000001040\n").empty());  // backtick lost
  CHECK(!session.compare("b", "ffffc983f2d47040 (System)\n", "ffff900000001040 (Idle)  \n").empty());
  CHECK(!session.compare("c", "Count: 5\n", "Count: 6\n").empty());
  CHECK(!session.compare("d", "xffffc983f2d47040\n", "xffff900000001040\n").empty());  // inside a word
}

TEST_CASE("a per-line tolerance hook may accept a differing line") {
  const golden::LineTolerance uptime_may_differ = [](std::string_view expected, std::string_view actual) {
    return expected.rfind("System Uptime:", 0) == 0 && actual.rfind("System Uptime:", 0) == 0;
  };
  golden::Session session(golden::Options{false, uptime_may_differ, 5});
  CHECK(session.compare("di", "System Uptime: 0 days 0:17:02.325\nx\n", "System Uptime: 0 days 0:00:01.000\nx\n")
            .empty());
  CHECK(!session.compare("di", "Computer Name: A\n", "Computer Name: B\n").empty());
}
