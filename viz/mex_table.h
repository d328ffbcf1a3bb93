// The one table printer behind every MEX table (!mex.t, !mex.p, !tl, !mex.lt, !mex.obj, !us frames, ...).
//
// MEX's layout, inferred byte for byte from the seed goldens:
// - each column is as wide as its widest cell, header included (or its minimum width, see CID);
// - cells are separated by one space; each column is left- or right-aligned, and its header with it
//   (`Time` and `Id` headers are right-aligned, `Wait Reason` is not);
// - the last cell of a line is never padded on the right, so lines carry no trailing spaces unless a
//   row ends with an empty cell after padded ones (the `!us` and stack frames without a source);
// - a row may stop before the last column (the outermost stack frame has no Source cell);
// - an optional column whose cells are all empty is left out entirely, header included (Source,
//   WaitBlockList's Info);
// - the rule under the header is `=` repeated to each column's width.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace viz {

enum class Align { Left, Right };

struct Column {
  std::string header;
  Align align = Align::Left;
  bool optional = false;  // dropped when every cell is empty
  std::size_t min_width = 0;
};

struct TableStyle {
  std::string indent;  // "    " for the nested tables of !mex.t and !mex.p
  bool header = true;
  bool rule = true;  // the `=====` line under the header
};

class MexTable {
 public:
  explicit MexTable(std::vector<Column> columns, TableStyle style = {});

  // cells.size() <= columns: a shorter row ends early.
  void add_row(std::vector<std::string> cells);

  // Header (and rule), then the rows; every line ends with '\n'.
  std::string render() const;
  // The pieces, for tables that repeat them (the `!tl` footer).
  std::string header_line() const;
  std::string rule_line() const;

 private:
  struct Layout {
    std::vector<std::size_t> visible;  // indexes of the columns printed
    std::vector<std::size_t> width;    // per column
  };
  Layout layout() const;
  std::string line(const Layout& layout, const std::vector<std::string>& cells) const;
  std::string header_line(const Layout& layout) const;
  std::string rule_line(const Layout& layout) const;

  std::vector<Column> columns_;
  TableStyle style_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace viz
