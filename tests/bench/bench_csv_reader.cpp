// CSV reading speed on the real LUCAS table (18 MB, 69,971 rows): the whole load (parse, validate, build the
// Dataset, regions from the file's column), the parse into a raw table alone, and a plain read of the same
// bytes into memory, so the load can be reported as a ratio of the raw read.
#include <benchmark/benchmark.h>
#include <fast_float/fast_float.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/data/csv_reader.h"
#include "core/data/point_reader.h"

namespace {

const std::string kTable = std::string(BRIDGELC_SHARED_DATA_DIR) + "/lucas/lucas2018_elc10_s1s2.csv";

std::int64_t tableBytes() {
    return static_cast<std::int64_t>(std::filesystem::file_size(kTable));
}

void BM_RawRead(benchmark::State& state) {
    const std::int64_t bytes = tableBytes();
    for (auto _ : state) {
        std::ifstream in(kTable, std::ios::binary);
        std::string buffer(static_cast<std::size_t>(bytes), '\0');
        in.read(buffer.data(), bytes);
        benchmark::DoNotOptimize(buffer.data());
    }
    state.SetBytesProcessed(state.iterations() * bytes);
}
BENCHMARK(BM_RawRead)->Unit(benchmark::kMillisecond);

// A floor for any CSV reader: split on ',' and line ends and parse every cell with fast_float, storing
// nothing.
void BM_MinimalTokenizeParse(benchmark::State& state) {
    std::ifstream in(kTable, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (auto _ : state) {
        double sum = 0;
        const char* p = text.data();
        const char* end = p + text.size();
        while (p < end) {
            const char* q = p;
            while (q < end && *q != ',' && *q != '\n' && *q != '\r')
                ++q;
            double value = 0;
            if (fast_float::from_chars(p, q, value).ec == std::errc()) sum += value;
            p = q + 1;
        }
        benchmark::DoNotOptimize(sum);
    }
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_MinimalTokenizeParse)->Unit(benchmark::kMillisecond);

void BM_CsvToRawTable(benchmark::State& state) {
    for (auto _ : state) {
        bridgelc::RawTable table;
        bridgelc::ValidationReport report;
        const bool ok = bridgelc::CsvReader::read(kTable, table, report);
        if (!ok) {
            state.SkipWithError(report.fatalMessage().c_str());
            break;
        }
        benchmark::DoNotOptimize(table.columns.data());
    }
    state.SetBytesProcessed(state.iterations() * tableBytes());
}
BENCHMARK(BM_CsvToRawTable)->Unit(benchmark::kMillisecond);

void BM_LoadPoints(benchmark::State& state) {
    for (auto _ : state) {
        const bridgelc::LoadResult result = bridgelc::loadPoints(kTable);
        if (!result.dataset) {
            state.SkipWithError(result.report.fatalMessage().c_str());
            break;
        }
        benchmark::DoNotOptimize(result.dataset->features.data());
    }
    state.SetBytesProcessed(state.iterations() * tableBytes());
    state.counters["points/s"] =
        benchmark::Counter(69971.0 * state.iterations(), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LoadPoints)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
