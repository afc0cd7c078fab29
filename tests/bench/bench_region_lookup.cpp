// Region lookup throughput: the real LUCAS table's points and a million random points over Europe, and the
// projection alone to show how much of the time PROJ takes.
#include <benchmark/benchmark.h>

#include <charconv>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/geo/laea_projection.h"
#include "core/geo/region_lookup.h"

namespace {

struct Points {
    std::vector<double> lon, lat;
};

double number(const std::string& text, std::size_t begin, std::size_t end) {
    double value = 0.0;
    std::from_chars(text.data() + begin, text.data() + end, value);
    return value;
}

// Columns 2 and 3 (lon, lat) of the shared LUCAS table; independent of the product's point reader.
const Points& lucasPoints() {
    static const Points points = [] {
        const std::string path = std::string(BRIDGELC_SHARED_DATA_DIR) + "/lucas/lucas2018_elc10_s1s2.csv";
        std::ifstream in(path, std::ios::binary);
        if (!in) throw std::runtime_error("cannot open " + path);
        Points out;
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            const std::size_t a = line.find(','), b = line.find(',', a + 1), c = line.find(',', b + 1);
            out.lon.push_back(number(line, a + 1, b));
            out.lat.push_back(number(line, b + 1, c));
        }
        return out;
    }();
    return points;
}

const Points& randomEuropePoints() {
    static const Points points = [] {
        Points out;
        std::mt19937_64 engine(1);
        std::uniform_real_distribution<double> lon(-25.0, 45.0), lat(34.0, 72.0);
        for (int i = 0; i < 1000000; ++i) {
            out.lon.push_back(lon(engine));
            out.lat.push_back(lat(engine));
        }
        return out;
    }();
    return points;
}

void lookupBatch(benchmark::State& state, const Points& points) {
    const bridgelc::RegionLookup& lookup = bridgelc::RegionLookup::builtIn();
    std::vector<int> regions(points.lon.size());
    for (auto _ : state) {
        lookup.regionsAt(points.lon.data(), points.lat.data(), points.lon.size(), regions.data());
        benchmark::DoNotOptimize(regions.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(points.lon.size()));
    std::size_t outside = 0;
    for (int region : regions)
        outside += region < 0;
    state.counters["outside_share"] = static_cast<double>(outside) / static_cast<double>(regions.size());
}

void projectOnly(benchmark::State& state, const Points& points) {
    bridgelc::LaeaProjection projection;
    std::vector<double> x(points.lon.size()), y(points.lat.size());
    for (auto _ : state) {
        x = points.lon;
        y = points.lat;
        projection.forward(x.data(), y.data(), x.size());
        benchmark::DoNotOptimize(x.data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(points.lon.size()));
}

void BM_RegionLookup_Lucas(benchmark::State& state) {
    lookupBatch(state, lucasPoints());
}
void BM_RegionLookup_RandomEurope1M(benchmark::State& state) {
    lookupBatch(state, randomEuropePoints());
}
void BM_Projection_Lucas(benchmark::State& state) {
    projectOnly(state, lucasPoints());
}
void BM_Projection_RandomEurope1M(benchmark::State& state) {
    projectOnly(state, randomEuropePoints());
}

void BM_RegionLookup_SinglePoint(benchmark::State& state) {
    const bridgelc::RegionLookup& lookup = bridgelc::RegionLookup::builtIn();
    const Points& points = lucasPoints();
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(lookup.regionAt(points.lon[i], points.lat[i]));
        i = (i + 1) % points.lon.size();
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_RegionLookup_TableLoad(benchmark::State& state) {
    const std::string path = std::string(BRIDGELC_SHARED_DATA_DIR) + "/regions/biogeoregions_10km_cells.csv";
    for (auto _ : state)
        benchmark::DoNotOptimize(bridgelc::RegionLookup(path));
    state.SetItemsProcessed(state.iterations() * 117179);
}

}  // namespace

BENCHMARK(BM_RegionLookup_Lucas)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Projection_Lucas)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RegionLookup_RandomEurope1M)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Projection_RandomEurope1M)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RegionLookup_SinglePoint);
BENCHMARK(BM_RegionLookup_TableLoad)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
