// Real driver C must compile, unchanged, against the shim headers with the flags ksim
// uses for drivers: the seed driver (warnings allowed) and driver_features.c (-Werror);
// and driver C must link and run against the C++ runtime (runtime_interop.c).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

// KSIM_SOURCE_DIR / KSIM_SHARED_DIR are set by ctest; run directly, fall back on this
// file's location (tests/wdk/ in the source tree, with shared/ beside the tree).
fs::path source_dir() {
  if (const char* dir = std::getenv("KSIM_SOURCE_DIR")) {
    return dir;
  }
  return fs::path(__FILE__).parent_path().parent_path().parent_path();
}

fs::path shared_dir() {
  if (const char* dir = std::getenv("KSIM_SHARED_DIR")) {
    return dir;
  }
  return source_dir() / ".." / "shared";
}

fs::path include_dir() { return source_dir() / "sim" / "wdk" / "include"; }

// The runtime archive this binary was linked with: <build>/bin/test_wdk beside
// <build>/sim/wdk/libksim_wdk_rt.a.
fs::path runtime_archive() {
  return fs::read_symlink("/proc/self/exe").parent_path().parent_path() / "sim" / "wdk" / "libksim_wdk_rt.a";
}

struct Compile {
  int exit_code;
  std::string output;
};

Compile run(const std::string& command) {
  Compile result{-1, {}};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(pipe != nullptr);
  char chunk[4096];
  while (const std::size_t got = std::fread(chunk, 1, sizeof(chunk), pipe)) {
    result.output.append(chunk, got);
  }
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// The driver flags: C11 with GNU extensions and 2-byte wchar_t, checked only.
std::string c_compile(const fs::path& source, const std::string& extra_flags) {
  return "cc -std=gnu11 -fshort-wchar -fsyntax-only " + extra_flags + " -I" + quoted(include_dir()) + " " +
         quoted(source);
}

// The first ```c fenced block of a markdown file.
std::string first_c_block(const fs::path& markdown) {
  std::ifstream in(markdown);
  REQUIRE_MESSAGE(in.good(), "cannot read " << markdown);
  std::string line;
  std::string code;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!inside && line == "```c") {
      inside = true;
    } else if (inside && line.rfind("```", 0) == 0) {
      return code;
    } else if (inside) {
      code += line + "\n";
    }
  }
  FAIL("no ```c block in " << markdown);
  return {};
}

fs::path write_temp(const std::string& name, const std::string& text) {
  std::string pattern = (fs::temp_directory_path() / "ksim_wdk_XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  const fs::path path = fs::path(pattern) / name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("the seed driver compiles unchanged (warnings allowed)") {
  const std::string code = first_c_block(shared_dir() / "seed" / "000_49dbd57117f58e18.txt");
  REQUIRE(code.find("DriverEntry") != std::string::npos);
  const fs::path source = write_temp("Driver.c", code);

  const Compile compile = run(c_compile(source, ""));
  INFO(compile.output);
  CHECK(compile.exit_code == 0);
  CHECK(compile.output.find("error") == std::string::npos);

  // Without -fshort-wchar the L"..." buffers would not be WCHARs: the shim refuses.
  const Compile wrong = run("cc -std=gnu11 -fsyntax-only -I" + quoted(include_dir()) + " " + quoted(source));
  CHECK(wrong.exit_code != 0);
  CHECK(wrong.output.find("-fshort-wchar") != std::string::npos);
  fs::remove_all(source.parent_path());
}

TEST_CASE("driver_features.c compiles warning-free as C, and as C++ with KSIM_DRIVER_SOURCE") {
  const fs::path source = source_dir() / "tests" / "wdk" / "driver_features.c";
  const Compile c = run(c_compile(source, "-Wall -Wextra -Werror"));
  INFO(c.output);
  CHECK(c.exit_code == 0);

  // g++ before 13 cannot silence -Wunknown-pragmas / -Wmultichar from a header pragma.
  const Compile cxx =
      run("c++ -std=gnu++20 -x c++ -fshort-wchar -DKSIM_DRIVER_SOURCE -fsyntax-only -Wall -Wextra "
          "-Werror -Wno-unknown-pragmas -Wno-multichar -I" +
          quoted(include_dir()) + " " + quoted(source));
  INFO(cxx.output);
  CHECK(cxx.exit_code == 0);
}

TEST_CASE("call sites: DDIs record the line of the call, Rtl helpers do not") {
  const fs::path source = write_temp("calls.c",
                                     "#include <ntifs.h>\n"
                                     "#include <ntstrsafe.h>\n"
                                     "void f(PKEVENT e, PWSTR b) {\n"
                                     "    KeSetEvent(e,\n"
                                     "               IO_NO_INCREMENT, FALSE);\n"
                                     "    RtlStringCchPrintfW(b, 4, L\"%d\", wcslen(b));\n"
                                     "    void (*address)(PKEVENT) = KeClearEvent;\n"
                                     "    address(e);\n"
                                     "}\n");
  const Compile expanded = run("cc -std=gnu11 -fshort-wchar -E -P -I" + quoted(include_dir()) + " " + quoted(source));
  REQUIRE(expanded.exit_code == 0);
  const std::string& text = expanded.output;
  CHECK(text.find("(KsimNoteCallSite(\"" + source.string() + "\", 4), KeSetEvent(e,") != std::string::npos);
  CHECK(text.find("RtlStringCchPrintfW(b, 4, L\"%d\", KsimWcslen(b));") != std::string::npos);
  CHECK(text.find("= KeClearEvent;") != std::string::npos);
  fs::remove_all(source.parent_path());
}

TEST_CASE("driver C links against the C++ runtime and both sides agree on WCHAR data") {
  const fs::path archive = runtime_archive();
  REQUIRE_MESSAGE(fs::exists(archive), "no runtime archive at " << archive);
#ifdef __SANITIZE_ADDRESS__
  const std::string sanitizers = " -fsanitize=address,undefined";
#else
  const std::string sanitizers;
#endif
  const fs::path binary = write_temp("interop", "");
  const fs::path object = binary.parent_path() / "interop.o";
  const fs::path source = source_dir() / "tests" / "wdk" / "runtime_interop.c";
  const Compile build = run("cc -std=gnu11 -fshort-wchar -Wall -Wextra -Werror" + sanitizers + " -I" +
                            quoted(include_dir()) + " -c " + quoted(source) + " -o " + quoted(object) + " && c++" +
                            sanitizers + " " + quoted(object) + " " + quoted(archive) + " -o " + quoted(binary));
  INFO(build.output);
  REQUIRE(build.exit_code == 0);
  const Compile result = run(quoted(binary));
  INFO(result.output);
  CHECK(result.exit_code == 0);
  fs::remove_all(binary.parent_path());
}
