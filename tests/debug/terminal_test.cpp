// `ksim debug` as a person uses it: in a real terminal (tmux), with line editing, history,
// Ctrl-C and Ctrl-D. Skipped, with a message, where tmux is not installed.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "debug_fixture.h"

namespace {

std::string shell(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  pclose(pipe);
  return output;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

// One tmux server of its own, running ksim debug in a 200x50 window.
class Terminal {
 public:
  // A server of its own per terminal: reusing a name just after kill-server can race its shutdown.
  explicit Terminal(const std::string& arguments)
      : tmux_("tmux -L ksim-debug-test-" + std::to_string(getpid()) + "-" + std::to_string(++terminals_)) {
    const std::string ksim = std::filesystem::canonical("/proc/self/exe").parent_path() / "ksim";
    shell(tmux_ + " new-session -d -x 200 -y 50 \"" + ksim + " debug " + arguments +
          "; echo ksim-exit=\\$?; sleep 60\" 2>&1");
  }
  ~Terminal() { shell(tmux_ + " kill-server 2>/dev/null"); }

  void type(const std::string& text) { shell(tmux_ + " send-keys -l '" + text + "'"); }
  void keys(const std::string& keys) { shell(tmux_ + " send-keys " + keys); }
  std::string screen() { return shell(tmux_ + " capture-pane -p -S -1000"); }
  // Waits until the screen shows `part` `times` times (at most 60 s: CI machines are busy);
  // returns the screen.
  std::string wait_for(const std::string& part, std::size_t times = 1) {
    std::string text;
    for (int i = 0; i < 1200; ++i) {
      text = screen();
      if (count(text, part) >= times) return text;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL_CHECK("the terminal never showed '" << part << "':\n" << text);
    return text;
  }

 private:
  static inline int terminals_ = 0;
  std::string tmux_;
};

bool have_tmux() {
  if (shell("command -v tmux").empty()) {
    MESSAGE("tmux is not installed: the terminal tests are skipped (apt-get install tmux)");
    return false;
  }
  return true;
}

}  // namespace

TEST_CASE("at a terminal: a prompt, line editing, history, Ctrl-C at the prompt, Ctrl-D to leave") {
  if (!have_tmux()) return;
  Terminal t("kmutex-delay --set files=3 --set writes=2");
  t.wait_for("0: kd>");
  t.type("bp nt!KeDelayExecutionThread");
  t.keys("Enter");
  t.type("g");
  t.keys("Enter");
  t.wait_for("Breakpoint 0 hit");
  t.type("k");
  t.keys("Enter");
  t.wait_for(" # Child-SP");
  t.keys("Up Enter");  // history: k again
  t.wait_for(" # Child-SP", 2);
  t.type("bxl");
  t.keys("Left BSpace Enter");  // editing: "bl"
  t.wait_for("0001 (0001) nt!KeDelayExecutionThread");
  t.keys("C-c");  // abandons the line, not the session
  t.type("~");
  t.keys("Enter");
  t.wait_for("255 other threads in System");
  t.keys("C-d");
  const std::string screen = t.wait_for("ksim-exit=");
  CHECK(debugtest::contains(screen, "ksim-exit=0"));
}

TEST_CASE("at a terminal: Ctrl-C interrupts a long g and the prompt comes back") {
  if (!have_tmux()) return;
  Terminal t("kmutex-delay --set files=200000 --set writes=1");
  t.wait_for("0: kd>");
  t.type("g");
  t.keys("Enter");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  t.keys("C-c");
  t.wait_for("ksim: interrupted (Ctrl-C)");
  t.type("q");
  t.keys("Enter");
  const std::string screen = t.wait_for("ksim-exit=");
  CHECK(debugtest::contains(screen, "quit:"));
  CHECK(debugtest::contains(screen, "ksim-exit=0"));
}
