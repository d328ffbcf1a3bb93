// NT structures as WinDbg's `dt` shows them: each field's 22621 x64 offset, name, type and, for an
// object in the snapshot, its value. One field list serves `dt <type>` (types only), `dt <type> <addr>`
// (values) and MEX's `dt`-style views (!mex.mut), which add a note after some values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kernel_model/snapshot.h"

namespace viz {

enum class FieldKind {
  UChar,
  Char,
  Uint2B,
  Int2B,
  Uint4B,
  Int4B,
  Int8B,
  Pointer,
  ListEntry,
  Struct,
  Bits,
  ULargeInteger
};

struct DtField {
  km::ULONG offset = 0;
  std::string name;
  FieldKind kind = FieldKind::UChar;
  std::string type_name;      // Pointer: the target type ("_KTHREAD", "Void"); Struct: the type
  km::ULONG64 value = 0;      // scalars, pointers, bit fields (already shifted down)
  km::ListEntryView list;     // ListEntry
  unsigned bit_position = 0;  // Bits
  unsigned bit_length = 0;
  bool signed_bits = false;  // a signed bit field prints its value as 0n<d>
  std::string note;          // MEX's annotation after the value, e.g. "(System)"
};

struct DtType {
  std::string name;             // "_KMUTANT"
  std::vector<DtField> fields;  // in the order dt prints them
};

// The layout of `type` ("_KMUTANT" or "nt!_KMUTANT") with the values at `address`; with no address,
// the fields alone (for the type-only listing).
enum class DtLookup { Found, UnknownType, NoObject };
DtLookup dt_layout(const km::Snapshot& snap, std::string_view type, std::optional<km::Address> address, DtType& out);

// "   +0x018 MutantListEntry  : _LIST_ENTRY [ 0xffffc983`f2d47348 - 0xffffc983`f2d47348 ]" lines.
// name_width: 16 for WinDbg's dt, 20 for MEX; with_values false gives the type column instead.
std::string dt_lines(const DtType& type, std::size_t name_width, bool with_values, bool with_notes);

}  // namespace viz
