// libFuzzer target: the OGR point reader on GeoPackage (SQLite) files, through loadPoints as the application
// calls it. Seeds are GeoPackages GDAL wrote from rows of the built-in sample, as in the GoogleTest harness.
#include <cpl_conv.h>

#include "tests/fuzz/libfuzzer/point_file_target.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // GDAL's own error printing would flood the fuzzer's output; the reader reports through its handler.
    CPLSetConfigOption("CPL_LOG", "/dev/null");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return bridgelc::fuzz::loadPointBytes(data, size, ".gpkg");
}
