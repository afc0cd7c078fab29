#include "core/util/memory_budget.h"

#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>

namespace bridgelc {

namespace {
constexpr std::uint64_t kUnlimited = std::numeric_limits<std::uint64_t>::max();

// "MemAvailable:   123456 kB" style fields of /proc files, in bytes; kUnlimited when absent.
std::uint64_t procField(const char* file, const std::string& key) {
    std::ifstream in(file);
    std::string name;
    std::uint64_t kib = 0;
    while (in >> name) {
        if (name == key && in >> kib) return kib * 1024;
        in.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    }
    return kUnlimited;
}

std::uint64_t fileNumber(const char* file) {
    std::ifstream in(file);
    std::string text;
    if (!(in >> text) || text == "max") return kUnlimited;
    return std::strtoull(text.c_str(), nullptr, 10);
}

// "512M", "2G", "1500000000": bytes, or kUnlimited when unset or unreadable.
std::uint64_t parseSize(const char* text) {
    if (!text || !*text) return kUnlimited;
    char* end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || value <= 0) return kUnlimited;
    double scale = 1;
    switch (*end) {
        case 'k':
        case 'K':
            scale = 1e3;
            break;
        case 'm':
        case 'M':
            scale = 1e6;
            break;
        case 'g':
        case 'G':
            scale = 1e9;
            break;
        case 't':
        case 'T':
            scale = 1e12;
            break;
        default:
            break;
    }
    return static_cast<std::uint64_t>(value * scale);
}

void lower(MemoryBudget& budget, std::uint64_t bytes, const char* why) {
    if (bytes < budget.availableBytes) {
        budget.availableBytes = bytes;
        budget.limitedBy = why;
    }
}
}  // namespace

MemoryBudget memoryBudget() {
    MemoryBudget budget{kUnlimited, "nothing"};
    lower(budget, procField("/proc/meminfo", "MemAvailable:"), "the memory available on this computer");
    const std::uint64_t groupMax = fileNumber("/sys/fs/cgroup/memory.max");
    if (groupMax != kUnlimited) {
        const std::uint64_t used = fileNumber("/sys/fs/cgroup/memory.current");
        lower(budget, used < groupMax ? groupMax - used : 0, "the memory limit of this session (cgroup)");
    }
    rlimit limit{};
    if (getrlimit(RLIMIT_AS, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY) {
        const std::uint64_t used = procField("/proc/self/status", "VmSize:");
        lower(budget, used < limit.rlim_cur ? limit.rlim_cur - used : 0,
              "the address-space limit (ulimit -v)");
    }
    lower(budget, parseSize(std::getenv("BRIDGELC_MEMORY_LIMIT")), "BRIDGELC_MEMORY_LIMIT");
    return budget;
}

std::string humanBytes(std::uint64_t bytes) {
    const char* units[] = {"bytes", "KB", "MB", "GB", "TB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1000 && unit < 4) {
        value /= 1000;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, unit == 0 || value >= 100 ? "%.0f %s" : "%.1f %s", value, units[unit]);
    return text;
}

}  // namespace bridgelc
