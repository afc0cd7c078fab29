#pragma once
#include <cstdint>

namespace bridgelc {

/// Points per block of neural-network inference: 512 x 256 floats per activation, half the L2 cache of
/// current x86 cores, so a block goes through every layer without touching main memory.
constexpr std::int64_t kInferenceBlockRows = 512;

}  // namespace bridgelc
