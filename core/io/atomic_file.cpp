#include "core/io/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace bridgelc {

namespace fs = std::filesystem;

namespace {
std::string temporaryNameFor(const std::string& target) {
    static std::atomic<unsigned> counter{0};
    // The host name too: Slurm tasks on different nodes write into one shared folder, and PIDs repeat
    // across machines.
    char host[256] = "";
    if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    const fs::path path(target);
    const std::string name = "." + path.stem().string() + ".tmp-" + host + "-" + std::to_string(::getpid()) +
                             "-" + std::to_string(counter++) + path.extension().string();
    return (path.parent_path() / name).string();
}
}  // namespace

AtomicFile::AtomicFile(std::string targetPath)
    : m_target(std::move(targetPath)), m_temporary(temporaryNameFor(m_target)) {}

AtomicFile::~AtomicFile() {
    if (m_committed) return;
    std::error_code ignored;
    fs::remove(m_temporary, ignored);
}

void AtomicFile::commit() {
    std::error_code error;
    fs::rename(m_temporary, m_target, error);
    if (error)
        throw std::runtime_error("cannot rename " + m_temporary + " to " + m_target + ": " + error.message());
    m_committed = true;
}

void writeFileAtomically(const std::string& path, const std::string& content) {
    AtomicFile file(path);
    {
        std::ofstream out(file.temporaryPath(), std::ios::binary | std::ios::trunc);
        if (!out)
            throw std::runtime_error("cannot write " + path + ": cannot create " + file.temporaryPath());
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) throw std::runtime_error("cannot write " + path + " (disk full?)");
    }
    file.commit();
}

}  // namespace bridgelc
