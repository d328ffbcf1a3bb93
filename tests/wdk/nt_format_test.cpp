// The Windows printf engine: conversions, sizes, flags and the narrow/wide rules.
#include <doctest/doctest.h>

#include <ntifs.h>

#include "nt_format.h"

#include <cstdarg>
#include <climits>
#include <string>

using ksim::wdk::format_append;
using ksim::wdk::utf16_to_utf8;

namespace {

std::string narrow(const char* format, ...) {
  va_list args;
  va_start(args, format);
  std::string out;
  format_append(out, format, args);
  va_end(args);
  return out;
}

// Wide output, returned as UTF-8 so failures print readably.
std::string wide(const char16_t* format, ...) {
  va_list args;
  va_start(args, format);
  std::u16string out;
  format_append(out, format, args);
  va_end(args);
  return utf16_to_utf8(out);
}

}  // namespace

TEST_CASE("integers: %d %i %u %o %x %X with flags, width and precision") {
  CHECK(narrow("%d|%i|%u", -42, 7, 3000000000U) == "-42|7|3000000000");
  CHECK(narrow("%o|%x|%X", 8, 0xbeef, 0xbeef) == "10|beef|BEEF");
  CHECK(narrow("[%5d][%-5d][%05d][%+d][% d]", 42, 42, 42, 42, 42) == "[   42][42   ][00042][+42][ 42]");
  CHECK(narrow("[%05d][%-05d][%+05d]", -42, -42, 42) == "[-0042][-42  ][+0042]");
  CHECK(narrow("[%.3d][%8.3d][%08.3d]", 7, -7, 7) == "[007][    -007][     007]");
  CHECK(narrow("[%.0d][%5.0d][%.0x]", 0, 0, 0) == "[][     ][]");
  CHECK(narrow("[%#x][%#X][%#o][%#x][%#o]", 255, 255, 8, 0, 0) == "[0xff][0XFF][010][0][0]");
  CHECK(narrow("[%#010x][%#.0o]", 255, 0) == "[0x000000ff][0]");
  CHECK(narrow("%u", -1) == "4294967295");
  CHECK(narrow("%d", INT_MIN) == "-2147483648");
}

TEST_CASE("size prefixes follow Windows: %ld is 32-bit, I64/ll/I/z are 64-bit") {
  const long long big = 0x100000005LL;
  CHECK(narrow("%ld", big) == "5");  // the low 32 bits: %ld reads a LONG
  CHECK(narrow("%lx|%lu", -1LL, 0xFFFFFFFF00000002ULL) == "ffffffff|2");
  CHECK(narrow("%I64x", 0x123456789abcdefULL) == "123456789abcdef");
  CHECK(narrow("%I64d|%lld|%Id|%zd", -5000000000LL, -5000000000LL, -5000000000LL, -5000000000LL) ==
        "-5000000000|-5000000000|-5000000000|-5000000000");
  CHECK(narrow("%I32x|%I64X", 0x1234567890ULL, 0xABCDEF0123ULL) == "34567890|ABCDEF0123");
  CHECK(narrow("%Iu|%zu|%ju|%tu", ~0ULL, ~0ULL, ~0ULL, ~0ULL) ==
        "18446744073709551615|18446744073709551615|18446744073709551615|18446744073709551615");
  CHECK(narrow("%hd|%hu|%hx", 70000, 70000, 0x12345) == "4464|4464|2345");
  CHECK(narrow("%hhd|%hhu|%hhx", 0x1ff, 0x1ff, 0x1ab) == "-1|255|ab");
}

TEST_CASE("%p prints 16 uppercase hex digits without a prefix") {
  CHECK(narrow("%p", reinterpret_cast<void*>(0xffffc983f2cf36a0ULL)) == "FFFFC983F2CF36A0");
  CHECK(narrow("%p", nullptr) == "0000000000000000");
  CHECK(narrow("[%20p]", reinterpret_cast<void*>(0x1234)) == "[    0000000000001234]");
  CHECK(narrow("%#p", reinterpret_cast<void*>(0xabc)) == "0X0000000000000ABC");
  CHECK(wide(u"%p", reinterpret_cast<void*>(0xdeadbeefULL)) == "00000000DEADBEEF");
}

