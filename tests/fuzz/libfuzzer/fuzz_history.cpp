// libFuzzer target: a run's history.csv reader. It either gives epoch reports or throws std::runtime_error
// with a message naming the file; any other exception or a crash is a finding.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "core/io/history_csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const auto history = bridgelc::historyFromCsv(text, "history.csv");
        (void)history;
    } catch (const std::runtime_error& error) {
        if (std::string(error.what()).find("history.csv") == std::string::npos) {
            std::fprintf(stderr, "finding: a message that does not name the file: %s\n", error.what());
            std::abort();
        }
    }
    return 0;
}
