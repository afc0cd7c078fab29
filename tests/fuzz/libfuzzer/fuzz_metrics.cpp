// libFuzzer target: a run's metrics.json read as loadSavedRun reads it (test scores, warnings, confusion
// table, per-region scores). Parse errors, nlohmann's type and key errors and rejected tables are
// std::exception with a message, which loadSavedRun turns into "<run>: <message>"; a crash, a hang or an
// exception without text is a finding.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "core/geo/regions.h"
#include "core/io/metrics_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const nlohmann::json metrics = nlohmann::json::parse(text);
        auto test = metrics.at("test").get<bridgelc::Metrics>();
        auto warnings = bridgelc::warningsFromJson(metrics);
        auto confusion = bridgelc::confusionFromJson(metrics.at("confusion"));
        const nlohmann::json perRegion = metrics.value("perRegion", nlohmann::json::object());
        for (const auto& [code, regionMetrics] : perRegion.items())
            if (bridgelc::regionIndex(code) >= 0) auto scores = regionMetrics.get<bridgelc::Metrics>();
        (void)test, (void)warnings, (void)confusion;
    } catch (const std::exception& error) {
        if (std::string(error.what()).empty()) {
            std::fprintf(stderr, "finding: an exception without text\n");
            std::abort();
        }
    }
    return 0;
}
