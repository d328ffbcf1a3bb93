#include "driver_image.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <elf.h>
#include <link.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "log.h"

extern char** environ;

namespace ksim {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::uint64_t fnv1a(std::string_view data, std::uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : data) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

fs::path cache_directory() {
  if (const char* dir = std::getenv("KSIM_CACHE_DIR")) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME")) return fs::path(xdg) / "ksim";
  if (const char* home = std::getenv("HOME")) return fs::path(home) / ".cache" / "ksim";
  return fs::temp_directory_path() / ("ksim-cache-" + std::to_string(getuid()));
}

std::vector<std::string> compile_flags() {
  // Windows' data model where the compiler decides it (2-byte WCHAR), frame pointers so ksim can
  // walk driver frames, and the stack protector as /GS would be.
  return {"-std=gnu11", "-shared", "-fPIC", "-fshort-wchar", "-g", "-O1", "-fno-omit-frame-pointer",
          "-fstack-protector-strong", "-fno-strict-aliasing", "-w", "-Werror=implicit-function-declaration",
          "-DKSIM_DRIVER_SOURCE=1",
          "-I" KSIM_WDK_INCLUDE_DIR};
}

// Runs the compiler; returns its exit status and its messages.
int run_compiler(const std::vector<std::string>& args, std::string& messages) {
  const fs::path log = fs::temp_directory_path() / ("ksim-cc-" + std::to_string(getpid()) + ".log");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    messages = std::string("cannot run the C compiler '") + argv[0] + "': " + std::strerror(spawned);
    return -1;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  messages = read_file(log).value_or("");
  fs::remove(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct LoadedRange {
  const char* base = nullptr;
  std::uint64_t size = 0;
  std::vector<std::pair<char*, std::uint64_t>> writable;
};

LoadedRange loaded_range(const void* inside) {
  struct Search {
    const void* inside;
    LoadedRange found;
  } search{inside, {}};
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* data) {
        auto* s = static_cast<Search*>(data);
        std::uint64_t end = 0;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const auto& ph = info->dlpi_phdr[i];
          if (ph.p_type == PT_LOAD) end = std::max<std::uint64_t>(end, ph.p_vaddr + ph.p_memsz);
        }
        const auto* base = reinterpret_cast<const char*>(info->dlpi_addr);
        const auto* p = static_cast<const char*>(s->inside);
        if (p < base || p >= base + end) return 0;
        s->found.base = base;
        s->found.size = end;
        // The writable data, less the part the loader made read-only after relocating (RELRO).
        std::uint64_t relro_end = 0;
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const auto& ph = info->dlpi_phdr[i];
          if (ph.p_type == PT_GNU_RELRO) relro_end = ph.p_vaddr + ph.p_memsz;
        }
        for (int i = 0; i < info->dlpi_phnum; ++i) {
          const auto& ph = info->dlpi_phdr[i];
          if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_W)) continue;
          const std::uint64_t start = std::max<std::uint64_t>(ph.p_vaddr, relro_end);
          const std::uint64_t stop = ph.p_vaddr + ph.p_memsz;
          if (start < stop) s->found.writable.emplace_back(reinterpret_cast<char*>(info->dlpi_addr + start), stop - start);
        }
        return 1;
      },
      &search);
  return search.found;
}

// The image's function symbols, local ones included, from its ELF symbol table.
std::vector<DriverSymbol> read_symbols(const fs::path& image) {
  std::vector<DriverSymbol> symbols;
  const auto bytes = read_file(image);
  if (!bytes || bytes->size() < sizeof(Elf64_Ehdr)) return symbols;
  const char* data = bytes->data();
  const auto& eh = *reinterpret_cast<const Elf64_Ehdr*>(data);
  if (eh.e_shoff == 0 || eh.e_shoff + eh.e_shnum * sizeof(Elf64_Shdr) > bytes->size()) return symbols;
  const auto* sections = reinterpret_cast<const Elf64_Shdr*>(data + eh.e_shoff);
  for (int i = 0; i < eh.e_shnum; ++i) {
    if (sections[i].sh_type != SHT_SYMTAB) continue;
    const Elf64_Shdr& strtab = sections[sections[i].sh_link];
    const auto* syms = reinterpret_cast<const Elf64_Sym*>(data + sections[i].sh_offset);
    const std::size_t count = sections[i].sh_size / sizeof(Elf64_Sym);
    for (std::size_t k = 0; k < count; ++k) {
      if (ELF64_ST_TYPE(syms[k].st_info) != STT_FUNC || syms[k].st_value == 0) continue;
      symbols.push_back({syms[k].st_value, syms[k].st_size, data + strtab.sh_offset + syms[k].st_name});
    }
  }
  std::sort(symbols.begin(), symbols.end(), [](const auto& a, const auto& b) { return a.offset < b.offset; });
  return symbols;
}

}  // namespace

