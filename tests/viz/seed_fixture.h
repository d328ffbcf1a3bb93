// The seed dump (shared/golden/kmutant-wait) rebuilt by hand as a km::Snapshot: FileCreationThread
// holds the KMUTEX and sleeps, FileMoveThread waits on it, 255 other System threads wait in a worker
// loop, plus the processes !tl shows and the machine !di describes.
#pragma once

#include <string>

#include "kernel_model/snapshot.h"

namespace seed {

inline constexpr km::Address kSystemProcess = 0xffffc983ebceb040;
inline constexpr km::Address kCreationThread = 0xffffc983f2d47040;
inline constexpr km::Address kMoveThread = 0xffffc983f3fb4040;
inline constexpr km::Address kMutex = 0xffffc983f2cf36a0;

km::Snapshot snapshot();

// The golden directory: $KSIM_SHARED_DIR/golden/kmutant-wait, or ../shared beside the source tree.
std::string golden_dir();
std::string read_file(const std::string& path);

}  // namespace seed
