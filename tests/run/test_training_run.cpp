// trainAndEvaluate and predict end to end on the real 4,000-point LUCAS sample.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/data/point_reader.h"
#include "core/geo/regions.h"
#include "core/model/model.h"
#include "core/run/training_run.h"
#include "core/split/split.h"

namespace bridgelc {
namespace {

const Dataset& sample() {
    static const Dataset ds = [] {
        LoadResult loaded = loadPoints(BRIDGELC_SHARED_DATA_DIR "/lucas/lucas2018_elc10_s1s2_sample4k.csv");
        if (!loaded.dataset) throw std::runtime_error("sample did not load: " + loaded.report.fatalMessage());
        return *loaded.dataset;
    }();
    return ds;
}

double majorityShare(const Dataset& ds, const std::vector<std::int64_t>& rows) {
    std::vector<std::size_t> counts(ds.classNames.size());
    for (std::int64_t r : rows)
        ++counts[ds.label[r]];
    return static_cast<double>(*std::max_element(counts.begin(), counts.end())) / rows.size();
}

class OnSample : public ::testing::TestWithParam<std::string> {};

TEST_P(OnSample, LearnsClearlyBetterThanChance) {
    const Dataset& ds = sample();
    ASSERT_EQ(ds.size(), 4000u);
    const Split split = extrapSplit(ds);
    TrainingSettings settings = TrainingSettings::laptop();
    settings.epochs = 12;
    settings.learningRate = 1e-3;  // fewer epochs than the paper, so a larger step
    settings.trees = 40;
    settings.boostingRounds = 60;
    TrainingObserver quiet;
    const RunResult run = trainAndEvaluate(ds, split, GetParam(), settings, quiet);
    ASSERT_EQ(run.status, RunStatus::Completed) << run.message;
    ASSERT_TRUE(run.model);
    EXPECT_EQ(run.modelName, GetParam());
    EXPECT_EQ(run.test.rows, split.test);
    EXPECT_EQ(run.testConfusion.total(), split.test.size());
    EXPECT_EQ(run.testMetrics.points, split.test.size());
    EXPECT_EQ(run.testMetricsPerRegion.size(), biogeographicalRegions().size());
    const double chance = majorityShare(ds, split.test);
    EXPECT_GT(run.testMetrics.overallAccuracy, chance + 0.25) << "chance " << chance;
    EXPECT_GT(run.testMetrics.weightedF1, 0.4);
    for (std::size_t i = 0; i < run.test.rows.size(); ++i) {
        double sum = 0;
        for (std::size_t c = 0; c < run.test.classes; ++c)
            sum += run.test.probabilities[i * run.test.classes + c];
        ASSERT_NEAR(sum, 1.0, 1e-4);
        ASSERT_EQ(run.test.confidence[i],
                  run.test.probabilities[i * run.test.classes + run.test.predicted[i]]);
    }
    RecordProperty("weightedF1", std::to_string(run.testMetrics.weightedF1));
    std::cout << GetParam() << ": OA " << run.testMetrics.overallAccuracy << " weighted F1 "
              << run.testMetrics.weightedF1 << " in " << run.trainSeconds << " s\n";
}

INSTANTIATE_TEST_SUITE_P(Models, OnSample, ::testing::Values("bridgelc", "mlp", "random-forest"));

TEST(TrainingRun, UnknownModelBecomesAFailedRunNotAnException) {
    const Dataset& ds = sample();
    Split split;
    split.train = {0, 1, 2};
    TrainingObserver quiet;
    const RunResult run = trainAndEvaluate(ds, split, "svm", TrainingSettings(), quiet);
    EXPECT_EQ(run.status, RunStatus::Failed);
    EXPECT_NE(run.message.find("unknown model 'svm'"), std::string::npos);
    EXPECT_FALSE(run.model);
}

TEST(TrainingRun, UnlabelledTestPointsArePredictedButNotScored) {
    Dataset ds = sample();
    const Split split = extrapSplit(ds);
    for (int i = 0; i < 5; ++i)
        ds.label[split.test[i]] = -1;
    TrainingSettings settings;
    settings.epochs = 1;
    TrainingObserver quiet;
    const RunResult run = trainAndEvaluate(ds, split, "mlp", settings, quiet);
    ASSERT_EQ(run.status, RunStatus::Completed) << run.message;
    EXPECT_EQ(run.test.rows.size(), split.test.size());
    EXPECT_EQ(run.testConfusion.total(), split.test.size() - 5);
    EXPECT_EQ(run.testMetrics.points, split.test.size() - 5);
}

TEST(TrainingRun, PredictAllRowsMatchesPredictSomeRows) {
    const Dataset& ds = sample();
    const Split split = extrapSplit(ds);
    TrainingSettings settings;
    settings.epochs = 1;
    TrainingObserver quiet;
    const RunResult run = trainAndEvaluate(ds, split, "mlp-fixed-pe", settings, quiet);
    ASSERT_TRUE(run.model) << run.message;
    const Predictions all = predict(*run.model, ds);
    ASSERT_EQ(all.rows.size(), ds.size());
    for (std::size_t i = 0; i < split.test.size(); ++i)
        EXPECT_EQ(all.predicted[split.test[i]], run.test.predicted[i]);
}

}  // namespace
}  // namespace bridgelc
