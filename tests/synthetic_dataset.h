#pragma once
// Datasets built in memory for tests: separable Gaussian clusters for fast model and trainer tests, and
// points with given class and region shares (only the columns splits read) for split tests.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/geo/regions.h"

namespace bridgelc::test {

/// n points, d features, `classes` classes (label = i % classes); feature j of class c has mean `separation`
/// when j % classes == c, else 0, and unit noise. Points lie in four regions (ALP, ATL, CON, MED) by
/// longitude.
inline Dataset syntheticDataset(std::size_t n, std::size_t d, int classes, double separation = 3.0,
                                unsigned seed = 7) {
    Dataset ds;
    ds.sourcePath = "synthetic";
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.f, 1.f);
    std::uniform_real_distribution<double> lon(-10.0, 30.0), lat(36.0, 64.0);
    for (std::size_t j = 0; j < d; ++j)
        ds.featureNames.push_back("f" + std::to_string(j));
    for (int c = 0; c < classes; ++c)
        ds.classNames.push_back("class " + std::to_string(c));
    const int regionIds[4] = {regionIndex("ALP"), regionIndex("ATL"), regionIndex("CON"), regionIndex("MED")};
    ds.features.resize(n * d);
    for (std::size_t i = 0; i < n; ++i) {
        const int c = static_cast<int>(i % classes);
        for (std::size_t j = 0; j < d; ++j)
            ds.features[i * d + j] = noise(rng) + (static_cast<int>(j % classes) == c ? separation : 0.0);
        ds.lon.push_back(lon(rng));
        ds.lat.push_back(lat(rng));
        ds.ids.push_back(std::to_string(i));
        ds.label.push_back(c);
        ds.fineCode.push_back("");
        ds.region.push_back(regionIds[static_cast<int>((ds.lon.back() + 10.0) / 10.0) % 4]);
    }
    return ds;
}

/// n points in a box over central Europe, classes with shares 40/25/20/10/5 % plus one class of a single
/// point, regions drawn from `regionShares` (index = region, last entry = outside, -1).
inline Dataset syntheticDataset(std::size_t n, std::uint32_t seed, const std::vector<double>& regionShares) {
    Dataset dataset;
    dataset.classNames = {"A", "B", "C", "D", "E", "Single"};
    std::mt19937 engine(seed);
    std::uniform_real_distribution<double> lon(-5.0, 25.0), lat(40.0, 60.0), unit(0.0, 1.0);
    const double classShares[] = {0.40, 0.25, 0.20, 0.10, 0.05};
    for (std::size_t i = 0; i < n; ++i) {
        dataset.lon.push_back(lon(engine));
        dataset.lat.push_back(lat(engine));
        double u = unit(engine);
        int label = 0;
        while (label < 4 && u >= classShares[label])
            u -= classShares[label++];
        dataset.label.push_back(label);
        double v = unit(engine);
        int region = 0;
        while (region + 1 < static_cast<int>(regionShares.size()) && v >= regionShares[region])
            v -= regionShares[region++];
        dataset.region.push_back(region == static_cast<int>(regionShares.size()) - 1 ? -1 : region);
        dataset.ids.push_back(std::to_string(i));
    }
    dataset.label.back() = 5;  // the single-point class
    return dataset;
}

/// Rows [begin, end) as a row list.
inline std::vector<std::int64_t> rowRange(std::int64_t begin, std::int64_t end) {
    std::vector<std::int64_t> rows;
    for (std::int64_t i = begin; i < end; ++i)
        rows.push_back(i);
    return rows;
}

}  // namespace bridgelc::test
