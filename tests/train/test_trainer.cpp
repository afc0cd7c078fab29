// The training loop: cancel from another thread, determinism, divergence guard, early stopping, EMA,
// progress.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <iostream>
#include <limits>
#include <mutex>
#include <thread>

#include "core/model/model.h"
#include "core/model/model_registry.h"
#include "core/train/torch_trainer.h"
#include "tests/synthetic_dataset.h"

namespace bridgelc {
namespace {

using Clock = std::chrono::steady_clock;

/// CPU time the calling thread has used so far.
double threadCpuSeconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

TrainingSettings quick(int epochs) {
    TrainingSettings s;
    s.epochs = epochs;
    s.batchSize = 32;
    s.earlyStopping = false;
    s.learningRate = 1e-3;
    return s;
}

/// Cancels once told to, and records what the trainer reported.
class Recorder : public TrainingObserver {
public:
    void onEpoch(const EpochReport& report) override {
        std::lock_guard<std::mutex> lock(m_mutex);
        epochs.push_back(report);
        m_changed.notify_all();
    }
    void onProgress(std::int64_t, std::int64_t) override { progressTimes.push_back(Clock::now()); }
    void onMessage(const std::string& m) override { messages.push_back(m); }
    bool isCancelled() const override { return cancel.load(); }
    void waitForEpochs(std::size_t count) {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_changed.wait(lock, [&] { return epochs.size() >= count; });
    }

