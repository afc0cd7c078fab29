#pragma once
// Real seed files for the fuzz tests, and the checks every point load must pass whatever the file held.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/data/point_reader.h"
#include "core/util/resources.h"
#include "tests/fuzz/fuzz_harness.h"

namespace bridgelc::fuzz {

/// The header and the first `rows` data lines of the built-in sample (real locations, every column kind).
inline std::string sampleHead(std::size_t rows) {
    std::ifstream in(resourcePath("sample/eu27_synthetic_sample.csv"), std::ios::binary);
    std::string text, line;
    for (std::size_t i = 0; i <= rows && std::getline(in, line); ++i)
        text += line + "\n";
    return text;
}

/// A fresh directory for one test, removed afterwards unless it holds the files of a finding.
class FuzzDirectory {
public:
    // In memory when possible: every case writes a file, and on a busy disk the waiting would dominate.
    explicit FuzzDirectory(const std::string& name)
        : m_path((std::filesystem::is_directory("/dev/shm") ? std::filesystem::path("/dev/shm")
                                                            : std::filesystem::temp_directory_path()) /
                 ("bridgelc-fuzz-" + name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~FuzzDirectory() {
        if (!m_keep) std::filesystem::remove_all(m_path);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    const std::filesystem::path& path() const { return m_path; }
    void keep() { m_keep = true; }

private:
    std::filesystem::path m_path;
    bool m_keep = false;
};

/// loadPoints on a damaged file: a dataset that keeps its invariants, or a fatal problem with text. An
/// exception caught by loadPoints' last-resort handler ("internal error") counts as a finding: the reader
/// should have located the problem.
inline CaseResult checkPointLoad(const std::string& path) {
    const LoadResult loaded = loadPoints(path);
    CaseResult result;
    for (const Problem& problem : loaded.report.problems()) {
        if (problem.what.empty()) result.finding = "a problem without text";
        if (problem.kind == "internal") result.finding = "unlocated internal error: " + problem.what;
        if (problem.what.find("not enough memory") != std::string::npos)
            result.finding = "allocated beyond the address-space budget: " + problem.what;
    }
    if (!loaded.dataset) {
        result.message = loaded.report.fatalMessage();
        if (result.message.empty()) result.finding = "no dataset and no fatal problem";
        return result;
    }
    result.accepted = true;
    const Dataset& d = *loaded.dataset;
    const std::size_t n = d.size();
    if (d.features.size() != n * d.featureCount() || d.lat.size() != n || d.label.size() != n ||
        d.region.size() != n || d.ids.size() != n)
        result.finding = "dataset arrays of different lengths";
    for (std::size_t i = 0; i < n && result.finding.empty(); ++i) {
        if (!std::isfinite(d.lon[i]) || !std::isfinite(d.lat[i]) || std::fabs(d.lon[i]) > 180 ||
            std::fabs(d.lat[i]) > 90)
            result.finding = "accepted coordinates (" + std::to_string(d.lon[i]) + ", " +
                             std::to_string(d.lat[i]) + ") at point " + std::to_string(i);
        else if (d.label[i] < 0 || d.label[i] >= static_cast<int>(d.classNames.size()))
            result.finding = "label index out of range at point " + std::to_string(i);
    }
    return result;
}

/// Fails the test with every finding, and keeps the damaged files for reproduction when there are any.
inline void expectNoFindings(const FuzzStats& stats, std::size_t minimumCases, FuzzDirectory& directory) {
    EXPECT_GE(stats.cases, minimumCases);
    EXPECT_GT(stats.rejected, 0u) << "the mutations never broke a file: they test nothing";
    if (!stats.findings.empty()) directory.keep();
    std::string text;
    for (std::size_t i = 0; i < stats.findings.size() && i < 20; ++i)
        text += "\n  " + stats.findings[i];
    EXPECT_TRUE(stats.findings.empty())
        << stats.findings.size() << " findings (files kept in " << directory.path() << "):" << text;
}

}  // namespace bridgelc::fuzz