TEST_CASE("width and precision from arguments with *") {
  CHECK(narrow("[%*d][%-*d][%*d]", 4, 7, 4, 7, -4, 7) == "[   7][7   ][7   ]");
  CHECK(narrow("[%.*d][%.*s][%.*d]", 3, 7, 2, "abcdef", -1, 7) == "[007][ab][7]");
  CHECK(narrow("[%*.*s]", 6, 3, "abcdef") == "[   abc]");
}

TEST_CASE("strings in a narrow format: %s narrow, %S %ws %ls wide, %hs narrow") {
  CHECK(narrow("%s|%hs", "abc", "def") == "abc|def");
  CHECK(narrow("%S|%ws|%ls", u"wide", u"ws", u"ls") == "wide|ws|ls");
  CHECK(narrow("[%8s][%-8s][%.2s][%08s]", "abc", "abc", "abc", "abc") == "[     abc][abc     ][ab][00000abc]");
  CHECK(narrow("[%s][%ws][%.3s]", static_cast<const char*>(nullptr), static_cast<const char16_t*>(nullptr),
               static_cast<const char*>(nullptr)) == "[(null)][(null)][(nu]");
  // Latin-1 stands in for the ANSI code page: U+00E9 fits, U+20AC does not.
  CHECK(narrow("%ws", u"caf\u00e9 \u20ac") == "caf\xe9 ?");
}

TEST_CASE("strings in a wide format: %s wide, %S %hs narrow, %ws wide") {
  CHECK(wide(u"%s|%ws|%ls", u"abc", u"def", u"ghi") == "abc|def|ghi");
  CHECK(wide(u"%S|%hs", "narrow", "hs") == "narrow|hs");
  CHECK(wide(u"%hs", "caf\xe9") == "caf\u00e9");
  CHECK(wide(u"[%6s][%-6s][%.1s]", u"ab", u"ab", u"ab") == "[    ab][ab    ][a]");
  CHECK(wide(u"%s", u"\u20ac\U0001F600") == "\u20ac\U0001F600");
}

TEST_CASE("the seed driver's file name format") {
  CHECK(wide(u"\\DosDevices\\C:\\Temp\\file_%d.txt", 42) == "\\DosDevices\\C:\\Temp\\file_42.txt");
  CHECK(wide(u"\\DosDevices\\C:\\Temp2\\NewFile_%d.txt", 999) == "\\DosDevices\\C:\\Temp2\\NewFile_999.txt");
}

TEST_CASE("characters: %c follows the format, %C the other width, %hc %lc %wc force it") {
  CHECK(narrow("%c%c%c", 'a', 'b', 'c') == "abc");
  CHECK(narrow("%C|%wc|%lc|%hc", u'W', u'x', u'\u00e9', 'n') == "W|x|\xe9|n");
  CHECK(narrow("%C", u'\u20ac') == "?");
  CHECK(wide(u"%c|%C|%hc|%wc", u'\u20ac', 'n', 'h', u'w') == "\u20ac|n|h|w");
  CHECK(narrow("[%3c][%-3c][%03c]", 'x', 'y', 'z') == "[  x][y  ][00z]");
}

TEST_CASE("%wZ and %Z print counted strings, not NUL-terminated ones") {
  char16_t buffer[] = u"counted!garbage";
  UNICODE_STRING unicode{8 * sizeof(WCHAR), sizeof(buffer), buffer};
  char bytes[] = "ansiXYZ";
  ANSI_STRING ansi{4, sizeof(bytes), bytes};
  CHECK(narrow("%wZ|%Z", &unicode, &ansi) == "counted!|ansi");
  CHECK(wide(u"%wZ|%Z", &unicode, &ansi) == "counted!|ansi");
  CHECK(narrow("[%12wZ][%-6Z][%.3wZ]", &unicode, &ansi, &unicode) == "[    counted!][ansi  ][cou]");
  UNICODE_STRING empty{0, 0, nullptr};
  CHECK(narrow("%wZ|%Z|%wZ", &empty, static_cast<ANSI_STRING*>(nullptr), static_cast<UNICODE_STRING*>(nullptr)) ==
        "(null)|(null)|(null)");
}

