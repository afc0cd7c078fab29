#pragma once

namespace bridgelc {

/// Sets LibTorch's intra-op threads and OpenBLAS's threads (process-wide). One thread is fastest for
/// batch-128 training on small machines: OpenMP and OpenBLAS threads otherwise fight (DESIGN section 5).
void setComputeThreads(int threads);

/// The LibTorch intra-op thread count now in effect.
int computeThreads();

}  // namespace bridgelc
