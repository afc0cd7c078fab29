// libFuzzer target: the CSV reader, through loadPoints as the application calls it.
#include "tests/fuzz/libfuzzer/point_file_target.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return bridgelc::fuzz::loadPointBytes(data, size, ".csv");
}
