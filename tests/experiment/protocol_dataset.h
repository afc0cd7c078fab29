#pragma once
// Small synthetic datasets for the experiment tests: three classes whose signal is one feature each, in three
// or four biogeographical regions that shift the features.
#include <random>
#include <string>

#include "core/data/dataset.h"

namespace bridgelc::testing {

/// Three regions (ATL, CON, MED) spread over western Europe; MED's features are shifted by `medShift` (ATL by
/// 0, CON by 0.3), so a large shift puts MED outside what a model trained without it has seen.
inline Dataset threeRegionDataset(unsigned seed, double medShift, const std::string& sourcePath) {
    Dataset d;
    d.sourcePath = sourcePath;
    d.featureNames = {"f1", "f2", "f3", "f4"};
    d.classNames = {"Cropland", "Woodland", "Grassland"};
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0, 0.6f);
    std::uniform_real_distribution<double> jitter(0, 1);
    const int regions[3] = {3, 6, 8};
    const double centres[3][2] = {{-1.0, 47.5}, {12.0, 50.0}, {-4.0, 39.0}};
    for (int i = 0; i < 540; ++i) {
        const int label = i % 3, g = (i / 3) % 3;
        for (int f = 0; f < 4; ++f)
            d.features.push_back(
                static_cast<float>((f == label ? 2.0 : 0.0) + (g == 2 ? medShift : 0.3 * g)) + noise(rng));
        d.lon.push_back(centres[g][0] + 6 * jitter(rng));
        d.lat.push_back(centres[g][1] + 4 * jitter(rng));
        d.ids.push_back(std::to_string(i));
        d.label.push_back(label);
        d.region.push_back(regions[g]);
    }
    return d;
}

/// Four regions (ALP, ATL, CON, MED), for the fair-protocol tests: enough regions that a LORO fold can
/// validate on whole training regions.
inline Dataset fourRegionDataset(int points = 640) {
    Dataset d;
    d.sourcePath = "synthetic";
    d.featureNames = {"f1", "f2", "f3", "f4"};
    d.classNames = {"Cropland", "Woodland", "Grassland"};
    std::mt19937 rng(5);
    std::normal_distribution<float> noise(0, 0.6f);
    std::uniform_real_distribution<double> jitter(0, 1);
    const int regions[4] = {0, 3, 6, 8};  // ALP, ATL, CON, MED
    const double centres[4][2] = {{9.0, 46.0}, {-1.0, 47.5}, {12.0, 50.0}, {-4.0, 39.0}};
    for (int i = 0; i < points; ++i) {
        const int label = i % 3, g = (i / 3) % 4;
        for (int f = 0; f < 4; ++f)
            d.features.push_back(static_cast<float>((f == label ? 2.0 : 0.0) + 0.3 * g) + noise(rng));
        d.lon.push_back(centres[g][0] + 2 * jitter(rng));
        d.lat.push_back(centres[g][1] + 2 * jitter(rng));
        d.ids.push_back(std::to_string(i));
        d.label.push_back(label);
        d.region.push_back(i % 97 == 5 ? -1 : regions[g]);  // a few points outside every region
    }
    return d;
}

}  // namespace bridgelc::testing
