#pragma once
// Helpers for data tests that write their own inputs: a temporary folder removed afterwards, and file
// writing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace bridgelc::testing {

/// A fresh folder under the system temp dir, deleted with everything in it when the object goes.
class TempDir {
public:
    TempDir() {
        std::random_device random;
        m_path = std::filesystem::temp_directory_path() /
                 ("bridgelc_data_test_" + std::to_string(random()) + "_" + std::to_string(random()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string file(const std::string& name) const { return (m_path / name).string(); }

    /// Writes `content` byte for byte and returns the path.
    std::string write(const std::string& name, const std::string& content) const {
        const std::string path = file(name);
        std::ofstream out(path, std::ios::binary);
        out << content;
        return path;
    }

private:
    std::filesystem::path m_path;
};

inline std::string sharedData(const std::string& relative) {
    return std::string(BRIDGELC_SHARED_DATA_DIR) + "/" + relative;
}

}  // namespace bridgelc::testing
