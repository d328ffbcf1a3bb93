// The Windows-kernel printf engine (DbgPrint, RtlStringCch*Printf*, _snwprintf).
//
// Conversions: %d %i %u %o %x %X %c %C %s %S %Z %p %% and the floating ones; flags - + space
// # 0; width and precision, either may be *. Windows rules that differ from glibc's:
//   - size prefixes: h (short), hh (char), l (32-bit: %ld is a LONG), ll / I64 / L (64-bit),
//     I32 (32-bit), I / z / j / t (pointer-sized, 64-bit);
//   - %s and %c take the format's own width (narrow in DbgPrint and *PrintfA, wide in
//     *PrintfW), %S and %C the other one; h forces narrow, l and w force wide (%hs, %ls, %ws);
//   - %Z takes a PANSI_STRING, %wZ a PUNICODE_STRING, printing Length bytes of Buffer;
//   - %p prints the pointer as 16 uppercase hex digits with no prefix ('#' adds "0X");
//   - the 0 flag also pads strings and characters with zeros;
//   - a null string pointer prints "(null)" (also a null %Z structure or Buffer).
// Deviations, all deliberate:
//   - narrow <-> wide conversion is Latin-1 (see nt_format.h), not the ANSI code page;
//   - the floating conversions are formatted by the C library (two-digit exponents, "inf"),
//     with width and precision capped at kMaxFloatField; DbgPrint documents no float support;
//   - %n consumes its pointer and writes nothing;
//   - an unknown conversion character is printed as itself (the legacy MSVC CRT rule), and a
//     '%' ending the format prints nothing;
//   - the PASSIVE_LEVEL rule for the Unicode conversions is left to the caller (the engine).
#include "nt_format.h"

#include <ntifs.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <type_traits>

namespace ksim::wdk {
namespace {

constexpr int kMaxFloatField = 512;

enum class IntSize { Default, Char, Short, Int64 };
enum class TextWidth { Default, Narrow, Wide };

struct Spec {
  bool left = false;
  bool plus = false;
  bool space = false;
  bool alt = false;
  bool zero = false;
  int width = 0;
  int precision = -1;  // -1: not given
  IntSize size = IntSize::Default;
  bool long_double = false;
  TextWidth text = TextWidth::Default;
};

// Reads the variadic arguments through a private copy of the caller's va_list. Pointers
// are read as void* and converted, which is ABI-identical for every pointer type.
class Arguments {
 public:
  explicit Arguments(va_list args) { va_copy(args_, args); }
  ~Arguments() { va_end(args_); }
  Arguments(const Arguments&) = delete;
  Arguments& operator=(const Arguments&) = delete;

  template <typename T>
  T next() {
    return va_arg(args_, T);
  }

 private:
  va_list args_;
};

template <typename Out, typename In>
Out convert_unit(In unit) {
  if constexpr (std::is_same_v<Out, In>) {
    return unit;
  } else if constexpr (std::is_same_v<Out, char16_t>) {
    return static_cast<unsigned char>(unit);
  } else {
    return unit <= 0xFF ? static_cast<char>(unit) : '?';
  }
}

std::string latin1_to_utf8(std::string_view bytes) {
  std::string text;
  text.reserve(bytes.size());
  for (const char byte : bytes) {
    const auto unit = static_cast<unsigned char>(byte);
    if (unit < 0x80) {
      text += byte;
    } else {
      text += static_cast<char>(0xC0 | (unit >> 6));
      text += static_cast<char>(0x80 | (unit & 0x3F));
    }
  }
  return text;
}

template <typename T>
std::string c_format(const std::string& format, T value) {
  const int length = std::snprintf(nullptr, 0, format.c_str(), value);
  std::string text(static_cast<std::size_t>(std::max(length, 0)) + 1, '\0');
  std::snprintf(text.data(), text.size(), format.c_str(), value);
  text.pop_back();
  return text;
}

template <typename Char>
class Formatter {
 public:
  Formatter(std::basic_string<Char>& out, va_list args, std::size_t max_units)
      : out_(out), args_(args), max_units_(max_units) {}

  std::size_t run(std::basic_string_view<Char> fmt) {
    std::size_t i = 0;
    while (i < fmt.size()) {
      const Char unit = fmt[i++];
      if (unit != '%') {
        put(unit);
        continue;
      }
      Spec spec;
      parse_spec(fmt, i, spec);
      if (i == fmt.size()) {
        break;
      }
      convert(spec, fmt[i++]);
    }
    return produced_;
  }

