#pragma once
// What the raster tests share: synthetic stacks with a known class map (scripts/make_synthetic_stack.py), a
// BRIDGE-LC model trained briefly on the built-in sample, and running the `bridgelc` program with its peak
// memory measured.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bridgelc::test {

struct ProgramRun {
    int exitCode = -1;
    long peakRssKb = 0;  ///< the child's ru_maxrss
    std::string output;  ///< stdout and stderr
};

/// Runs a program (no shell) and measures its peak resident memory through wait4's rusage.
inline ProgramRun runProgram(const std::vector<std::string>& argv, const std::string& logPath) {
    ProgramRun run;
    const pid_t pid = ::fork();
    if (pid == 0) {
        const int fd = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        std::vector<char*> args;
        for (const std::string& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    int status = 0;
    struct rusage usage {};
    ::wait4(pid, &status, 0, &usage);
    run.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.peakRssKb = usage.ru_maxrss;
    std::ifstream in(logPath);
    std::stringstream text;
    text << in.rdbuf();
    run.output = text.str();
    return run;
}

inline ProgramRun runBridgelc(std::vector<std::string> arguments, const std::string& logPath) {
    arguments.insert(arguments.begin(), BRIDGELC_CLI_PATH);
    return runProgram(arguments, logPath);
}

inline std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// Holds an exclusive lock on a file while alive, so test programs that ctest runs in parallel make each
/// cached input once.
class FileLock {
public:
    explicit FileLock(const std::string& path) : m_fd(::open(path.c_str(), O_RDWR | O_CREAT, 0644)) {
        if (m_fd >= 0) ::flock(m_fd, LOCK_EX);
    }
    ~FileLock() {
        if (m_fd >= 0) ::close(m_fd);
    }
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd;
};

inline long long modificationTime(const std::string& path) {
    struct stat info {};
    return ::stat(path.c_str(), &info) == 0 ? static_cast<long long>(info.st_mtime) : 0;
}

/// A temporary folder per test program for outputs, and a cache shared by the area's test programs (ctest
/// runs each test as its own process) for the inputs that are slow to make: stacks and the trained model. The
/// cache is keyed by the `bridgelc` program's and the generator script's modification times, so a rebuilt
/// program or an edited script never sees stale inputs.
class RasterFixture {
public:
    static RasterFixture& instance() {
        static RasterFixture fixture;
        return fixture;
    }
    ~RasterFixture() {
        std::error_code ignored;
        if (std::getenv("BRIDGELC_KEEP_TEST_FILES") == nullptr) std::filesystem::remove_all(m_dir, ignored);
    }

    const std::string& dir() const { return m_dir; }
    std::string path(const std::string& name) const { return m_dir + "/" + name; }

    /// The stack of `size` x `size` pixels (tiles of `block`) and its truth map; made once per size.
    std::pair<std::string, std::string> stack(int size, int block = 128) {
        const std::string key = std::to_string(size) + "_" + std::to_string(block);
        const std::string stack = path("stack_" + key + ".tif"), truth = path("truth_" + key + ".tif");
        if (!std::filesystem::exists(stack)) {
            const std::string script =
                std::string(BRIDGELC_SOURCE_RESOURCES_DIR) + "/../scripts/make_synthetic_stack.py";
            const ProgramRun run =
                runProgram({"/usr/bin/python3", script, "--size", std::to_string(size), "--block",
                            std::to_string(block), "--out", stack, "--truth", truth},
                           path("make_stack.log"));
            if (run.exitCode != 0)
                throw std::runtime_error(
                    "make_synthetic_stack.py failed (needs python3-numpy, python3-gdal):\n" + run.output);
        }
        return {stack, truth};
    }

    /// A BRIDGE-LC model (uses location) trained for a few epochs on the built-in sample.
    const std::string& model() {
        if (m_model.empty()) {
            const std::string out = cached("run");
            FileLock lock(cached("lock"));
            if (std::filesystem::exists(out + "/model.bridgelc")) return m_model = out + "/model.bridgelc";
            const ProgramRun run =
                runBridgelc({"train", "--sample", "--model", "bridgelc", "--epochs", "4", "--batch", "256",
                             "--threads", "2", "--seed", "15", "--out", out},
                            path("train.log"));
            if (run.exitCode != 0) throw std::runtime_error("training the test model failed:\n" + run.output);
            m_model = out + "/model.bridgelc";
        }
        return m_model;
    }

private:
    RasterFixture() {
        char pattern[] = "/tmp/bridgelc_raster_XXXXXX";
        m_dir = ::mkdtemp(pattern);
        m_cache = std::string(BRIDGELC_RASTER_CACHE_DIR) + "/" +
                  std::to_string(modificationTime(BRIDGELC_CLI_PATH)) + "_" +
                  std::to_string(modificationTime(script()));
        std::filesystem::create_directories(m_cache);
        std::error_code ignored;
        for (const auto& entry : std::filesystem::directory_iterator(BRIDGELC_RASTER_CACHE_DIR, ignored))
            if (entry.path() != m_cache) std::filesystem::remove_all(entry.path(), ignored);  // older builds'
    }
    static std::string script() {
        return std::string(BRIDGELC_SOURCE_RESOURCES_DIR) + "/../scripts/make_synthetic_stack.py";
    }
    std::string cached(const std::string& name) const { return m_cache + "/" + name; }
    std::string m_dir, m_cache, m_model;
};

}  // namespace bridgelc::test
