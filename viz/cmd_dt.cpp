// dt <type> [address]: WinDbg's structure display for the dispatcher structures ksim models.
#include "viz/commands.h"
#include "viz/dt_layout.h"
#include "viz/format.h"

namespace viz {

namespace {

// WinDbg aligns dt's colons on a 16-character name column; longer names push the colon right.
constexpr std::size_t kDtNameWidth = 16;

std::string qualified(std::string_view type) {
  return type.find('!') == std::string_view::npos ? "nt!" + std::string(type) : std::string(type);
}

}  // namespace

std::string cmd_dt(const km::Snapshot& snap, const CommandLine& line, DebuggerContext& context) {
  if (line.args.empty() || line.args.size() > 2) return syntax_error(context, line.text);
  std::optional<km::Address> address;
  if (line.args.size() == 2) {
    address = parse_address(line.args[1]);
    if (!address) return unresolved_error(line.args[1]);
  }
  DtType type;
  switch (dt_layout(snap, line.args[0], address, type)) {
    case DtLookup::UnknownType:
      return "Symbol " + qualified(line.args[0]) + " not found.\n";
    case DtLookup::NoObject:
      return "Memory read error " + hex16(*address) + "\n";
    case DtLookup::Found:
      break;
  }
  return "nt!" + type.name + "\n" + dt_lines(type, kDtNameWidth, address.has_value(), false);
}

}  // namespace viz
