// A driver's C source compiled against the WDK shim and loaded into the host process: its entry
// point, where it sits in host memory, and its symbols for stacks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ksim {

struct DriverSource {
  std::string path;            // the .c file on the host
  std::string module_name;     // "TestDriver"
  std::string display_path;    // the source path stacks show (a scenario may give the original build's)
  std::vector<std::string> defines;  // -D flags: the scenario's parameters
};

struct DriverSymbol {
  std::uint64_t offset;        // from the image base
  std::uint64_t size;
  std::string name;
};

class DriverImage {
 public:
  using DriverEntryRoutine = std::int32_t (*)(void* driver_object, void* registry_path);

  // Compiles (or takes from the cache) and loads the driver. On failure returns null and sets
  // `error` to one line, followed by the compiler's messages when it did not compile.
  static std::unique_ptr<DriverImage> load(const DriverSource& source, std::string& error);
  // Another copy of the same compiled image with globals of its own, so that machines on several
  // host threads can run the driver at once (the loader hands out one copy per file: this loads
  // it from a private copy of the file).
  std::unique_ptr<DriverImage> load_copy(std::string& error) const;
  ~DriverImage();
  DriverImage(const DriverImage&) = delete;
  DriverImage& operator=(const DriverImage&) = delete;

  const std::string& module_name() const { return source_.module_name; }
  const std::string& display_path() const { return source_.display_path; }
  DriverEntryRoutine entry() const { return entry_; }
  bool contains(const void* host) const {  // inline: every frame of every blocking call asks
    const auto* p = static_cast<const char*>(host);
    return p >= host_base_ && p < host_base_ + host_size_;
  }
  std::uint64_t offset_of(const void* host) const;
  std::uint64_t host_size() const { return host_size_; }
  const void* host_base() const { return host_base_; }
  // The function containing an image offset, or null.
  const DriverSymbol* symbol_at(std::uint64_t offset) const;
  // The name of that function, or "" (stacks and thread names).
  std::string function_name(std::uint64_t offset) const;
  const std::vector<DriverSymbol>& symbols() const { return symbols_; }  // sorted by offset
  // Restores the image's writable data to its state at load, so every run starts fresh.
  void reset_data();

 private:
  DriverImage() = default;
  static std::unique_ptr<DriverImage> open(const std::string& image, const DriverSource& source, std::string& error);

  DriverSource source_;
  std::string image_path_;  // the compiled image in the cache
  void* handle_ = nullptr;
  DriverEntryRoutine entry_ = nullptr;
  const char* host_base_ = nullptr;
  std::uint64_t host_size_ = 0;
  std::vector<DriverSymbol> symbols_;  // sorted by offset
  struct Segment {
    char* start;
    std::vector<char> image;
  };
  std::vector<Segment> writable_;
};

}  // namespace ksim
