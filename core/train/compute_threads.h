#pragma once

namespace bridgelc {

/// Sets OpenBLAS's threads (process-wide) and keeps LibTorch's intra-op threads at one. One thread is fastest
/// for batch-128 training on 2 cores (17,700 against 14,500 samples/s); two pay off for large batches and
/// inference (4.8 s against 7.4 s for 1,000,000 points), measured with `bridgelc bench`.
void setComputeThreads(int threads);

/// Makes glibc keep freed blocks of up to 64 MB for reuse instead of returning them to the kernel: a training
/// step frees and reallocates the same activation-sized buffers thousands of times, and fresh pages from mmap
/// cost page faults and zeroing each time (about a tenth of a small-batch step). Process-wide, idempotent.
void keepFreedMemoryForReuse();

/// The compute threads now in effect (OpenBLAS's, or LibTorch's where another BLAS is linked).
int computeThreads();

}  // namespace bridgelc
