#include "core/io/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
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

std::runtime_error saveError(const std::string& target, int error) {
    return std::runtime_error("cannot save " + target + ": " + saveFailureReason(error) +
                              "; the previous file is unchanged");
}

// The data must be on disk before the rename makes it the file, or a power cut could leave an empty file
// under the final name.
void syncFile(const std::string& path, const std::string& target) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw saveError(target, errno);
    const int result = ::fsync(fd);
    const int error = errno;
    ::close(fd);
    if (result != 0 && error != EINVAL) throw saveError(target, error);  // EINVAL: cannot sync (e.g. a pipe)
}

void syncDirectoryOf(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    const int fd = ::open(parent.empty() ? "." : parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;  // the rename happened; durability of the directory entry is best effort
    ::fsync(fd);
    ::close(fd);
}
}  // namespace

std::string saveFailureReason(int error) {
    std::string text = std::strerror(error);
    if (error == ENOSPC || error == EDQUOT) text += " (the disk is full: free some space and save again)";
    if (error == EFBIG) text += " (the file is larger than this system allows)";
    return text;
}

AtomicFile::AtomicFile(std::string targetPath)
    : m_target(std::move(targetPath)), m_temporary(temporaryNameFor(m_target)) {}

AtomicFile::~AtomicFile() {
    if (m_committed) return;
    std::error_code ignored;
    fs::remove(m_temporary, ignored);
}

void AtomicFile::commit() {
    syncFile(m_temporary, m_target);
    std::error_code error;
    fs::rename(m_temporary, m_target, error);
    if (error)
        throw std::runtime_error("cannot rename " + m_temporary + " to " + m_target + ": " + error.message());
    m_committed = true;
    syncDirectoryOf(m_target);
}

void writeFileAtomically(const std::string& path, const std::string& content) {
    AtomicFile file(path);
    const int fd = ::open(file.temporaryPath().c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw saveError(path, errno);
    for (std::size_t written = 0; written < content.size();) {
        const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : ENOSPC;
            ::close(fd);
            throw saveError(path, error);
        }
        written += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0) throw saveError(path, errno);  // NFS and quotas report a full disk here
    file.commit();
}

void copyFileAtomically(const std::string& source, const std::string& target) {
    std::string content;
    {
        const int fd = ::open(source.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) throw std::runtime_error("cannot read " + source + ": " + std::strerror(errno));
        char buffer[1 << 16];
        for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                const int error = errno;
                ::close(fd);
                throw std::runtime_error("cannot read " + source + ": " + std::strerror(error));
            }
            content.append(buffer, static_cast<std::size_t>(n));
        }
        ::close(fd);
    }
    writeFileAtomically(target, content);
}

}  // namespace bridgelc
