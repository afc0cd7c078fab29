// The plain-sentence checks of datasets, splits and results, on the files that used to train into nonsense
// without a word: a 5-point file, a one-class file, an empty validation part, a raw survey table.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include "core/data/point_reader.h"
#include "core/run/sanity_checks.h"
#include "core/run/training_run.h"
#include "core/split/split.h"
#include "tests/raw_lucas_table.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

namespace fs = std::filesystem;

bool contains(const std::vector<std::string>& list, const std::string& text) {
    return std::find(list.begin(), list.end(), text) != list.end();
}

std::string joined(const std::vector<std::string>& list) {
    std::string all;
    for (const std::string& s : list)
        all += "\n  " + s;
    return all;
}

/// Loads `csv` written to a temporary file.
Dataset loadText(const std::string& name, const std::string& csv, LoadOptions options = {}) {
    const fs::path path =
        fs::temp_directory_path() / ("bridgelc_sanity_" + std::to_string(std::random_device{}()) + name);
    std::ofstream(path) << csv;
    LoadResult result = loadPoints(path.string(), options);
    fs::remove(path);
    if (!result.dataset) throw std::runtime_error(name + ": " + result.report.fatalMessage());
    return std::move(*result.dataset);
}

const char* const kFivePoints =
    "POINT_ID,lon,lat,lc1_name,blue_median,nir_median\n"
    "1,10.1,50.1,Cropland,800,2500\n2,10.2,50.2,Cropland,810,2600\n3,10.3,50.3,Cropland,790,2550\n"
    "4,10.4,50.4,Woodland,400,3000\n5,10.5,50.5,Woodland,410,3100\n";

TEST(SanityChecks, FivePointFileIsCalledOutBeforeAndAfterTraining) {
    const Dataset data = loadText("five.csv", kFivePoints);
    const std::vector<std::string> before = datasetWarnings(data);
    EXPECT_EQ(
        before,
        (std::vector<std::string>{
            "Only 5 points are labelled: too few to train and test a model (at least 150 are needed for "
            "the 20 % test part to hold 30 points).",
            "2 classes have fewer than 10 points: 'Cropland' (3), 'Woodland' (2). Too few to learn them "
            "or to score them: each part of the split gets one or two points at most."}))
        << joined(before);

    const Split split = extrapSplit(data);
    ASSERT_TRUE(split.validation.empty()) << "the case of the report: 3 train, 0 validation, 2 test";
    const std::vector<std::string> splitText = splitWarnings(data, split);
    EXPECT_TRUE(
        contains(splitText,
                 "The validation part of EXTRAP is empty: early stopping and the choice of the best epoch "
                 "have nothing to go on, and the validation loss and scores shown are not measured."))
        << joined(splitText);
    EXPECT_TRUE(contains(splitText, "The training part of EXTRAP has only " +
                                        std::to_string(split.train.size()) +
                                        " points: too few to fit a model (at least 50)."))
        << joined(splitText);

    TrainingSettings settings = TrainingSettings::laptop();
    settings.epochs = 2;
    settings.threads = 1;
    TrainingObserver quiet;
    const RunResult run = trainAndEvaluate(data, split, "mlp", settings, quiet);
    for (const std::string& warning : splitText)
        EXPECT_TRUE(contains(run.warnings, warning)) << warning;
    if (run.testConfusion.total() > 0)
        EXPECT_TRUE(
            contains(run.warnings,
                     "The scores rest on " + std::to_string(run.testConfusion.total()) +
                         " points only: one point moves the overall accuracy by 50 percentage points, so "
                         "they mean nothing (at least 30 are needed)."))
            << joined(run.warnings);
    EXPECT_GT(run.warnings.size(), splitText.size())
        << "the scores get their own warning" << joined(run.warnings);
}

TEST(SanityChecks, OneClassFileSaysAccuracyIsNotAResult) {
    std::string csv = "POINT_ID,lon,lat,lc1_name,blue_median\n";
    for (int i = 0; i < 200; ++i)
        csv += std::to_string(i + 1) + "," + std::to_string(8 + 0.01 * i) + ",50,Cropland," +
               std::to_string(800 + i) + "\n";
    const Dataset data = loadText("oneclass.csv", csv);
    EXPECT_EQ(
        datasetWarnings(data),
        (std::vector<std::string>{"Every labelled point is of one class ('Cropland', 200 points): there is "
                                  "nothing to tell apart, so a model scores 100 % overall accuracy with "
                                  "kappa 0, which is not a result."}));

    const ConfusionMatrix confusion(std::vector<int>(40, 1), std::vector<int>(40, 1), data.classNames.size());
    EXPECT_EQ(
        scoreWarnings(confusion, data.classNames),
        (std::vector<std::string>{"Every scored point is of one class ('Cropland'): overall accuracy says "
                                  "nothing about telling classes apart, and kappa is 0 by definition. This "
                                  "is not a result."}));
    RunResult run;
    run.status = RunStatus::Completed;
    run.classNames = data.classNames;
    run.testConfusion = confusion;
    EXPECT_EQ(resultWarnings(run), scoreWarnings(confusion, data.classNames));
}