 private:
  using View = std::basic_string_view<Char>;
  using Text = std::basic_string<Char>;
  static constexpr bool kWideFormat = std::is_same_v<Char, char16_t>;

  static bool is_digit(Char unit) { return unit >= '0' && unit <= '9'; }

  static int read_count(View fmt, std::size_t& i) {
    long long value = 0;
    for (; i < fmt.size() && is_digit(fmt[i]); ++i) {
      value = std::min<long long>(value * 10 + (fmt[i] - '0'), INT_MAX);
    }
    return static_cast<int>(value);
  }

  static bool set_flag(Spec& spec, Char unit) {
    switch (unit) {
      case '-':
        spec.left = true;
        return true;
      case '+':
        spec.plus = true;
        return true;
      case ' ':
        spec.space = true;
        return true;
      case '#':
        spec.alt = true;
        return true;
      case '0':
        spec.zero = true;
        return true;
      default:
        return false;
    }
  }

  void parse_spec(View fmt, std::size_t& i, Spec& spec) {
    while (i < fmt.size() && set_flag(spec, fmt[i])) {
      ++i;
    }
    if (i < fmt.size() && fmt[i] == '*') {
      ++i;
      const int width = args_.template next<int>();
      spec.left = spec.left || width < 0;
      spec.width = width == INT_MIN ? INT_MAX : (width < 0 ? -width : width);
    } else {
      spec.width = read_count(fmt, i);
    }
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      if (i < fmt.size() && fmt[i] == '*') {
        ++i;
        spec.precision = std::max(args_.template next<int>(), -1);
      } else {
        spec.precision = read_count(fmt, i);
      }
    }
    parse_size(fmt, i, spec);
  }

  static bool follows(View fmt, std::size_t i, char first, char second) {
    return i + 1 < fmt.size() && fmt[i] == first && fmt[i + 1] == second;
  }

  static void parse_size(View fmt, std::size_t& i, Spec& spec) {
    if (i == fmt.size()) {
      return;
    }
    switch (fmt[i]) {
      case 'h':
        spec.size = follows(fmt, i, 'h', 'h') ? IntSize::Char : IntSize::Short;
        i += spec.size == IntSize::Char ? 2 : 1;
        spec.text = TextWidth::Narrow;
        break;
      case 'l':
        if (follows(fmt, i, 'l', 'l')) {
          spec.size = IntSize::Int64;
          i += 2;
        } else {
          spec.text = TextWidth::Wide;  // and integers stay 32-bit
          i += 1;
        }
        break;
      case 'L':
        spec.size = IntSize::Int64;
        spec.long_double = true;
        i += 1;
        break;
      case 'w':
        spec.text = TextWidth::Wide;
        i += 1;
        break;
      case 'I':
        if (follows(fmt, i + 1, '3', '2')) {
          i += 3;
        } else {
          spec.size = IntSize::Int64;
          i += follows(fmt, i + 1, '6', '4') ? 3 : 1;
        }
        break;
      case 'z':
      case 'j':
      case 't':
        spec.size = IntSize::Int64;
        i += 1;
        break;
      default:
        break;
    }
  }

  void convert(const Spec& spec, Char conversion) {
    switch (conversion) {
      case 'd':
      case 'i': {
        const long long value = read_signed(spec.size);
        const unsigned long long magnitude =
            value < 0 ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
        emit_integer(spec, magnitude, value < 0, 10, false, true);
        break;
      }
      case 'u':
        emit_integer(spec, read_unsigned(spec.size), false, 10, false, false);
        break;
      case 'o':
        emit_integer(spec, read_unsigned(spec.size), false, 8, false, false);
        break;
      case 'x':
        emit_integer(spec, read_unsigned(spec.size), false, 16, false, false);
        break;
      case 'X':
        emit_integer(spec, read_unsigned(spec.size), false, 16, true, false);
        break;
      case 'p': {
        Spec pointer = spec;
        pointer.precision = spec.precision < 0 ? 16 : spec.precision;
        const auto address = reinterpret_cast<std::uintptr_t>(args_.template next<const void*>());
        emit_integer(pointer, address, false, 16, true, false);
        break;
      }
      case 'c':
        emit_char(spec, wide_argument(spec, kWideFormat));
        break;
      case 'C':
        emit_char(spec, wide_argument(spec, !kWideFormat));
        break;
      case 's':
        emit_string(spec, wide_argument(spec, kWideFormat));
        break;
      case 'S':
        emit_string(spec, wide_argument(spec, !kWideFormat));
        break;
      case 'Z':
        emit_counted_string(spec, wide_argument(spec, false));
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
      case 'a':
      case 'A':
        emit_floating(spec, static_cast<char>(conversion));
        break;
      case 'n':
        args_.template next<const void*>();
        break;
      default:
        put(conversion);
        break;  // includes "%%"
    }
  }

