#pragma once
#include <cstdint>
#include <string>

namespace bridgelc {

/// How much memory this process can still use, and what limits it.
struct MemoryBudget {
    std::uint64_t availableBytes = 0;
    std::string limitedBy;  ///< e.g. "available system memory", "BRIDGELC_MEMORY_LIMIT"
};

/// The smallest of: the system's available memory (/proc/meminfo MemAvailable), the control group's
/// remaining allowance (cgroup v2 memory.max), the process's address-space limit (RLIMIT_AS) less what it
/// uses, and BRIDGELC_MEMORY_LIMIT (bytes, or with a K/M/G suffix) when set, which lets users cap the app
/// below what the machine has (e.g. on a shared server).
MemoryBudget memoryBudget();

/// "1.4 GB", "350 MB", "12 KB": decimal units, as file managers show sizes.
std::string humanBytes(std::uint64_t bytes);

}  // namespace bridgelc
