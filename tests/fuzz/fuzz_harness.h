#pragma once
// Runs a loader on thousands of mutated files and records every finding: a crash ends the test program (and
// ctest reports it), a case stuck longer than the per-case bound is named on stderr and aborts, an
// allocation beyond the address-space budget becomes std::bad_alloc and a finding, and a rejection without a
// message is a finding. Everything is seeded: the seed and case number of a finding reproduce it.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/fuzz/mutator.h"

namespace bridgelc::fuzz {

/// What one loader made of one file: accepted, or rejected with the message a user would see.
struct CaseResult {
    bool accepted = false;
    std::string message;  ///< the rejection's text; must not be empty when !accepted
    std::string finding;  ///< non-empty: the loader misbehaved (wrong invariant, silent rejection...)
};

struct FuzzStats {
    std::string name;
    std::size_t cases = 0, accepted = 0, rejected = 0;
    double seconds = 0, cpuSeconds = 0, slowestSeconds = 0;
    std::string slowestWhat;
    std::vector<std::string> findings;  ///< "case N (mutations): what went wrong"
};

/// The seed for this run: BRIDGELC_FUZZ_SEED when set (to reproduce or explore), else a fixed one.
inline std::uint64_t fuzzSeed(std::uint64_t fallback) {
    const char* text = std::getenv("BRIDGELC_FUZZ_SEED");
    return text ? std::strtoull(text, nullptr, 10) : fallback;
}

/// Case counts scale with BRIDGELC_FUZZ_SCALE (e.g. 10 for a long local run); CI uses 1.
inline std::size_t fuzzCases(std::size_t base) {
    const char* text = std::getenv("BRIDGELC_FUZZ_SCALE");
    const double scale = text ? std::atof(text) : 1.0;
    return static_cast<std::size_t>(static_cast<double>(base) * (scale > 0 ? scale : 1.0));
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// Lowers the soft address-space limit to what the process uses now plus `budget` bytes for its lifetime, so
/// a loader that believes a corrupted length field fails with std::bad_alloc instead of exhausting the
/// machine. AddressSanitizer reserves terabytes of shadow memory, so under it the limit is not set.
class AddressSpaceLimit {
public:
    explicit AddressSpaceLimit(std::uint64_t budget) {
#if defined(__SANITIZE_ADDRESS__)
        (void)budget;
#else
        if (getrlimit(RLIMIT_AS, &m_saved) != 0) return;
        std::ifstream status("/proc/self/status");
        std::string key;
        std::uint64_t kib = 0;
        while (status >> key)
            if (key == "VmSize:" && status >> kib) break;
        rlimit lowered = m_saved;
        lowered.rlim_cur = kib * 1024 + budget;
        if (m_saved.rlim_max != RLIM_INFINITY && lowered.rlim_cur > m_saved.rlim_max) return;
        m_active = setrlimit(RLIMIT_AS, &lowered) == 0;
#endif
    }
    ~AddressSpaceLimit() {
        if (m_active) setrlimit(RLIMIT_AS, &m_saved);
    }
    bool active() const {
        return m_active;
    }

private:
    rlimit m_saved{};
    bool m_active = false;
};

/// Aborts the program, naming the case, when one case takes longer than `bound`: a hang shows up as a named
/// case rather than as a silent ctest timeout.
class Watchdog {
public:
    explicit Watchdog(std::chrono::seconds bound) : m_bound(bound), m_thread([this] { watch(); }) {}
    ~Watchdog() {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_thread.join();
    }
    void begin(const std::string& what) {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_what = what;
        m_started = std::chrono::steady_clock::now();
        m_busy = true;
    }
    void end() {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_busy = false;
    }

private:
    void watch() {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (!m_stop) {
            m_wake.wait_for(lock, std::chrono::milliseconds(250));
            if (m_busy && std::chrono::steady_clock::now() - m_started > m_bound) {
                std::cerr << "fuzz: case stuck for more than " << m_bound.count() << " s: " << m_what
                          << std::endl;
                std::abort();
            }
        }
    }
    std::chrono::seconds m_bound;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::string m_what;
    std::chrono::steady_clock::time_point m_started;
    bool m_busy = false, m_stop = false;
    std::thread m_thread;
};

/// Totals over every loader fuzzed in this program, printed when it ends.
struct FuzzTotals {
    std::size_t cases = 0;
    double seconds = 0, cpuSeconds = 0;
    int loaders = 0;
    ~FuzzTotals() {
        if (loaders > 0)
            std::cout << "fuzz total: " << cases << " cases over " << loaders << " loaders in " << seconds
                      << " s (" << cpuSeconds << " s CPU)" << std::endl;
    }
};
inline FuzzTotals& fuzzTotals() {
    static FuzzTotals totals;
    return totals;
}

/// Feeds `cases` mutated files to `load`. `makeInput` returns the bytes of case i and appends to `what` how
/// they were made; they are written to `path`, which `load` reads.
inline FuzzStats runFuzz(const std::string& name, std::uint64_t seed, std::size_t cases,
                         const std::string& path,
                         const std::function<std::string(Mutator&, std::string&)>& makeInput,
                         const std::function<CaseResult(const std::string&)>& load) {
    FuzzStats stats;
    stats.name = name;
    Mutator mutator(seed);
    Watchdog watchdog(std::chrono::seconds(20));
    AddressSpaceLimit limit(std::uint64_t{3} << 30);
    const auto begin = std::chrono::steady_clock::now();
    const std::clock_t cpuBegin = std::clock();
    for (std::size_t i = 0; i < cases; ++i) {
        std::string what;
        const std::string bytes = makeInput(mutator, what);
        writeBytes(path, bytes);
        const std::string label =
            name + " seed " + std::to_string(seed) + " case " + std::to_string(i) + " (" + what + ")";
        watchdog.begin(label);
        const auto started = std::chrono::steady_clock::now();
        CaseResult result;
        try {
            result = load(path);
        } catch (const std::bad_alloc&) {
            result.finding = "allocated beyond the address-space budget (std::bad_alloc escaped)";
        } catch (const std::exception& error) {
            result.finding = std::string("an unexpected exception escaped: ") + error.what();
        } catch (...) {
            result.finding = "a non-standard exception escaped";
        }
        const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        watchdog.end();
        if (took > stats.slowestSeconds) {
            stats.slowestSeconds = took;
            stats.slowestWhat = label;
        }
        if (result.finding.empty() && !result.accepted && result.message.empty())
            result.finding = "rejected without a message";
        if (!result.finding.empty()) {
            stats.findings.push_back(label + ": " + result.finding);
            writeBytes(path + ".finding-" + std::to_string(i), bytes);  // kept for reproduction
        }
        ++(result.accepted ? stats.accepted : stats.rejected);
        ++stats.cases;
    }
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    stats.cpuSeconds = static_cast<double>(std::clock() - cpuBegin) / CLOCKS_PER_SEC;
    std::cout << "fuzz " << name << ": " << stats.cases << " cases (" << stats.accepted << " accepted, "
              << stats.rejected << " rejected with a message) in " << stats.seconds << " s ("
              << stats.cpuSeconds << " s CPU); slowest case " << stats.slowestSeconds * 1000
              << " ms: " << stats.slowestWhat << "; memory limit " << (limit.active() ? "on" : "off")
              << std::endl;
    fuzzTotals().cases += stats.cases;
    fuzzTotals().seconds += stats.seconds;
    fuzzTotals().cpuSeconds += stats.cpuSeconds;
    ++fuzzTotals().loaders;
    return stats;
}

}  // namespace bridgelc::fuzz
