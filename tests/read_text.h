#pragma once
// Reads a whole file, for tests that check what the program wrote.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace bridgelc::testing {

inline std::string readText(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace bridgelc::testing