  static bool wide_argument(const Spec& spec, bool wide_by_default) {
    return spec.text == TextWidth::Default ? wide_by_default : spec.text == TextWidth::Wide;
  }

  long long read_signed(IntSize size) {
    switch (size) {
      case IntSize::Char:
        return static_cast<signed char>(args_.template next<int>());
      case IntSize::Short:
        return static_cast<short>(args_.template next<int>());
      case IntSize::Int64:
        return args_.template next<long long>();
      default:
        return args_.template next<int>();
    }
  }

  unsigned long long read_unsigned(IntSize size) {
    switch (size) {
      case IntSize::Char:
        return static_cast<unsigned char>(args_.template next<unsigned>());
      case IntSize::Short:
        return static_cast<unsigned short>(args_.template next<unsigned>());
      case IntSize::Int64:
        return args_.template next<unsigned long long>();
      default:
        return args_.template next<unsigned>();
    }
  }

  void emit_integer(const Spec& spec, unsigned long long value, bool negative, unsigned base, bool upper,
                    bool is_signed) {
    const char* symbols = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    Text digits;
    for (unsigned long long rest = value; rest != 0; rest /= base) {
      digits.insert(digits.begin(), static_cast<Char>(symbols[rest % base]));
    }
    const std::size_t min_digits = spec.precision < 0 ? 1 : static_cast<std::size_t>(spec.precision);
    std::size_t zeros = digits.size() < min_digits ? min_digits - digits.size() : 0;
    if (base == 8 && spec.alt && zeros == 0 && (digits.empty() || digits.front() != '0')) {
      zeros = 1;
    }
    std::string_view prefix;
    if (is_signed && negative) {
      prefix = "-";
    } else if (is_signed && spec.plus) {
      prefix = "+";
    } else if (is_signed && spec.space) {
      prefix = " ";
    } else if (base == 16 && spec.alt && value != 0) {
      prefix = upper ? "0X" : "0x";
    }
    emit_field(spec, prefix, zeros, digits, spec.zero && spec.precision < 0);
  }

  void emit_char(const Spec& spec, bool wide) {
    const int argument = args_.template next<int>();
    const Char unit =
        wide ? convert_unit<Char>(static_cast<char16_t>(argument)) : convert_unit<Char>(static_cast<char>(argument));
    emit_field(spec, {}, 0, View(&unit, 1), spec.zero);
  }

  // Takes up to limit units of text, stopping early at a NUL unless counted.
  template <typename In>
  Text take(const In* text, std::size_t limit, bool counted) {
    Text units;
    for (std::size_t i = 0; i < limit && (counted || text[i] != 0); ++i) {
      units += convert_unit<Char>(text[i]);
    }
    return units;
  }

  std::size_t precision_limit(const Spec& spec) const {
    return spec.precision < 0 ? kUnlimited : static_cast<std::size_t>(spec.precision);
  }

  void emit_null(const Spec& spec) { emit_field(spec, {}, 0, take("(null)", precision_limit(spec), false), spec.zero); }

  void emit_string(const Spec& spec, bool wide) {
    const void* pointer = args_.template next<const void*>();
    if (pointer == nullptr) {
      emit_null(spec);
    } else if (wide) {
      emit_field(spec, {}, 0, take(static_cast<const char16_t*>(pointer), precision_limit(spec), false), spec.zero);
    } else {
      emit_field(spec, {}, 0, take(static_cast<const char*>(pointer), precision_limit(spec), false), spec.zero);
    }
  }