TEST(SanityChecks, EmptyValidationPartIsNamed) {
    const Dataset data = test::syntheticDataset(300, 4, 3);
    Split split;
    split.name = "LORO-ATL";
    for (std::int64_t i = 0; i < 300; ++i)
        (i < 240 ? split.train : split.test).push_back(i);
    EXPECT_EQ(
        splitWarnings(data, split),
        (std::vector<std::string>{"The validation part of LORO-ATL is empty: early stopping and the choice "
                                  "of the best epoch have nothing to go on, and the validation loss and "
                                  "scores shown are not measured."}));
    split.validation = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    EXPECT_TRUE(splitWarnings(data, split).empty()) << joined(splitWarnings(data, split));
}

TEST(SanityChecks, TestClassesTrainingNeverSawAndTinyTestParts) {
    const Dataset data = test::syntheticDataset(300, 4, 3);
    Split split;
    split.name = "EXTRAP";
    for (std::int64_t i = 0; i < 300; ++i) {
        if (i < 12)
            split.test.push_back(i);
        else if (data.label[i] != 2)
            split.train.push_back(i);
        else if (split.validation.size() < 20)
            split.validation.push_back(i);
    }
    EXPECT_EQ(
        splitWarnings(data, split),
        (std::vector<std::string>{
            "The test part of EXTRAP has only 12 points: each point moves the overall accuracy by 8 "
            "percentage points, so its scores mean nothing (at least 30 are needed).",
            "One class is in the test part of EXTRAP but not in its training part: 'class 2' (4 points). "
            "The model cannot predict it, so its recall is 0."}));
}

TEST(SanityChecks, AModelThatPredictsOneClassIsCalledOut) {
    std::vector<int> truth, predicted;
    for (int i = 0; i < 60; ++i) {
        truth.push_back(i % 3);
        predicted.push_back(0);
    }
    EXPECT_EQ(
        scoreWarnings(ConfusionMatrix(truth, predicted, 3), {"a", "b", "c"}),
        (std::vector<std::string>{"Every scored point was predicted as 'a' although 3 classes are present: "
                                  "the model learnt only the most common class."}));
}

TEST(SanityChecks, RawSurveyColumnsAreNotSatelliteFeatures) {
    const Dataset data = loadText("raw.csv", test::rawLucasCsv());
    EXPECT_EQ(
        datasetWarnings(data),
        (std::vector<std::string>{
            "4 of 7 feature columns look like soil chemistry or terrain, not Sentinel-1/2 inputs: 'P', 'K', "
            "'pH_H2O', 'Elevation'. They come from a survey table, not from the satellite; the models are "
            "built for band, index and backscatter statistics (e.g. blue_median, ndvi_p50, asc_vv_median). "
            "Exclude them, or use the table's satellite features."}));

    LoadOptions keep;
    keep.keepMostlyMissingColumns = true;
    const std::vector<std::string> kept = datasetWarnings(loadText("raw.csv", test::rawLucasCsv(), keep));
    EXPECT_TRUE(contains(kept,
                         "Feature 'OC' is missing in 194 of 200 points (97.0 %): it is imputed with the "
                         "training mean, so it is nearly constant and tells the model almost nothing."))
        << joined(kept);
    EXPECT_TRUE(contains(kept,
                         "Feature 'EC' is missing in 199 of 200 points (99.5 %): it is imputed with the "
                         "training mean, so it is nearly constant and tells the model almost nothing."))
        << joined(kept);
}

TEST(SanityChecks, TheRealTableRaisesNoWarning) {
    LoadResult loaded = loadPoints(BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv");
    ASSERT_TRUE(loaded.dataset);
    for (const std::string& name : loaded.dataset->featureNames)
        EXPECT_TRUE(looksLikeSatelliteFeature(name)) << name;
    EXPECT_EQ(datasetWarnings(*loaded.dataset), std::vector<std::string>{});
    EXPECT_EQ(splitWarnings(*loaded.dataset, extrapSplit(*loaded.dataset)), std::vector<std::string>{});
    for (const char* name : {"OC", "pH_H2O", "Elevation", "CaCO3", "f0", "x1"})
        EXPECT_FALSE(looksLikeSatelliteFeature(name)) << name;
    for (const char* name : {"B8A", "b11", "S2_B4", "asc_vv_median", "ndvi_p50", "R1_median", "swir2_median"})
        EXPECT_TRUE(looksLikeSatelliteFeature(name)) << name;
}

TEST(SanityChecks, TheFullRealTableRaisesNoWarning) {
    LoadResult loaded = loadPoints(BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2.csv");
    ASSERT_TRUE(loaded.dataset);
    const auto start = std::chrono::steady_clock::now();
    const std::vector<std::string> warnings = datasetWarnings(*loaded.dataset);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    // Runs on the GUI thread when a dataset is shown: reported, not asserted (no wall-clock assertions).
    std::cout << "[ figures  ] datasetWarnings of " << loaded.dataset->size() << " points x "
              << loaded.dataset->featureCount() << " features: " << ms << " ms\n";
    EXPECT_EQ(warnings, std::vector<std::string>{});
}

}  // namespace
}  // namespace bridgelc
