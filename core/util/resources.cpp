#include "core/util/resources.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace bridgelc {
namespace fs = std::filesystem;

namespace {
fs::path executableDir() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : self.parent_path();
}
}  // namespace

std::string resourcePath(const std::string& relative) {
    std::vector<fs::path> roots;
    if (const char* env = std::getenv("BRIDGELC_RESOURCES"); env && *env) roots.emplace_back(env);
    const fs::path exeDir = executableDir();
    if (!exeDir.empty()) roots.push_back(exeDir / ".." / "share" / "bridgelc-explorer" / "resources");
    roots.emplace_back(BRIDGELC_SOURCE_RESOURCES_DIR);

    std::string tried;
    for (const fs::path& root : roots) {
        const fs::path candidate = root / relative;
        if (fs::exists(candidate)) return fs::weakly_canonical(candidate).string();
        tried += "\n  " + candidate.string();
    }
    throw std::runtime_error("resource '" + relative + "' not found; looked in:" + tried);
}

}  // namespace bridgelc