TEST_CASE("%%, %n, unknown conversions and a trailing %") {
  CHECK(narrow("100%% done") == "100% done");
  int ignored = 0;
  CHECK(narrow("a%nb%d", &ignored, 5) == "ab5");
  CHECK(ignored == 0);
  CHECK(narrow("%y|%5k") == "y|k");
  CHECK(narrow("end%") == "end");
  CHECK(narrow("%-") == "");
}

TEST_CASE("floating conversions go through the C library") {
  CHECK(narrow("%.2f|%e|%g", 3.14159, 1.5, 0.25) == "3.14|1.500000e+00|0.25");
  CHECK(narrow("[%8.3f][%-8.1f][%+.0f]", 2.5, 2.5, 2.5) == "[   2.500][2.5     ][+2]");
  CHECK(wide(u"%.1f", 0.5) == "0.5");
  CHECK(narrow("%Lf", 1.0L) == "1.000000");
}

TEST_CASE("arguments after each conversion are consumed in order") {
  CHECK(narrow("%s=%d %ws=%I64u %p %c", "a", 1, u"b", 2ULL, reinterpret_cast<void*>(3), 'z') ==
        "a=1 b=2 0000000000000003 z");
}

TEST_CASE("max_units caps the output and the return value reports the full length") {
  auto capped = [](std::size_t limit, const char* format, ...) {
    va_list args;
    va_start(args, format);
    std::string out = "prefix:";
    const std::size_t total = format_append(out, format, args, limit);
    va_end(args);
    return std::make_pair(out, total);
  };
  CHECK(capped(4, "%d-%s", 12345, "xyz") == std::make_pair(std::string("prefix:1234"), std::size_t{9}));
  CHECK(capped(100, "%d", 1) == std::make_pair(std::string("prefix:1"), std::size_t{1}));
  // A huge field width is counted, not materialized.
  CHECK(capped(3, "%2000000000d", 1) == std::make_pair(std::string("prefix:   "), std::size_t{2000000000}));
}

TEST_CASE("the caller's va_list is not advanced") {
  auto twice = [](const char* format, ...) {
    va_list args;
    va_start(args, format);
    std::string first;
    std::string second;
    format_append(first, format, args);
    format_append(second, format, args);
    va_end(args);
    return first + "/" + second;
  };
  CHECK(twice("%d %s", 7, "x") == "7 x/7 x");
}

TEST_CASE("format_dbgprint: UTF-8 text of at most 512 bytes") {
  auto dbgprint = [](const char* format, ...) {
    va_list args;
    va_start(args, format);
    std::string text = ksim::wdk::format_dbgprint(format, args);
    va_end(args);
    return text;
  };
  CHECK(dbgprint("Acquiring %s at IRQL %u (%ws)\n", "mutex", 1U, u"APC_LEVEL") ==
        "Acquiring mutex at IRQL 1 (APC_LEVEL)\n");
  CHECK(dbgprint("%ws|%s", u"\u00e9", "\xe9") == "\u00e9|\u00e9");
  CHECK(dbgprint("%600s", "x").size() == ksim::wdk::kDbgPrintMaxBytes);
  CHECK(dbgprint(nullptr).empty());
}

TEST_CASE("utf16_to_utf8 handles surrogate pairs and replaces unpaired ones") {
  CHECK(utf16_to_utf8(u"a\u00e9\u20ac\U0001F600") == "a\u00e9\u20ac\U0001F600");
  const char16_t lone[] = {0xD800, u'x', 0xDC00, 0};
  CHECK(utf16_to_utf8(lone) == "\uFFFDx\uFFFD");
}
