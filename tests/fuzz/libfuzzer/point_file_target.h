#pragma once
// The body shared by the point-file targets: the input is written to a file with the given extension (the
// readers open paths, and pick CSV or OGR by extension) and loaded as the application does. A load either
// gives a dataset that keeps its invariants or reports fatal problems with text; anything else aborts, which
// libFuzzer records as a crash with the input that caused it.
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/data/point_reader.h"

namespace bridgelc::fuzz {

inline std::string scratchFile(const char* extension) {
    const std::filesystem::path dir =
        std::filesystem::is_directory("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    return (dir / ("bridgelc-libfuzzer-" + std::to_string(::getpid()) + extension)).string();
}

inline void fail(const std::string& why) {
    std::fprintf(stderr, "finding: %s\n", why.c_str());
    std::abort();
}

inline int loadPointBytes(const std::uint8_t* data, std::size_t size, const char* extension) {
    static const std::string path = scratchFile(extension);
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    // The same checks as the GoogleTest harness (tests/fuzz/fuzz_inputs.h, checkPointLoad).
    const LoadResult loaded = loadPoints(path);
    for (const Problem& problem : loaded.report.problems()) {
        if (problem.what.empty()) fail("a problem without text");
        if (problem.kind == "internal") fail("unlocated internal error: " + problem.what);
    }
    if (!loaded.dataset) {
        if (loaded.report.fatalMessage().empty()) fail("no dataset and no fatal problem");
        return 0;
    }
    const Dataset& d = *loaded.dataset;
    const std::size_t n = d.size();
    if (d.features.size() != n * d.featureCount() || d.lat.size() != n || d.label.size() != n ||
        d.region.size() != n || d.ids.size() != n)
        fail("dataset arrays of different lengths");
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(d.lon[i]) || !std::isfinite(d.lat[i]) || std::fabs(d.lon[i]) > 180 ||
            std::fabs(d.lat[i]) > 90)
            fail("accepted coordinates out of range at point " + std::to_string(i));
        if (d.label[i] < 0 || d.label[i] >= static_cast<int>(d.classNames.size()))
            fail("label index out of range at point " + std::to_string(i));
    }
    return 0;
}

}  // namespace bridgelc::fuzz
