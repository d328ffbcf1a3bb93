// The stack a dump shows for a thread, modelled: the nt frames of the path it is blocked in, the
// driver's own frames (read off its suspended fiber), and the nt frames that started it.
#pragma once

#include <vector>

#include "kernel_model/snapshot.h"
#include "sim_thread.h"

namespace ksim {

class AddressSpace;
class DriverImage;
struct MachineProfile;

// Child-SP of the innermost nt frame below the driver's code: where the fiber's stack begins.
std::uint64_t driver_stack_boundary(const SimThread& thread);

std::vector<km::FrameView> model_stack(const SimThread& thread, const DriverImage* driver,
                                       const MachineProfile& profile, const AddressSpace& memory);

}  // namespace ksim
