// The gated ensemble: BRIDGE-LC's answer inside the area of applicability, the MLP's outside, on a case whose
// points are built to fall on either side of the gate.
#include <gtest/gtest.h>

#include <cmath>

#include "core/aoa/aoa_gated_model.h"
#include "core/model/model_registry.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

std::unique_ptr<Model> trained(const std::string& name, const Dataset& ds,
                               const std::vector<std::int64_t>& rows, std::uint64_t seed) {
    TrainingSettings settings;
    settings.epochs = 2;
    settings.batchSize = 32;
    settings.seed = seed;
    TrainingObserver quiet;
    auto model = createModel(name);
    EXPECT_EQ(model->fit(TrainingData{ds, rows, {}}, settings, quiet).status, RunStatus::Completed);
    return model;
}

TEST(AoaGatedModel, LocationAwareInsideTheGateLocationFreeOutside) {
    const std::size_t d = 6;
    const Dataset ds = test::syntheticDataset(240, d, 3);
    const auto rows = test::rowRange(0, 200);
    auto located = trained("bridgelc", ds, rows, 1);
    auto free = trained("mlp", ds, rows, 2);

    // The gate: the training rows, equal weights, two folds.
    std::vector<float> training;
    std::vector<int> folds;
    std::vector<std::string> ids;
    for (std::int64_t row : rows) {
        training.insert(training.end(), ds.row(row), ds.row(row) + d);
        folds.push_back(static_cast<int>(row % 2));
        ids.push_back(ds.ids[row]);
    }
    auto gate = AreaOfApplicability::build(training.data(), rows.size(), ds.featureNames,
                                           AoaWeights{kWeightsEqual, std::vector<double>(d, 1.0)}, folds,
                                           {"a", "b"}, ids);

    // Query points: training points themselves (DI 0, inside) alternate with the same points moved 40
    // standard deviations away in every feature (far outside).
    std::vector<float> query;
    std::vector<double> lon, lat;
    std::vector<bool> expectInside;
    for (std::int64_t row = 0; row < 40; ++row) {
        const bool inside = row % 2 == 0;
        for (std::size_t j = 0; j < d; ++j)
            query.push_back(ds.row(row)[j] + (inside ? 0.f : 40.f));
        lon.push_back(ds.lon[row]);
        lat.push_back(ds.lat[row]);
        expectInside.push_back(inside);
    }
    const std::size_t n = expectInside.size(), classes = ds.classNames.size();
    const std::vector<float> fromLocated = located->predictProba(query.data(), lon.data(), lat.data(), n);
    const std::vector<float> fromFree = free->predictProba(query.data(), lon.data(), lat.data(), n);

    auto gated = createModel(kAoaGatedModelName);
    auto* model = dynamic_cast<AoaGatedModel*>(gated.get());
    ASSERT_TRUE(model);
    model->assemble(std::move(located), std::move(free), gate);
    EXPECT_EQ(model->insideGate(query.data(), n), expectInside);
    const std::vector<float> p = model->predictProba(query.data(), lon.data(), lat.data(), n);
    ASSERT_EQ(p.size(), n * classes);
    std::size_t differing = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::vector<float> row(p.begin() + i * classes, p.begin() + (i + 1) * classes);
        const std::vector<float> a(fromLocated.begin() + i * classes,
                                   fromLocated.begin() + (i + 1) * classes);
        const std::vector<float> b(fromFree.begin() + i * classes, fromFree.begin() + (i + 1) * classes);
        EXPECT_EQ(row, expectInside[i] ? a : b) << "point " << i;
        differing += a != b;
    }
    EXPECT_EQ(differing, n) << "the two models answer differently, so the choice is visible";
}

TEST(AoaGatedModel, FitBuildsTheGateAndTheWeightsCarryIt) {
    const Dataset ds = test::syntheticDataset(400, 6, 3);
    TrainingSettings settings;
    settings.epochs = 2;
    settings.batchSize = 32;
    TrainingObserver quiet;
    auto model = createModel(kAoaGatedModelName);
    const FitResult fit =
        model->fit(TrainingData{ds, test::rowRange(0, 320), test::rowRange(320, 400)}, settings, quiet);
    ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
    const auto& gated = dynamic_cast<const AoaGatedModel&>(*model);
    ASSERT_TRUE(gated.gate());
    EXPECT_EQ(gated.gate()->trainingCount(), 320u);
    EXPECT_EQ(gated.locationAware().name(), "bridgelc");
    EXPECT_EQ(gated.locationFree().name(), "mlp");
    EXPECT_EQ(model->parameterCount(),
              gated.locationAware().parameterCount() + gated.locationFree().parameterCount());

    std::stringstream weights;
    model->saveWeights(weights);
    auto copy = createModel(kAoaGatedModelName);
    copy->setMetadata(model->metadata());
    copy->loadWeights(weights);
    const auto& reloaded = dynamic_cast<const AoaGatedModel&>(*copy);
    EXPECT_EQ(reloaded.gate()->threshold(), gated.gate()->threshold());
    EXPECT_EQ(reloaded.insideGate(ds.row(320), 80), gated.insideGate(ds.row(320), 80));
    EXPECT_EQ(copy->predictProba(ds.row(320), &ds.lon[320], &ds.lat[320], 80),
              model->predictProba(ds.row(320), &ds.lon[320], &ds.lat[320], 80));

    // Damaged weights: a clear error, never a crash.
    std::string bytes = weights.str();
    std::istringstream truncated(bytes.substr(0, bytes.size() / 2));
    auto broken = createModel(kAoaGatedModelName);
    broken->setMetadata(model->metadata());
    EXPECT_THROW(broken->loadWeights(truncated), std::runtime_error);
    std::istringstream foreign(std::string("not a gated model at all"));
    EXPECT_THROW(broken->loadWeights(foreign), std::runtime_error);
}

}  // namespace
}  // namespace bridgelc