    std::atomic<bool> cancel{false};
    std::vector<EpochReport> epochs;
    std::vector<Clock::time_point> progressTimes;
    std::vector<std::string> messages;

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
};

TEST(Trainer, CancelFromAnotherThreadReturnsWithinASecondWithTheBestModel) {
    const Dataset ds = test::syntheticDataset(20000, 35, 8, 1.0);
    TrainingSettings settings = quick(200);
    settings.batchSize = 128;
    settings.threads = 1;  // all compute on the fitting thread, so its CPU clock sees every step
    // The trainer's own work from the last poll that found no cancel to its return: at most one mini-batch
    // plus handing back the best model. Thread CPU time, unlike wall time, leaves out any wait for a core
    // that other processes hold, so the bound holds with the same margin on a loaded machine.
    struct CancelClock : Recorder {
        bool isCancelled() const override {
            const bool cancelled = Recorder::isCancelled();
            if (!cancelled) lastPollCpu = threadCpuSeconds();
            polls += cancelled ? 0 : 1;
            return cancelled;
        }
        mutable double lastPollCpu = 0;
        mutable long polls = 0;
    } observer;
    Clock::time_point cancelledAt;
    std::thread canceller([&] {
        observer.waitForEpochs(1);
        std::this_thread::sleep_for(std::chrono::milliseconds(150));  // well inside epoch 2
        cancelledAt = Clock::now();
        observer.cancel = true;
    });
    auto model = createModel("bridgelc");
    const FitResult fit = model->fit(TrainingData{ds, test::rowRange(0, 18000), test::rowRange(18000, 20000)},
                                     settings, observer);
    const double stopCpu = threadCpuSeconds() - observer.lastPollCpu;
    const auto returnedAt = Clock::now();
    canceller.join();
    const double stopWall = std::chrono::duration<double>(returnedAt - cancelledAt).count();
    std::cout << "[ figures  ] cancel: " << 1e3 * stopCpu << " ms of the trainer's CPU after its last poll, "
              << 1e3 * stopWall << " ms wall from cancel to return; " << observer.polls
              << " polls before the cancel (" << 18000 / settings.batchSize << " mini-batches an epoch)\n";
    EXPECT_GE(observer.polls, 18000 / settings.batchSize) << "the trainer polls every mini-batch";
    EXPECT_LT(stopCpu, 1.0);
    EXPECT_EQ(fit.status, RunStatus::Stopped);
    EXPECT_NE(fit.message.find("stopped by the user"), std::string::npos) << fit.message;
    EXPECT_GE(fit.bestEpoch, 1);
    EXPECT_LT(fit.history.size(), 200u);
    ASSERT_TRUE(model->isTrained());
    const auto p = model->predictProba(ds.row(0), &ds.lon[0], &ds.lat[0], 10);
    for (float v : p)
        EXPECT_TRUE(std::isfinite(v));
}

TEST(Trainer, CancelDuringTheFirstEpochKeepsPartlyTrainedWeights) {
    const Dataset ds = test::syntheticDataset(400, 6, 3);
    struct AfterSomeBatches : TrainingObserver {
        mutable int polls = 0;
        bool isCancelled() const override { return ++polls > 3; }
    } observer;
    auto model = createModel("mlp");
    const FitResult fit = model->fit(TrainingData{ds, test::rowRange(0, 400), {}}, quick(5), observer);
    EXPECT_EQ(fit.status, RunStatus::Stopped);
    EXPECT_TRUE(fit.history.empty());
    EXPECT_TRUE(model->isTrained());
    EXPECT_NE(fit.message.find("first epoch"), std::string::npos) << fit.message;
}

TEST(Trainer, SameSeedSameMetricsOtherSeedOtherModel) {
    const Dataset ds = test::syntheticDataset(600, 10, 4, 1.0);
    for (const std::string name : {"bridgelc", "mlp-latlon"}) {
        SCOPED_TRACE(name);
        auto run = [&](std::uint64_t seed) {
            TrainingSettings s = quick(3);
            s.seed = seed;
            TrainingObserver quiet;
            auto model = createModel(name);
            const FitResult fit =
                model->fit(TrainingData{ds, test::rowRange(0, 450), test::rowRange(450, 600)}, s, quiet);
            EXPECT_EQ(fit.status, RunStatus::Completed) << fit.message;
            return std::make_pair(fit, model->predictProba(ds.row(450), &ds.lon[450], &ds.lat[450], 150));
        };
        const auto a = run(42), b = run(42), c = run(43);
        ASSERT_EQ(a.first.history.size(), b.first.history.size());
        for (std::size_t e = 0; e < a.first.history.size(); ++e) {
            EXPECT_EQ(a.first.history[e].trainLoss, b.first.history[e].trainLoss);
            EXPECT_EQ(a.first.history[e].contrastiveLoss, b.first.history[e].contrastiveLoss);
            EXPECT_EQ(a.first.history[e].validationWeightedF1, b.first.history[e].validationWeightedF1);
        }
        EXPECT_EQ(a.second, b.second);
        EXPECT_NE(a.second, c.second);
    }
}

TEST(Trainer, HugeLearningRateFailsWithAClearMessage) {
    const Dataset ds = test::syntheticDataset(300, 6, 3);
    TrainingSettings s = quick(5);
    s.learningRate = 1e30;
    TrainingObserver quiet;
    auto model = createModel("bridgelc");
    const FitResult fit = model->fit(TrainingData{ds, test::rowRange(0, 300), {}}, s, quiet);
    EXPECT_EQ(fit.status, RunStatus::Failed);
    EXPECT_NE(fit.message.find("training diverged in epoch"), std::string::npos) << fit.message;
    EXPECT_NE(fit.message.find("lower learning rate"), std::string::npos) << fit.message;
}

TEST(Trainer, DivergenceKeepsTheLastGoodWeights) {
    // Poison the training tensor after epoch 2: epoch 3's loss is NaN and the weights of epoch 2 must
    // survive.
    const Dataset ds = test::syntheticDataset(256, 6, 3);
    NetworkShape shape;
    shape.features = 6;
    shape.classes = 3;
    torch::manual_seed(0);
    LandCoverNet net(shape);
    TensorData train;
    train.features = torch::randn({256, 6});
    train.labels = torch::tensor(std::vector<std::int64_t>(ds.label.begin(), ds.label.end()));
    struct Poisoner : TrainingObserver {
        torch::Tensor target;
        void onEpoch(const EpochReport& r) override {
            if (r.epoch == 2) target[5][0] = std::numeric_limits<float>::quiet_NaN();
        }
    } observer;
    observer.target = train.features;
    TrainingSettings s = quick(6);
    s.batchSize = 256;  // one batch per epoch: the poisoned row is always in it
    TorchTrainer trainer(s, observer);
    bool hasWeights = false;
    const FitResult fit = trainer.train(net, train, TensorData(), {1.0, 1.0, 1.0}, false, hasWeights);
    EXPECT_EQ(fit.status, RunStatus::Failed);
    EXPECT_TRUE(hasWeights);
    EXPECT_EQ(fit.bestEpoch, 2);
    EXPECT_EQ(fit.history.size(), 2u);
    EXPECT_NE(fit.message.find("in epoch 3"), std::string::npos) << fit.message;
    EXPECT_NE(fit.message.find("keeping the weights of epoch 2"), std::string::npos) << fit.message;
    for (const torch::Tensor& p : net->parameters())
        EXPECT_TRUE(torch::isfinite(p).all().item<bool>());
}

TEST(Trainer, EarlyStoppingAfterPatienceEpochsWithoutImprovement) {
    const Dataset ds = test::syntheticDataset(400, 6, 3);
    TrainingSettings s = quick(60);
    s.learningRate = 0;  // nothing learns, so validation F1 cannot keep improving
    s.weightDecay = 0;
    s.earlyStopping = true;
    s.patience = 3;
    TrainingObserver quiet;
    auto model = createModel("mlp");
    const FitResult fit =
        model->fit(TrainingData{ds, test::rowRange(0, 300), test::rowRange(300, 400)}, s, quiet);
    EXPECT_EQ(fit.status, RunStatus::Completed);
    EXPECT_LT(fit.history.size(), 60u);
    EXPECT_EQ(fit.bestEpoch + 3, static_cast<int>(fit.history.size()));
    EXPECT_NE(fit.message.find("stopped early"), std::string::npos) << fit.message;
}

TEST(Trainer, EmaWeightsAreTheFinalModelWhenEnabled) {
    const Dataset ds = test::syntheticDataset(300, 6, 3);
    TrainingSettings s = quick(6);
    s.emaMomentum = 0.9;
    TrainingObserver quiet;
    auto model = createModel("bridgelc");
    const FitResult fit =
        model->fit(TrainingData{ds, test::rowRange(0, 240), test::rowRange(240, 300)}, s, quiet);
    EXPECT_EQ(fit.status, RunStatus::Completed);
    EXPECT_TRUE(fit.usedEma);
    EXPECT_EQ(fit.bestEpoch, 6);
    EXPECT_NE(fit.message.find("moving average (momentum 0.9) of epochs 4-6"), std::string::npos)
        << fit.message;
}

TEST(Trainer, ReportsEveryLossTermScheduleAndThrottledProgress) {
    const Dataset ds = test::syntheticDataset(3000, 20, 4);
    TrainingSettings s = quick(4);
    Recorder observer;
    auto model = createModel("bridgelc");
    const auto fitStart = Clock::now();
    const FitResult fit =
        model->fit(TrainingData{ds, test::rowRange(0, 2500), test::rowRange(2500, 3000)}, s, observer);
    const auto fitTime = Clock::now() - fitStart;
    ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
    ASSERT_EQ(observer.epochs.size(), 4u);
    for (const EpochReport& r : observer.epochs) {
        EXPECT_EQ(r.epochs, 4);
        EXPECT_GT(r.landCoverLoss, 0);
        EXPECT_GT(r.regionLoss, 0);
        EXPECT_GT(r.contrastiveLoss, 0);
        EXPECT_NEAR(r.trainLoss, r.landCoverLoss + r.regionLoss + r.contrastiveLoss, 1e-6 * r.trainLoss);
        EXPECT_GT(r.validationLoss, 0);
        // The validation rows carry regions through the model too, so every term is measured there.
        EXPECT_GT(r.validationRegionLoss, 0);
        EXPECT_GT(r.validationContrastiveLoss, 0);
        EXPECT_NEAR(r.validationTotalLoss,
                    r.validationLoss + r.validationRegionLoss + r.validationContrastiveLoss,
                    1e-9 * r.validationTotalLoss);
        EXPECT_EQ(r.unit, IterationUnit::Epoch);
        EXPECT_GT(r.samplesPerSecond, 0);
    }
    // Cosine annealing over 4 epochs: lr * (1 + cos(pi e / 4)) / 2 for e = 0..3.
    for (int e = 0; e < 4; ++e)
        EXPECT_NEAR(observer.epochs[e].learningRate, 1e-3 * 0.5 * (1 + std::cos(M_PI * e / 4)), 1e-12);
    EXPECT_GT(observer.epochs.back().validationAccuracy, 0.5);  // separable clusters, chance 0.25
    // Throttling: the trainer schedules a report at most every 100 ms, plus one at the end, so however
    // the thread is paused no more than elapsed / 100 ms + 2 reports fit into the run. (The gap between two
    // reports as the observer sees it is not the trainer's to keep: a pause before a call shortens it.)
    const auto intervals = std::chrono::duration_cast<std::chrono::milliseconds>(fitTime).count() / 100;
    EXPECT_LE(observer.progressTimes.size(), std::size_t(intervals) + 2)
        << "in " << std::chrono::duration<double>(fitTime).count() << " s";
    EXPECT_FALSE(observer.progressTimes.empty());
}

TEST(Trainer, MissingFeaturesAreImputedAndCounted) {
    Dataset ds = test::syntheticDataset(200, 5, 2);
    ds.features[3] = std::numeric_limits<float>::quiet_NaN();
    ds.features[17] = std::numeric_limits<float>::quiet_NaN();
    Recorder observer;
    auto model = createModel("mlp");
    const FitResult fit = model->fit(TrainingData{ds, test::rowRange(0, 200), {}}, quick(1), observer);
    ASSERT_EQ(fit.status, RunStatus::Completed) << fit.message;
    ASSERT_EQ(observer.messages.size(), 1u);
    EXPECT_NE(observer.messages[0].find("2 missing feature values"), std::string::npos)
        << observer.messages[0];
    const auto p = model->predictProba(ds.row(0), &ds.lon[0], &ds.lat[0], 4);  // row 0 holds a NaN
    for (float v : p)
        EXPECT_TRUE(std::isfinite(v));
}

TEST(Trainer, SnapshotsAreIndependentUsableCopiesAfterEachEpoch) {
    const Dataset ds = test::syntheticDataset(300, 6, 3);
    struct Snapshots : TrainingObserver {
        bool wantsSnapshots() const override { return true; }
        void onSnapshot(std::shared_ptr<const Model> model) override { models.push_back(model); }
        std::vector<std::shared_ptr<const Model>> models;
    } observer;
    auto model = createModel("bridgelc");
    const FitResult fit = model->fit(TrainingData{ds, test::rowRange(0, 300), {}}, quick(3), observer);
    ASSERT_EQ(fit.status, RunStatus::Completed);
    ASSERT_EQ(observer.models.size(), 3u);
    const auto first = observer.models[0]->predictProba(ds.row(0), &ds.lon[0], &ds.lat[0], 20);
    EXPECT_NE(first, observer.models[2]->predictProba(ds.row(0), &ds.lon[0], &ds.lat[0], 20));
    // The last snapshot holds the final weights (no validation: the last epoch is the best).
    EXPECT_EQ(observer.models[2]->predictProba(ds.row(0), &ds.lon[0], &ds.lat[0], 20),
              model->predictProba(ds.row(0), &ds.lon[0], &ds.lat[0], 20));
}

TEST(Trainer, TooLittleDataFailsWithAMessage) {
    const Dataset ds = test::syntheticDataset(10, 4, 2);
    TrainingObserver quiet;
    auto model = createModel("mlp");
    const FitResult fit = model->fit(TrainingData{ds, {3}, {}}, quick(1), quiet);
    EXPECT_EQ(fit.status, RunStatus::Failed);
    EXPECT_NE(fit.message.find("at least 2 points"), std::string::npos) << fit.message;
    EXPECT_FALSE(model->isTrained());
}

}  // namespace
}  // namespace bridgelc
