#include "viz/mex_table.h"

#include <algorithm>
#include <cassert>

#include "viz/format.h"

namespace viz {

MexTable::MexTable(std::vector<Column> columns, TableStyle style)
    : columns_(std::move(columns)), style_(std::move(style)) {}

void MexTable::add_row(std::vector<std::string> cells) {
  assert(cells.size() <= columns_.size());
  rows_.push_back(std::move(cells));
}

MexTable::Layout MexTable::layout() const {
  Layout result;
  result.width.resize(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    bool has_content = false;
    std::size_t width = std::max(columns_[c].min_width, style_.header ? columns_[c].header.size() : 0);
    for (const auto& row : rows_) {
      if (c >= row.size()) continue;
      width = std::max(width, row[c].size());
      has_content = has_content || !row[c].empty();
    }
    result.width[c] = width;
    if (!columns_[c].optional || has_content) result.visible.push_back(c);
  }
  return result;
}

std::string MexTable::line(const Layout& layout, const std::vector<std::string>& cells) const {
  // The line ends at the last printed column this row has a cell for.
  std::size_t count = 0;
  while (count < layout.visible.size() && layout.visible[count] < cells.size()) ++count;

  std::string out = style_.indent;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t c = layout.visible[i];
    const bool last = i + 1 == count;
    if (i > 0) out += ' ';
    if (columns_[c].align == Align::Right) {
      out += pad_left(cells[c], layout.width[c]);
    } else {
      out += last ? cells[c] : pad_right(cells[c], layout.width[c]);
    }
  }
  return out + "\n";
}

std::string MexTable::header_line(const Layout& layout) const {
  std::vector<std::string> headers;
  for (const auto& column : columns_) headers.push_back(column.header);
  return line(layout, headers);
}

std::string MexTable::rule_line(const Layout& layout) const {
  std::string out = style_.indent;
  for (std::size_t i = 0; i < layout.visible.size(); ++i) {
    if (i > 0) out += ' ';
    out.append(layout.width[layout.visible[i]], '=');
  }
  return out + "\n";
}

std::string MexTable::header_line() const { return header_line(layout()); }

std::string MexTable::rule_line() const { return rule_line(layout()); }

std::string MexTable::render() const {
  const Layout current = layout();
  std::string out;
  if (style_.header) out += header_line(current);
  if (style_.header && style_.rule) out += rule_line(current);
  for (const auto& row : rows_) out += line(current, row);
  return out;
}

}  // namespace viz
