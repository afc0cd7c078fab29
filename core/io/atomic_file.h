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

/// Writes `content` to `path` through an AtomicFile, synced before the rename; throws std::runtime_error
/// naming the path and the reason on failure (e.g. "...: No space left on device (the disk is full: free some
/// space and save again); the previous file is unchanged").
void writeFileAtomically(const std::string& path, const std::string& content);

/// Copies `source` to `target` through an AtomicFile (e.g. exporting a saved model): a failure leaves any
/// earlier `target` as it was. Throws std::runtime_error naming the paths and the reason.
void copyFileAtomically(const std::string& source, const std::string& target);

/// An errno of a failed save as a sentence, saying plainly when the disk is full.
std::string saveFailureReason(int error);

}  // namespace bridgelc