  void emit_counted_string(const Spec& spec, bool wide) {
    const void* pointer = args_.template next<const void*>();
    if (wide) {
      const auto* string = static_cast<const UNICODE_STRING*>(pointer);
      if (string == nullptr || string->Buffer == nullptr) {
        return emit_null(spec);
      }
      const std::size_t units = std::min<std::size_t>(string->Length / sizeof(WCHAR), precision_limit(spec));
      emit_field(spec, {}, 0, take(string->Buffer, units, true), spec.zero);
    } else {
      const auto* string = static_cast<const ANSI_STRING*>(pointer);
      if (string == nullptr || string->Buffer == nullptr) {
        return emit_null(spec);
      }
      const std::size_t units = std::min<std::size_t>(string->Length, precision_limit(spec));
      emit_field(spec, {}, 0, take(string->Buffer, units, true), spec.zero);
    }
  }

  void emit_floating(const Spec& spec, char conversion) {
    std::string format = "%";
    format += spec.left ? "-" : "";
    format += spec.plus ? "+" : "";
    format += spec.space ? " " : "";
    format += spec.alt ? "#" : "";
    format += spec.zero ? "0" : "";
    format += std::to_string(std::min(spec.width, kMaxFloatField));
    if (spec.precision >= 0) {
      format += '.' + std::to_string(std::min(spec.precision, kMaxFloatField));
    }
    format += spec.long_double ? "L" : "";
    format += conversion;
    const std::string text = spec.long_double ? c_format(format, args_.template next<long double>())
                                              : c_format(format, args_.template next<double>());
    put(take(text.c_str(), text.size(), true));
  }

  // One converted field: [spaces][prefix][zeros][body][spaces], padded to spec.width.
  void emit_field(const Spec& spec, std::string_view prefix, std::size_t zeros, View body, bool zero_pad) {
    const std::size_t length = prefix.size() + zeros + body.size();
    const auto width = static_cast<std::size_t>(spec.width);
    const std::size_t padding = width > length ? width - length : 0;
    if (!spec.left && !zero_pad) {
      put(' ', padding);
    }
    for (const char unit : prefix) {
      put(static_cast<Char>(unit));
    }
    put('0', zeros + (!spec.left && zero_pad ? padding : 0));
    put(body);
    if (spec.left) {
      put(' ', padding);
    }
  }

  std::size_t room() const { return produced_ < max_units_ ? max_units_ - produced_ : 0; }

  void put(Char unit, std::size_t count = 1) {
    out_.append(std::min(count, room()), unit);
    produced_ += count;
  }

  void put(View text) {
    out_.append(text.substr(0, std::min(text.size(), room())));
    produced_ += text.size();
  }

  std::basic_string<Char>& out_;
  Arguments args_;
  std::size_t max_units_;
  std::size_t produced_ = 0;
};

}  // namespace

std::size_t format_append(std::string& out, std::string_view fmt, va_list args, std::size_t max_units) {
  return Formatter<char>(out, args, max_units).run(fmt);
}

std::size_t format_append(std::u16string& out, std::u16string_view fmt, va_list args, std::size_t max_units) {
  return Formatter<char16_t>(out, args, max_units).run(fmt);
}

std::string format_dbgprint(const char* fmt, va_list args) {
  if (fmt == nullptr) {
    return {};
  }
  std::string bytes;
  format_append(bytes, fmt, args, kDbgPrintMaxBytes);
  return latin1_to_utf8(bytes);
}

std::string utf16_to_utf8(std::u16string_view text) {
  std::string utf8;
  utf8.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char32_t code = text[i];
    const bool high = code >= 0xD800 && code <= 0xDBFF;
    if (high && i + 1 < text.size() && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF) {
      code = 0x10000 + ((code - 0xD800) << 10) + (text[++i] - 0xDC00);
    } else if (code >= 0xD800 && code <= 0xDFFF) {
      code = 0xFFFD;
    }
    if (code < 0x80) {
      utf8 += static_cast<char>(code);
    } else if (code < 0x800) {
      utf8 += static_cast<char>(0xC0 | (code >> 6));
      utf8 += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      utf8 += static_cast<char>(0xE0 | (code >> 12));
      utf8 += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      utf8 += static_cast<char>(0xF0 | (code >> 18));
      utf8 += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      utf8 += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      utf8 += static_cast<char>(0x80 | (code & 0x3F));
    }
  }
  return utf8;
}

}  // namespace ksim::wdk
