#pragma once
// What a long-running test process holds: resident memory and open file descriptors (Linux /proc), for the
// soak tests that check both stay flat over many cycles.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <system_error>

namespace bridgelc::test {

/// Resident set size in kB, from /proc/self/statm (pages).
inline double residentKilobytes() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / 1024.0;
}

/// Number of entries in /proc/self/fd (the directory iterator's own descriptor included, as in every count).
inline std::size_t openDescriptors() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd"))
        ++count;
    return count;
}

/// Each open descriptor and what it refers to ("/path", "socket:[123]", "anon_inode:[eventfd]"), so a
/// test that finds more descriptors than before can say which.
inline std::map<int, std::string> openDescriptorTargets() {
    std::map<int, std::string> targets;
    for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
        std::error_code error;
        const auto target = std::filesystem::read_symlink(entry.path(), error);
        targets[std::stoi(entry.path().filename().string())] = error ? std::string("?") : target.string();
    }
    return targets;
}

}  // namespace bridgelc::test