std::unique_ptr<DriverImage> DriverImage::load(const DriverSource& source, std::string& error) {
  const auto text = read_file(source.path);
  if (!text) {
    error = "cannot read driver source '" + source.path + "'";
    return nullptr;
  }
  std::vector<std::string> flags = compile_flags();
  flags.insert(flags.end(), source.defines.begin(), source.defines.end());
  std::uint64_t key = fnv1a(*text);
  for (const std::string& f : flags) key = fnv1a(f, key);
  for (const auto& entry : fs::recursive_directory_iterator(KSIM_WDK_INCLUDE_DIR)) {
    if (entry.is_regular_file()) key = fnv1a(read_file(entry.path()).value_or(""), key);
  }
  key = fnv1a(read_file(KSIM_DRIVER_RUNTIME).value_or(""), key);

  std::error_code ec;
  const fs::path cache = cache_directory();
  fs::create_directories(cache, ec);
  char name[32];
  std::snprintf(name, sizeof name, "%016llx.so", static_cast<unsigned long long>(key));
  const fs::path image = cache / name;
  if (fs::exists(image)) engine_log().debug("{}: compiled image {} taken from the cache", source.path, image.string());
  if (!fs::exists(image)) {
    engine_log().info("{}: compiling with the WDK shim into {}", source.path, image.string());
    const fs::path partial = cache / (std::string(name) + "." + std::to_string(getpid()));
    std::vector<std::string> args{std::getenv("CC") ? std::getenv("CC") : "cc"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.insert(args.end(), {"-o", partial.string(), source.path, KSIM_DRIVER_RUNTIME});
    std::string messages;
    if (run_compiler(args, messages) != 0) {
      fs::remove(partial, ec);
      error = "driver '" + source.path + "' does not compile:\n" + messages;
      while (!error.empty() && error.back() == '\n') error.pop_back();
      return nullptr;
    }
    fs::rename(partial, image, ec);
  }
  return open(image.string(), source, error);
}

std::unique_ptr<DriverImage> DriverImage::load_copy(std::string& error) const {
  static std::atomic<unsigned> copies{0};
  const fs::path copy = fs::path(image_path_).concat("." + std::to_string(getpid()) + "." + std::to_string(++copies));
  std::error_code ec;
  fs::copy_file(image_path_, copy, ec);
  if (ec) {
    error = "cannot copy driver image '" + image_path_ + "': " + ec.message();
    return nullptr;
  }
  auto driver = open(copy.string(), source_, error);
  fs::remove(copy, ec);  // the loaded mapping outlives the file
  if (driver) driver->image_path_ = image_path_;
  return driver;
}

std::unique_ptr<DriverImage> DriverImage::open(const std::string& image, const DriverSource& source, std::string& error) {
  std::unique_ptr<DriverImage> driver(new DriverImage());
  driver->source_ = source;
  driver->image_path_ = image;
  driver->handle_ = dlopen(image.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!driver->handle_) {
    error = std::string("cannot load driver image: ") + dlerror();
    return nullptr;
  }
  driver->entry_ = reinterpret_cast<DriverEntryRoutine>(dlsym(driver->handle_, "DriverEntry"));
  if (!driver->entry_) {
    error = "driver '" + source.path + "' has no DriverEntry";
    return nullptr;
  }
  const LoadedRange range = loaded_range(reinterpret_cast<const void*>(driver->entry_));
  driver->host_base_ = range.base;
  driver->host_size_ = range.size;
  for (const auto& [start, size] : range.writable) driver->writable_.push_back({start, std::vector<char>(start, start + size)});
  driver->symbols_ = read_symbols(image);
  return driver;
}

DriverImage::~DriverImage() {
  if (handle_) dlclose(handle_);
}

std::uint64_t DriverImage::offset_of(const void* host) const {
  return static_cast<std::uint64_t>(static_cast<const char*>(host) - host_base_);
}

const DriverSymbol* DriverImage::symbol_at(std::uint64_t offset) const {
  auto it = std::upper_bound(symbols_.begin(), symbols_.end(), offset,
                             [](std::uint64_t o, const DriverSymbol& s) { return o < s.offset; });
  if (it == symbols_.begin()) return nullptr;
  --it;
  return offset < it->offset + std::max<std::uint64_t>(it->size, 1) ? &*it : nullptr;
}

std::string DriverImage::function_name(std::uint64_t offset) const {
  const DriverSymbol* symbol = symbol_at(offset);
  return symbol ? symbol->name : std::string();
}

void DriverImage::reset_data() {
  for (Segment& segment : writable_) std::memcpy(segment.start, segment.image.data(), segment.image.size());
}

}  // namespace ksim
