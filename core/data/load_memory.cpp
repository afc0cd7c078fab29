#include "core/data/load_memory.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/util/memory_budget.h"

namespace bridgelc {

LoadMemory estimateCsvLoadMemory(const std::string& path) {
    LoadMemory estimate;
    std::error_code error;
    const std::uint64_t size = std::filesystem::file_size(path, error);
    if (error || size == 0) return estimate;
    std::ifstream in(path, std::ios::binary);
    std::string head(std::min<std::uint64_t>(size, 1 << 16), '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    const std::size_t headerEnd = std::min(head.find('\n'), head.size());
    for (char delimiter : {',', ';', '\t'})
        estimate.columns = std::max<std::uint64_t>(
            estimate.columns, 1 + std::count(head.begin(), head.begin() + headerEnd, delimiter));
    const std::uint64_t lines = std::max<std::uint64_t>(1, std::count(head.begin(), head.end(), '\n'));
    estimate.points = head.size() < size ? size * lines / head.size() : lines;
    // The file itself, 9 bytes per classified cell (number and state), 4 per feature value, and per point
    // coordinates, labels, regions and its id.
    estimate.bytes = size + estimate.points * (estimate.columns * 13 + 120);
    return estimate;
}

std::string csvLoadMemoryProblem(const std::string& path) {
    const LoadMemory need = estimateCsvLoadMemory(path);
    const MemoryBudget budget = memoryBudget();
    if (need.bytes <= budget.availableBytes) return {};
    return fmt::format(
        "reading this file needs about {} of memory (about {} points x {} columns), but only {} is available "
        "(limited by {}). Close other programs, or open a smaller file: fewer rows, or only the columns you "
        "need",
        humanBytes(need.bytes), need.points, need.columns, humanBytes(budget.availableBytes),
        budget.limitedBy);
}

}  // namespace bridgelc
