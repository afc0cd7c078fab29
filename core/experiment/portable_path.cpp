#include "core/experiment/portable_path.h"

#include <cctype>
#include <filesystem>
#include <iterator>

namespace bridgelc {

namespace fs = std::filesystem;

namespace {

bool isWindowsAbsolute(const std::string& path) {
    return path.size() >= 3 && std::isalpha(static_cast<unsigned char>(path[0])) && path[1] == ':' &&
           (path[2] == '\\' || path[2] == '/');
}

std::string fileName(const std::string& path) {
    const std::size_t slash = path.find_last_of("/\\");
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string portableDataPath(const std::string& path) {
    if (path.empty()) return path;
    if (isWindowsAbsolute(path) || path.front() == '\\') return fileName(path);
    const fs::path given(path);
    if (!given.is_absolute()) return given.lexically_normal().generic_string();
    std::error_code error;
    const fs::path here = fs::current_path(error);
    if (!error) {
        const fs::path relative = given.lexically_normal().lexically_relative(here.lexically_normal());
        int ups = 0;
        bool usable = !relative.empty();
        for (const fs::path& part : relative) {
            if (part == "..")
                ++ups;
            else if (part.is_absolute() || part.has_root_name())
                usable = false;
        }
        // Not by way of the root folder ("../../work/x.csv" from /tmp/y names the machine's folders again).
        const fs::path belowRoot = here.relative_path();
        const auto depth = std::distance(belowRoot.begin(), belowRoot.end());
        if (usable && ups <= 2 && ups < depth) return relative.generic_string();
    }
    return fileName(given.lexically_normal().string());
}

}  // namespace bridgelc
