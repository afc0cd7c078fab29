// Location dropout by region: which rows lose their location, that nothing else changes, that the draws
// repeat with the seed, and that the candidate model trains with it and saves its effective setting.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/nn/region_location_dropout.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

struct Batch {
    torch::Tensor features, encoding, groups;
};

/// 12 rows in regions 2, 5, 7 and one row outside every region; every value distinct and non-zero.
Batch makeBatch() {
    Batch b;
    b.features = torch::arange(1, 12 * 4 + 1, torch::kFloat).reshape({12, 4});
    b.encoding = torch::arange(1, 12 * 6 + 1, torch::kFloat).reshape({12, 6}) / 100.0;
    b.groups = torch::tensor({2, 5, 7, 2, 5, 7, 2, 5, 7, 2, 5, -1}, torch::kLong);
    return b;
}

std::vector<std::int64_t> draws(std::uint64_t seed, LocationInput location, double p, int batches) {
    RegionLocationDropout dropout(p, seed, location);
    std::vector<std::int64_t> out;
    for (int i = 0; i < batches; ++i) {
        Batch b = makeBatch();
        out.push_back(dropout.apply(b.features, b.encoding, b.groups));
    }
    return out;
}

TEST(RegionLocationDropout, ZeroesTheEncodingOfExactlyTheChosenRegion) {
    RegionLocationDropout dropout(1.0, 3, LocationInput::LearnedEncoding);
    std::set<std::int64_t> seen;
    for (int i = 0; i < 30; ++i) {
        const Batch original = makeBatch();
        Batch b = makeBatch();
        const std::int64_t region = dropout.apply(b.features, b.encoding, b.groups);
        ASSERT_TRUE(region == 2 || region == 5 || region == 7) << region;
        seen.insert(region);
        EXPECT_TRUE(torch::equal(b.features, original.features)) << "features never change";
        for (std::int64_t row = 0; row < 12; ++row) {
            const bool hidden = original.groups[row].item<std::int64_t>() == region;
            if (hidden)
                EXPECT_TRUE(torch::equal(b.encoding[row], torch::zeros({6}))) << row;
            else
                EXPECT_TRUE(torch::equal(b.encoding[row], original.encoding[row])) << row;
        }
    }
    EXPECT_EQ(seen, (std::set<std::int64_t>{2, 5, 7})) << "each region is drawn sometimes";
}

TEST(RegionLocationDropout, LatLonColumnsOfTheRegionTakeTheFillOthersUnchanged) {
    RegionLocationDropout dropout(1.0, 11, LocationInput::LatLon, 0.25f, 0.75f);
    const Batch original = makeBatch();
    Batch b = makeBatch();
    torch::Tensor noEncoding;
    const std::int64_t region = dropout.apply(b.features, noEncoding, b.groups);
    ASSERT_GE(region, 0);
    for (std::int64_t row = 0; row < 12; ++row) {
        const bool hidden = original.groups[row].item<std::int64_t>() == region;
        EXPECT_TRUE(torch::equal(b.features[row].narrow(0, 0, 2), original.features[row].narrow(0, 0, 2)));
        if (hidden) {
            EXPECT_EQ(b.features[row][2].item<float>(), 0.25f);
            EXPECT_EQ(b.features[row][3].item<float>(), 0.75f);
        } else {
            EXPECT_TRUE(torch::equal(b.features[row], original.features[row])) << row;
        }
    }
}

TEST(RegionLocationDropout, SeededProbabilityAndOffCases) {
    EXPECT_EQ(draws(42, LocationInput::FixedEncoding, 0.3, 200),
              draws(42, LocationInput::FixedEncoding, 0.3, 200));
    EXPECT_NE(draws(42, LocationInput::FixedEncoding, 0.3, 200),
              draws(43, LocationInput::FixedEncoding, 0.3, 200));
    const std::vector<std::int64_t> some = draws(42, LocationInput::FixedEncoding, 0.3, 1000);
    const auto dropped = std::count_if(some.begin(), some.end(), [](std::int64_t r) { return r >= 0; });
    EXPECT_GT(dropped, 230);  // 300 expected; binomial sd 14.5
    EXPECT_LT(dropped, 370);
    for (std::int64_t r : draws(1, LocationInput::FixedEncoding, 0.0, 50))
        EXPECT_EQ(r, -1);
    // No location input: nothing to hide, nothing changes.
    RegionLocationDropout none(1.0, 1, LocationInput::None);
    Batch b = makeBatch();
    EXPECT_EQ(none.apply(b.features, b.encoding, b.groups), -1);
    EXPECT_TRUE(torch::equal(b.encoding, makeBatch().encoding));
    // A batch of points outside every region.
    RegionLocationDropout all(1.0, 1, LocationInput::FixedEncoding);
    Batch outside = makeBatch();
    outside.groups.fill_(-1);
    EXPECT_EQ(all.apply(outside.features, outside.encoding, outside.groups), -1);
    EXPECT_TRUE(torch::equal(outside.encoding, makeBatch().encoding));
}

TEST(RegionLocationDropout, CandidateModelTrainsSavesItsDefaultAndChangesTraining) {
    const Dataset ds = test::syntheticDataset(400, 8, 3);
    TrainingSettings settings;
    settings.epochs = 3;
    settings.batchSize = 32;
    settings.earlyStopping = false;
    TrainingObserver quiet;
    const auto rows = test::rowRange(0, 300), validation = test::rowRange(300, 400);
    auto dropout = createModel("bridgelc-region-dropout");
    ASSERT_EQ(dropout->fit(TrainingData{ds, rows, validation}, settings, quiet).status, RunStatus::Completed);
    EXPECT_DOUBLE_EQ(dropout->meta().settings.at("locationDropout").get<double>(), 0.3);
    settings.locationDropout = 0.8;
    auto asked = createModel("bridgelc-region-dropout");
    ASSERT_EQ(asked->fit(TrainingData{ds, rows, validation}, settings, quiet).status, RunStatus::Completed);
    EXPECT_DOUBLE_EQ(asked->meta().settings.at("locationDropout").get<double>(), 0.8);
    // The same seed without dropout is BRIDGE-LC itself; with it the weights differ.
    settings.locationDropout = 0.0;
    auto plain = createModel("bridgelc");
    ASSERT_EQ(plain->fit(TrainingData{ds, rows, validation}, settings, quiet).status, RunStatus::Completed);
    EXPECT_DOUBLE_EQ(plain->meta().settings.at("locationDropout").get<double>(), 0.0);
    const std::size_t n = 50;
    EXPECT_NE(plain->predictProba(ds.row(300), &ds.lon[300], &ds.lat[300], n),
              dropout->predictProba(ds.row(300), &ds.lon[300], &ds.lat[300], n));
}

}  // namespace
}  // namespace bridgelc
