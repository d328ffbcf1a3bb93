// The table printer's layout rules.
#include <doctest/doctest.h>

#include "viz/mex_table.h"

using viz::Align;
using viz::Column;
using viz::MexTable;

TEST_CASE("columns fit their widest cell; right-aligned headers follow their column; the last cell is unpadded") {
  MexTable table({{"Name"}, {"Id", Align::Right}, {"Note"}});
  table.add_row({"System", "4", "kernel"});
  table.add_row({"a", "1234", ""});
  CHECK(table.render() ==
        "Name     Id Note\n"
        "====== ==== ======\n"
        "System    4 kernel\n"
        "a      1234 \n");
}

TEST_CASE("optional columns vanish when empty; rows may stop early; minimum widths hold") {
  MexTable empty_optional({{"A", Align::Left, false, 5}, {"B"}, {"Src", Align::Left, true}}, {"", true, false});
  empty_optional.add_row({"x", "yy", ""});
  CHECK(empty_optional.render() == "A     B\nx     yy\n");

  MexTable short_row({{"A"}, {"B"}, {"Src", Align::Left, true}}, {"  ", true, false});
  short_row.add_row({"x", "yyyy", "file @ 1"});
  short_row.add_row({"z", "w"});
  CHECK(short_row.render() == "  A B    Src\n  x yyyy file @ 1\n  z w\n");
}

TEST_CASE("a table without a header sizes columns by the cells alone") {
  MexTable table({{"Ip"}, {"Symbol"}, {"Source", Align::Left, true}}, {"    ", false, false});
  table.add_row({"1", "a", "(s)"});
  table.add_row({"2", "long", ""});
  CHECK(table.render() == "    1 a    (s)\n    2 long \n");
  CHECK(table.header_line() == "    Ip Symbol Source\n");
  CHECK(table.rule_line() == "    = ==== ===\n");
}
