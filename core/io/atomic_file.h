#pragma once
#include <string>

namespace bridgelc {

/// A file being written under a temporary name beside its final path, so readers never see half a file: write
/// to `temporaryPath()`, then `commit()` renames it over the target. Destroyed without commit, it removes the
/// temporary. The temporary keeps the target's extension because GDAL drivers choose formats by extension.
class AtomicFile {
public:
    explicit AtomicFile(std::string targetPath);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::string& temporaryPath() const { return m_temporary; }
    const std::string& targetPath() const { return m_target; }
    /// Renames the temporary over the target; throws std::runtime_error naming both paths on failure.
    void commit();

private:
    std::string m_target;
    std::string m_temporary;
    bool m_committed = false;
};

/// Writes `content` to `path` through an AtomicFile; throws std::runtime_error naming the path on failure.
void writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace bridgelc
