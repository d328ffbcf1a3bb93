#include "viz/dt_layout.h"

#include <algorithm>
#include <cctype>

#include "viz/format.h"
#include "viz/snapshot_query.h"

namespace viz {

namespace {

// --- Field constructors ------------------------------------------------------------------------------

DtField scalar(km::ULONG offset, std::string name, FieldKind kind, km::ULONG64 value) {
  DtField field;
  field.offset = offset;
  field.name = std::move(name);
  field.kind = kind;
  field.value = value;
  return field;
}

DtField typed(km::ULONG offset, std::string name, FieldKind kind, std::string type_name, km::ULONG64 value = 0) {
  DtField field = scalar(offset, std::move(name), kind, value);
  field.type_name = std::move(type_name);
  return field;
}

DtField list_entry(km::ULONG offset, std::string name, km::ListEntryView list) {
  DtField field = scalar(offset, std::move(name), FieldKind::ListEntry, 0);
  field.list = list;
  return field;
}

// A bit field of `container` (the whole byte/word it lives in).
DtField bits(km::ULONG offset, std::string name, unsigned position, unsigned length, km::ULONG64 container,
             bool is_signed = false) {
  DtField field = scalar(offset, std::move(name), FieldKind::Bits, (container >> position) & ((1ULL << length) - 1));
  field.bit_position = position;
  field.bit_length = length;
  field.signed_bits = is_signed;
  return field;
}

km::ULONG64 as_unsigned(km::LONG64 value) { return static_cast<km::ULONG64>(value); }

// --- Layouts -----------------------------------------------------------------------------------------

// The whole _DISPATCHER_HEADER union as 22621 declares it (as MEX's `dt -r1` of an event prints it).
std::vector<DtField> dispatcher_header_fields(const km::ObjectView& o) {
  const km::ULONG64 b0 = o.Type, b1 = o.Signalling, b2 = o.Size, b3 = o.Reserved1;
  const auto lock = static_cast<km::LONG>(static_cast<km::ULONG>(b3 << 24 | b2 << 16 | b1 << 8 | b0));
  return {
      scalar(0, "Lock", FieldKind::Int4B, as_unsigned(lock)),
      scalar(0, "LockNV", FieldKind::Int4B, as_unsigned(lock)),
      scalar(0, "Type", FieldKind::UChar, b0),
      scalar(1, "Signalling", FieldKind::UChar, b1),
      scalar(2, "Size", FieldKind::UChar, b2),
      scalar(3, "Reserved1", FieldKind::UChar, b3),
      scalar(0, "TimerType", FieldKind::UChar, b0),
      scalar(1, "TimerControlFlags", FieldKind::UChar, b1),
      bits(1, "Absolute", 0, 1, b1),
      bits(1, "Wake", 1, 1, b1),
      bits(1, "EncodedTolerableDelay", 2, 6, b1),
      scalar(2, "Hand", FieldKind::UChar, b2),
      scalar(3, "TimerMiscFlags", FieldKind::UChar, b3),
      bits(3, "Index", 0, 6, b3),
      bits(3, "Inserted", 6, 1, b3),
      bits(3, "Expired", 7, 1, b3),
      scalar(0, "Timer2Type", FieldKind::UChar, b0),
      scalar(1, "Timer2Flags", FieldKind::UChar, b1),
      bits(1, "Timer2Inserted", 0, 1, b1),
      bits(1, "Timer2Expiring", 1, 1, b1),
      bits(1, "Timer2CancelPending", 2, 1, b1),
      bits(1, "Timer2SetPending", 3, 1, b1),
      bits(1, "Timer2Running", 4, 1, b1),
      bits(1, "Timer2Disabled", 5, 1, b1),
      bits(1, "Timer2ReservedFlags", 6, 2, b1, true),
      scalar(2, "Timer2ComponentId", FieldKind::UChar, b2),
      scalar(3, "Timer2RelativeId", FieldKind::UChar, b3),
      scalar(0, "QueueType", FieldKind::UChar, b0),
      scalar(1, "QueueControlFlags", FieldKind::UChar, b1),
      bits(1, "Abandoned", 0, 1, b1),
      bits(1, "DisableIncrement", 1, 1, b1),
      bits(1, "QueueReservedControlFlags", 2, 6, b1),
      scalar(2, "QueueSize", FieldKind::UChar, b2),
      scalar(3, "QueueReserved", FieldKind::UChar, b3),
      scalar(0, "ThreadType", FieldKind::UChar, b0),
      scalar(1, "ThreadReserved", FieldKind::UChar, b1),
      scalar(2, "ThreadControlFlags", FieldKind::UChar, b2),
      bits(2, "CycleProfiling", 0, 1, b2),
      bits(2, "CounterProfiling", 1, 1, b2),
      bits(2, "GroupScheduling", 2, 1, b2),
      bits(2, "AffinitySet", 3, 1, b2),
      bits(2, "Tagged", 4, 1, b2),
      bits(2, "EnergyProfiling", 5, 1, b2),
      bits(2, "SchedulerAssist", 6, 1, b2),
      bits(2, "ThreadReservedControlFlags", 7, 1, b2),
      scalar(3, "DebugActive", FieldKind::UChar, b3),
      bits(3, "ActiveDR7", 0, 1, b3),
      bits(3, "Instrumented", 1, 1, b3),
      bits(3, "Minimal", 2, 1, b3),
      bits(3, "Reserved4", 3, 2, b3, true),
      bits(3, "AltSyscall", 5, 1, b3),
      bits(3, "Emulation", 6, 1, b3),
      bits(3, "Reserved5", 7, 1, b3),
      scalar(0, "MutantType", FieldKind::UChar, b0),
      scalar(1, "MutantSize", FieldKind::UChar, b1),
      scalar(2, "DpcActive", FieldKind::UChar, b2),
      scalar(3, "MutantReserved", FieldKind::UChar, b3),
      scalar(4, "SignalState", FieldKind::Int4B, as_unsigned(o.SignalState)),
      list_entry(8, "WaitListHead", o.WaitListHead),
  };
}

DtField header_field() { return typed(0, "Header", FieldKind::Struct, "_DISPATCHER_HEADER"); }

std::vector<DtField> kmutant_fields(const km::Snapshot& snap, const km::ObjectView& o) {
  const km::ULONG64 flags = o.Abandoned & 1U;
  DtField list = list_entry(0x18, "MutantListEntry", o.MutantListEntry);
  if (o.MutantListEntry.Flink == o.MutantListEntry.Blink) list.note = "[EMPTY OR 1 ELEMENT]";
  DtField owner = typed(0x28, "OwnerThread", FieldKind::Pointer, "_KTHREAD", o.OwnerThread);
  if (const km::ThreadView* thread = snap.find_thread(o.OwnerThread))
    owner.note = "(" + image_name(snap, *thread) + ")";
  return {header_field(),
          list,
          owner,
          scalar(0x30, "MutantFlags", FieldKind::UChar, flags),
          bits(0x30, "Abandoned", 0, 1, flags),
          bits(0x30, "Spare1", 1, 7, flags),
          bits(0x30, "Abandoned2", 0, 1, flags),
          bits(0x30, "AbEnabled", 1, 1, flags),
          bits(0x30, "Spare2", 2, 6, flags),
          scalar(0x31, "ApcDisable", FieldKind::UChar, o.ApcDisable)};
}

std::vector<DtField> ksemaphore_fields(const km::ObjectView& o) {
  return {header_field(), scalar(0x18, "Limit", FieldKind::Int4B, as_unsigned(o.Limit))};
}

// ksim does not model the timer table links or the timer's processor: they print as zero.
std::vector<DtField> ktimer_fields(const km::ObjectView& o) {
  return {header_field(),
          scalar(0x18, "DueTime", FieldKind::ULargeInteger, o.DueTime),
          list_entry(0x20, "TimerListEntry", {}),
          typed(0x30, "Dpc", FieldKind::Pointer, "_KDPC", o.Dpc),
          scalar(0x38, "Processor", FieldKind::Uint2B, 0),
          scalar(0x3a, "TimerType", FieldKind::Uint2B, o.Type == km::TimerSynchronizationObject ? 1 : 0),
          scalar(0x3c, "Period", FieldKind::Uint4B, static_cast<km::ULONG>(o.Period))};
}

// A queued block links to its neighbours on the object's WaitListHead (the head itself at the ends);
// ksim keeps no links for a block off the list, so they print as zero.
km::ListEntryView wait_list_links(const km::Snapshot& snap, const km::WaitBlockView& block) {
  const km::ObjectView* object = snap.find_object(block.Object);
  if (!object) return {};
  const auto& waiters = object->Waiters;
  const auto it = std::find(waiters.begin(), waiters.end(), block.Self);
  if (it == waiters.end()) return {};
  const km::Address head = object->Self + kHeaderWaitListOffset;
  return {it + 1 == waiters.end() ? head : *(it + 1), it == waiters.begin() ? head : *(it - 1)};
}

std::vector<DtField> kwait_block_fields(const km::Snapshot& snap, const km::WaitBlockView& b) {
  return {list_entry(0, "WaitListEntry", wait_list_links(snap, b)),
          scalar(0x10, "WaitType", FieldKind::UChar, static_cast<km::ULONG64>(b.WaitType)),
          scalar(0x11, "BlockState", FieldKind::UChar, static_cast<km::ULONG64>(b.BlockState)),
          scalar(0x12, "WaitKey", FieldKind::Uint2B, b.WaitKey),
          typed(0x18, "Thread", FieldKind::Pointer, "_KTHREAD", b.Thread),
          typed(0x18, "NotificationQueue", FieldKind::Pointer, "_KQUEUE", b.Thread),
          typed(0x20, "Object", FieldKind::Pointer, "Void", b.Object),
          typed(0x28, "SparePtr", FieldKind::Pointer, "Void", 0)};
}

// The KTHREAD fields the snapshot holds, in offset order.
std::vector<DtField> kthread_fields(const km::ThreadView& t) {
  const km::ULONG64 misc_flags = (t.Alertable ? 1ULL << 4 : 0) | (t.SystemThread ? 1ULL << 10 : 0);
  const auto signed_value = [](km::LONG64 v) { return static_cast<km::ULONG64>(v); };
  return {header_field(),
          bits(0x74, "Alertable", 4, 1, misc_flags),
          bits(0x74, "SystemThread", 10, 1, misc_flags),
          scalar(0xc3, "Priority", FieldKind::Char, signed_value(t.Priority)),
          scalar(0xc8, "WaitStatus", FieldKind::Int8B, signed_value(t.WaitStatus)),
          typed(0xd0, "WaitBlockList", FieldKind::Pointer, "_KWAIT_BLOCK", t.WaitBlockList),
          typed(0xf0, "Teb", FieldKind::Pointer, "Void", t.Teb),
          typed(0x100, "Timer", FieldKind::Struct, "_KTIMER"),
          typed(0x140, "WaitBlock", FieldKind::Struct, "[4] _KWAIT_BLOCK"),
          scalar(0x154, "ContextSwitches", FieldKind::Uint4B, t.ContextSwitches),
          scalar(0x184, "State", FieldKind::UChar, static_cast<km::ULONG64>(t.State)),
          scalar(0x186, "WaitIrql", FieldKind::UChar, t.WaitIrql),
          scalar(0x187, "WaitMode", FieldKind::Char, static_cast<km::ULONG64>(t.WaitMode)),
          scalar(0x1b4, "WaitTime", FieldKind::Uint4B, t.WaitTime),
          scalar(0x1e4, "KernelApcDisable", FieldKind::Int2B, signed_value(t.KernelApcDisable)),
          scalar(0x1e6, "SpecialApcDisable", FieldKind::Int2B, signed_value(t.SpecialApcDisable)),
          bits(0x218, "NextProcessor", 0, 31, t.NextProcessor),
          typed(0x220, "Process", FieldKind::Pointer, "_KPROCESS", t.Process),
          scalar(0x233, "BasePriority", FieldKind::Char, signed_value(t.BasePriority)),
          scalar(0x234, "PriorityDecrement", FieldKind::Char, t.PriorityDecrement),
          bits(0x234, "ForegroundBoost", 0, 4, t.ForegroundBoost),
          scalar(0x24b, "WaitBlockCount", FieldKind::UChar, t.WaitBlocks.size()),
          scalar(0x24c, "IdealProcessor", FieldKind::Uint4B, t.IdealProcessor),
          scalar(0x283, "WaitReason", FieldKind::UChar, static_cast<km::ULONG64>(t.WaitReason)),
          scalar(0x28b, "QuantumReset", FieldKind::Char, t.QuantumReset),
          scalar(0x28c, "KernelTime", FieldKind::Uint4B, t.KernelTime),
          scalar(0x2dc, "UserTime", FieldKind::Uint4B, t.UserTime),
          list_entry(0x308, "MutantListHead", t.MutantListHead)};
}

// --- Lookup ------------------------------------------------------------------------------------------

bool is_event(const km::ObjectView& o) {
  return o.Type == km::EventNotificationObject || o.Type == km::EventSynchronizationObject;
}
bool is_timer(const km::ObjectView& o) {
  return o.Type == km::TimerNotificationObject || o.Type == km::TimerSynchronizationObject;
}

// A dispatcher object type: which objects it fits, and its fields.
struct ObjectLayout {
  std::string_view name;
  bool (*fits)(const km::ObjectView&);
  std::vector<DtField> (*fields)(const km::Snapshot&, const km::ObjectView&);
};

const std::vector<ObjectLayout>& object_layouts() {
  static const std::vector<ObjectLayout> layouts = {
      {"_DISPATCHER_HEADER", [](const km::ObjectView&) { return true; },
       [](const km::Snapshot&, const km::ObjectView& o) { return dispatcher_header_fields(o); }},
      {"_KMUTANT", [](const km::ObjectView& o) { return o.Type == km::MutantObject; }, kmutant_fields},
      {"_KEVENT", is_event,
       [](const km::Snapshot&, const km::ObjectView&) { return std::vector<DtField>{header_field()}; }},
      {"_KSEMAPHORE", [](const km::ObjectView& o) { return o.Type == km::SemaphoreObject; },
       [](const km::Snapshot&, const km::ObjectView& o) { return ksemaphore_fields(o); }},
      {"_KTIMER", is_timer, [](const km::Snapshot&, const km::ObjectView& o) { return ktimer_fields(o); }},
  };
  return layouts;
}

// The fields of the view found at `address`; with no address, of an empty view (the type listing
// prints no values).
template <typename View, typename Find, typename Build>
DtLookup fields_at(std::optional<km::Address> address, Find find, Build build, DtType& out) {
  const View* view = address ? find(*address) : nullptr;
  if (address && !view) return DtLookup::NoObject;
  out.fields = build(view ? *view : View{});
  return DtLookup::Found;
}

std::string canonical_type(std::string_view type) {
  if (type.size() > 3 && equals_nocase(type.substr(0, 3), "nt!")) type.remove_prefix(3);
  std::string name(type);
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return name;
}

// --- Rendering ---------------------------------------------------------------------------------------

std::string quoted_char(km::ULONG64 value) {
  const auto c = static_cast<unsigned char>(value);
  return std::isprint(c) ? std::string("'") + static_cast<char>(c) + "'" : "''";
}

std::string hex_or_zero(km::ULONG64 value) { return value == 0 ? "0" : "0x" + hex(value); }

template <typename Signed>
std::string signed_dec(km::ULONG64 value) {
  return "0n" + dec(static_cast<Signed>(value));
}

std::string field_value(const DtField& f) {
  switch (f.kind) {
    case FieldKind::UChar:
      return hex_or_zero(f.value & 0xff) + " " + quoted_char(f.value);
    case FieldKind::Char:
      return signed_dec<signed char>(f.value) + " " + quoted_char(f.value);
    case FieldKind::Uint2B:
      return hex_or_zero(f.value & 0xffff);
    case FieldKind::Int2B:
      return signed_dec<km::SHORT>(f.value);
    case FieldKind::Uint4B:
      return hex_or_zero(f.value & 0xffff'ffff);
    case FieldKind::Int4B:
      return signed_dec<km::LONG>(f.value);
    case FieldKind::Int8B:
      return signed_dec<km::LONG64>(f.value);
    case FieldKind::Pointer:
      return f.value == 0 ? "(null) " : pointer(f.value) + " " + f.type_name;
    case FieldKind::ListEntry:
      return "_LIST_ENTRY [ " + pointer(f.list.Flink) + " - " + pointer(f.list.Blink) + " ]";
    case FieldKind::Struct:
      return f.type_name;
    case FieldKind::ULargeInteger:
      return "_ULARGE_INTEGER 0x" + hex(f.value);
    case FieldKind::Bits: {
      std::string digits;
      for (unsigned bit = f.bit_length; bit-- > 0;) digits += ((f.value >> bit) & 1) ? '1' : '0';
      if (f.bit_length == 1) return "0y" + digits;
      return "0y" + digits + " (" +
             (f.signed_bits ? "0n" + dec(static_cast<km::LONG64>(f.value)) : hex_or_zero(f.value)) + ")";
    }
  }
  return {};
}

std::string field_type(const DtField& f) {
  switch (f.kind) {
    case FieldKind::UChar:
      return "UChar";
    case FieldKind::Char:
      return "Char";
    case FieldKind::Uint2B:
      return "Uint2B";
    case FieldKind::Int2B:
      return "Int2B";
    case FieldKind::Uint4B:
      return "Uint4B";
    case FieldKind::Int4B:
      return "Int4B";
    case FieldKind::Int8B:
      return "Int8B";
    case FieldKind::Pointer:
      return "Ptr64 " + f.type_name;
    case FieldKind::ListEntry:
      return "_LIST_ENTRY";
    case FieldKind::Struct:
      return f.type_name;
    case FieldKind::ULargeInteger:
      return "_ULARGE_INTEGER";
    case FieldKind::Bits:
      return "Pos " + dec(f.bit_position) + ", " + dec(f.bit_length) + (f.bit_length == 1 ? " Bit" : " Bits");
  }
  return {};
}

}  // namespace

DtLookup dt_layout(const km::Snapshot& snap, std::string_view type, std::optional<km::Address> address, DtType& out) {
  const std::string name = canonical_type(type);
  for (const ObjectLayout& layout : object_layouts()) {
    if (name != canonical_type(layout.name)) continue;
    out.name = std::string(layout.name);
    const auto find = [&](km::Address a) {
      const km::ObjectView* object = snap.find_object(a);
      return object && layout.fits(*object) ? object : nullptr;
    };
    return fields_at<km::ObjectView>(
        address, find, [&](const km::ObjectView& o) { return layout.fields(snap, o); }, out);
  }
  if (name == "_KWAIT_BLOCK") {
    out.name = "_KWAIT_BLOCK";
    return fields_at<km::WaitBlockView>(
        address, [&](km::Address a) { return find_wait_block(snap, a); },
        [&](const km::WaitBlockView& b) { return kwait_block_fields(snap, b); }, out);
  }
  if (name == "_KTHREAD") {
    out.name = "_KTHREAD";
    return fields_at<km::ThreadView>(
        address, [&](km::Address a) { return snap.find_thread(a); }, kthread_fields, out);
  }
  return DtLookup::UnknownType;
}

std::string dt_lines(const DtType& type, std::size_t name_width, bool with_values, bool with_notes) {
  std::string out;
  for (const DtField& field : type.fields) {
    out += "   +0x" + hex_padded(field.offset, 3) + " " + pad_right(field.name, name_width) + " : " +
           (with_values ? field_value(field) : field_type(field));
    if (with_values && with_notes && !field.note.empty()) out += " " + field.note;
    out += "\n";
  }
  return out;
}

}  // namespace viz
