#pragma once
#include <cstdint>
#include <string>

namespace bridgelc {

/// What reading a delimited text file into a Dataset will need, estimated from its size and its first lines.
struct LoadMemory {
    std::uint64_t points = 0;   ///< estimated rows
    std::uint64_t columns = 0;  ///< columns of the header
    std::uint64_t bytes = 0;    ///< peak: the file held in memory, every cell classified, the dataset built
};

/// Reads at most the first 64 KiB; zero bytes when the file cannot be read (the reader reports that).
LoadMemory estimateCsvLoadMemory(const std::string& path);

/// Empty when the estimate fits memoryBudget(); otherwise a plain sentence with a suggestion.
std::string csvLoadMemoryProblem(const std::string& path);

}  // namespace bridgelc
