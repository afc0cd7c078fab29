#pragma once

namespace bridgelc {

/// Sets OpenBLAS's threads (process-wide) and keeps LibTorch's intra-op threads at one. On 2 cores, two
/// threads beat one everywhere (`bridgelc bench`: batch-128 training 23,300 against 18,300 samples/s,
/// 1,000,000 predictions in 4.7 against 7.0 s) with identical results.
void setComputeThreads(int threads);

/// Makes glibc keep freed blocks of up to 64 MB for reuse instead of returning them to the kernel: a training
/// step frees and reallocates the same activation-sized buffers thousands of times, and fresh pages from mmap
/// cost page faults and zeroing each time (about a tenth of a small-batch step). Process-wide, idempotent.
void keepFreedMemoryForReuse();

/// The cores this machine offers (at least 1), or inside a Slurm task the CPUs the task was given
/// (SLURM_CPUS_PER_TASK): the thread count of headless commands.
int machineCores();

/// The compute threads now in effect (OpenBLAS's, or LibTorch's where another BLAS is linked).
int computeThreads();

}  // namespace bridgelc
