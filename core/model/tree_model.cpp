#include "core/model/tree_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <istream>
#include <limits>
#include <ostream>
#include <stdexcept>

#include "core/eval/metrics.h"
#include "core/model/xgboost_booster.h"
#include "core/model/xgboost_tree_check.h"

namespace bridgelc {

struct TreeModel::Impl {
    std::vector<std::unique_ptr<XgbBooster>> boosters;
    std::vector<int> trees;  ///< trees in each booster: the weight of its probabilities
    std::size_t nodes = 0;
    bool nodesCounted = false;  ///< counting serialises every booster: done when first asked, not in fit()
};

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kPredictChunk = 65536;
constexpr int kForestBlocks = 10;
// Histogram bins of the forest's features. XGBoost grows one tree per class (8 per forest tree at level 1),
// each unlimited tree expands ~1,900 nodes, and each node costs a histogram of every feature x bin: at the
// default 256 bins that, not the rows, is most of the fit. Growing the 130-tree forest on the real table's
// EXTRAP split (one thread, CPU seconds): 67 s at 256 bins, 26 s at 64, 20 s at 32, test weighted F1 89.26,
// 89.20, 89.19 (scikit-learn: 31.5 s, 89.07).
constexpr int kForestBins = kRandomForestBins;
// The forest's per-block training loss and accuracy come from at most this many training rows: predicting
// all 49,000 training rows after every block through the deep trees took 9 s, almost half the 20 s of
// growing them at 32 bins.
constexpr std::size_t kForestProgressRows = 4096;

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

double logLoss(const std::vector<float>& probabilities, const std::vector<float>& labels,
               std::size_t classes) {
    if (labels.empty()) return 0;
    double sum = 0;
    for (std::size_t i = 0; i < labels.size(); ++i)
        sum -= std::log(
            std::max(1e-15, static_cast<double>(probabilities[i * classes + static_cast<int>(labels[i])])));
    return sum / static_cast<double>(labels.size());
}

Metrics scores(const std::vector<float>& probabilities, const std::vector<float>& labels,
               std::size_t classes) {
    ConfusionMatrix confusion(classes);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const float* p = &probabilities[i * classes];
        confusion.add(static_cast<int>(labels[i]), static_cast<int>(std::max_element(p, p + classes) - p));
    }
    return computeMetrics(confusion);
}

std::size_t countNodes(const std::string& json) {
    try {
        const nlohmann::json model = nlohmann::json::parse(json);
        std::size_t nodes = 0;
        for (const auto& tree : model.at("learner").at("gradient_booster").at("model").at("trees"))
            nodes += tree.at("left_children").size();
        return nodes;
    } catch (const std::exception&) {
        return 0;
    }
}

/// Parameters both kinds share.
void commonParams(XgbBooster& booster, const TrainingSettings& settings, std::size_t classes, int seed) {
    booster.setParam("booster", "gbtree");
    booster.setParam("objective", "multi:softprob");
    booster.setParam("num_class", std::to_string(classes));
    booster.setParam("tree_method", "hist");
    booster.setParam("eval_metric", "mlogloss");
    booster.setParam("nthread", std::to_string(std::max(1, settings.threads)));
    booster.setParam("seed", std::to_string(seed));
    booster.setParam("verbosity", "0");
}

}  // namespace

TreeModel::TreeModel(const ModelInfo& info, Kind kind)
    : Model(info), m_kind(kind), m_impl(std::make_unique<Impl>()) {}

TreeModel::~TreeModel() = default;

void TreeModel::rebuild() {
    m_impl->boosters.clear();
    m_impl->trees = m_meta.network.value("boosterTrees", std::vector<int>());
    m_impl->nodes = 0;
    m_impl->nodesCounted = false;
}

std::size_t TreeModel::parameterCount() const {
    if (!m_impl->nodesCounted) {
        m_impl->nodes = 0;
        for (const auto& booster : m_impl->boosters)
            m_impl->nodes += countNodes(booster->save());
        m_impl->nodesCounted = true;
    }
    return m_impl->nodes;
}

std::vector<double> TreeModel::totalGain() const {
    std::vector<double> gain(featureCount(), 0.0);
    for (const auto& booster : m_impl->boosters) {
        const std::vector<double> part = booster->totalGain(featureCount());
        for (std::size_t j = 0; j < gain.size(); ++j)
            gain[j] += part[j];
    }
    return gain;
}

FitResult TreeModel::fit(const TrainingData& data, const TrainingSettings& settings,
                         TrainingObserver& observer) {
    FitResult result;
    const auto start = Clock::now();
    m_trained = false;
    try {
        const Dataset& ds = data.dataset;
        const std::size_t d = ds.featureCount(), classes = ds.classNames.size();
        if (d == 0) throw std::runtime_error("the dataset has no feature columns");
        if (classes < 2) throw std::runtime_error("training needs at least 2 classes");
        auto gather = [&](const std::vector<std::int64_t>& rows, std::vector<float>& x,
                          std::vector<float>& y) {
            for (std::int64_t row : rows) {
                if (ds.label[row] < 0 || ds.label[row] >= static_cast<int>(classes)) continue;
                x.insert(x.end(), ds.row(row), ds.row(row) + d);
                y.push_back(static_cast<float>(ds.label[row]));
            }
        };
        std::vector<float> xTrain, yTrain, xVal, yVal;
        gather(data.train, xTrain, yTrain);
        gather(data.validation, xVal, yVal);
        if (yTrain.size() < 2) throw std::runtime_error("training needs at least 2 points");
        const std::size_t missing =
            std::count_if(xTrain.begin(), xTrain.end(), [](float v) { return std::isnan(v); });
        if (missing)
            observer.onMessage(
                fmt::format("{} missing feature values in the training points are left to the trees' "
                            "learned default branches",
                            missing));

        m_meta = ModelMetadata();
        m_meta.featureNames = ds.featureNames;
        m_meta.classNames = ds.classNames;
        m_meta.settings = settings;
        m_impl->boosters.clear();
        m_impl->trees.clear();

        const XgbMatrix train(xTrain.data(), yTrain.size(), d, &yTrain);
        std::unique_ptr<XgbMatrix> validation;
        if (!yVal.empty()) validation = std::make_unique<XgbMatrix>(xVal.data(), yVal.size(), d, &yVal);
        const int seed = static_cast<int>(settings.seed % 1000003);
        observer.onPhase("training");

        if (m_kind == Kind::RandomForest) {
            const int total = std::max(1, settings.trees);
            const int blocks = std::min(kForestBlocks, total);
            // Evenly spread training rows for the progress report (all of them when few).
            const std::size_t stride = (yTrain.size() + kForestProgressRows - 1) / kForestProgressRows;
            std::vector<float> xProgress, yProgress;
            for (std::size_t i = 0; i < yTrain.size(); i += stride) {
                xProgress.insert(xProgress.end(), &xTrain[i * d], &xTrain[i * d] + d);
                yProgress.push_back(yTrain[i]);
            }
            const XgbMatrix progressRows(xProgress.data(), yProgress.size(), d);
            std::vector<float> trainSum(yProgress.size() * classes, 0.f), valSum(yVal.size() * classes, 0.f);
            int grown = 0, bestBlockTrees = 0;
            double bestBlockF1 = -1;
            const double hessian =
                2.0 / classes * (1.0 - 1.0 / classes);  // softmax hessian at the uniform start
            for (int k = 0; k < blocks; ++k) {
                if (observer.isCancelled()) {
                    result.status = RunStatus::Stopped;
                    result.message = fmt::format("stopped by the user after {} of {} trees", grown, total);
                    break;
                }
                const auto blockStart = Clock::now();
                const int trees = total / blocks + (k < total % blocks ? 1 : 0);
                auto booster = std::make_unique<XgbBooster>(std::vector<const XgbMatrix*>{&train});
                commonParams(*booster, settings, classes, seed * kForestBlocks + k);
                booster->setParam("eta", "1");
                booster->setParam("lambda", "0");
                booster->setParam("num_parallel_tree", std::to_string(trees));
                booster->setParam("subsample", fmt::format("{}", kRandomForestRowShare));
                booster->setParam("colsample_bynode", fmt::format("{}", std::sqrt(double(d)) / double(d)));
                booster->setParam("min_child_weight", fmt::format("{}", 2.0 * hessian));
                booster->setParam("max_bin", std::to_string(kForestBins));
                if (settings.treeMaxDepth > 0) {
                    booster->setParam("max_depth", std::to_string(settings.treeMaxDepth));
                } else {
                    booster->setParam("grow_policy", "lossguide");
                    booster->setParam("max_depth", "0");
                    booster->setParam("max_leaves", "0");
                }
                booster->updateOneIter(0, train);
                auto accumulate = [&](const XgbMatrix& m, std::vector<float>& sum) {
                    const std::vector<float> p = booster->predict(m);
                    for (std::size_t i = 0; i < sum.size(); ++i)
                        sum[i] += trees * p[i];
                };
                accumulate(progressRows, trainSum);
                if (validation) accumulate(*validation, valSum);
                grown += trees;
                m_impl->boosters.push_back(std::move(booster));
                m_impl->trees.push_back(trees);

                EpochReport report;
                report.unit = IterationUnit::Tree;
                report.epoch = grown;
                report.epochs = total;
                std::vector<float> trainP(trainSum), valP(valSum);
                for (float& v : trainP)
                    v /= grown;
                for (float& v : valP)
                    v /= grown;
                report.trainLoss = report.landCoverLoss = logLoss(trainP, yProgress, classes);
                report.trainAccuracy = scores(trainP, yProgress, classes).overallAccuracy;
                if (validation) {
                    const Metrics m = scores(valP, yVal, classes);
                    report.validationLoss = report.validationTotalLoss = logLoss(valP, yVal, classes);
                    report.validationAccuracy = m.overallAccuracy;
                    report.validationMacroF1 = m.macroF1;
                    report.validationWeightedF1 = m.weightedF1;
                    if (m.weightedF1 > bestBlockF1) {
                        bestBlockF1 = m.weightedF1;
                        bestBlockTrees = grown;
                    }
                }
                report.samplesPerSecond = yTrain.size() / std::max(1e-9, secondsSince(blockStart));
                report.elapsedSeconds = secondsSince(start);
                // The forest keeps every tree grown (see below), so every block is the kept model so far.
                report.improved = true;
                result.history.push_back(report);
                result.bestEpoch = grown;
                observer.onEpoch(report);
                observer.onProgress(grown, total);
            }
            // A forest is not cut back to the block count that happened to score highest on validation:
            // more trees only lower the variance, and the differences between blocks are noise of the
            // validation sample. Say so, with the kept forest's own score.
            if (grown > 0 && validation) {
                const EpochReport& kept = result.history.back();
                std::string note = fmt::format("kept all {} trees grown: validation weighted F1 {:.2f} %",
                                               grown, 100 * kept.validationWeightedF1);
                if (bestBlockTrees != grown)
                    note += fmt::format(" (the forest is not cut back; after {} trees it scored {:.2f} %)",
                                        bestBlockTrees, 100 * bestBlockF1);
                result.message = result.message.empty() ? note : result.message + "; " + note;
            }
        } else {
            std::vector<const XgbMatrix*> cached{&train};
            if (validation) cached.push_back(validation.get());
            auto booster = std::make_unique<XgbBooster>(cached);
            commonParams(*booster, settings, classes, seed);
            booster->setParam("eta", fmt::format("{}", settings.boostingLearningRate));
            booster->setParam("max_depth",
                              std::to_string(settings.treeMaxDepth > 0 ? settings.treeMaxDepth : 6));
            booster->setParam("subsample", "0.8");
            booster->setParam("colsample_bytree", "0.8");
            const int rounds = std::max(1, settings.boostingRounds);
            int best = -1, done = 0;
            double bestLoss = std::numeric_limits<double>::infinity();
            for (int r = 0; r < rounds; ++r) {
                if (observer.isCancelled()) {
                    result.status = RunStatus::Stopped;
                    result.message = fmt::format("stopped by the user after {} of {} rounds", done, rounds);
                    break;
                }
                const auto roundStart = Clock::now();
                booster->updateOneIter(r, train);
                done = r + 1;
                const double trainLoss = booster->evaluate(r, train, "mlogloss");
                const double valLoss = validation ? booster->evaluate(r, *validation, "mlogloss") : trainLoss;
                // Every round is a point of the curve, so the round kept (lowest validation log-loss, as
                // XGBoost's early stopping) is always one of them. Predicting the cached validation matrix
                // adds only the newest round's trees.
                EpochReport report;
                report.unit = IterationUnit::BoostingRound;
                report.epoch = done;
                report.epochs = rounds;
                report.trainLoss = report.landCoverLoss = trainLoss;
                report.learningRate = settings.boostingLearningRate;
                if (validation) {
                    const std::vector<float> p = booster->predict(*validation);
                    const Metrics m = scores(p, yVal, classes);
                    report.validationLoss = report.validationTotalLoss = valLoss;
                    report.validationAccuracy = m.overallAccuracy;
                    report.validationMacroF1 = m.macroF1;
                    report.validationWeightedF1 = m.weightedF1;
                }
                report.improved = valLoss < bestLoss;
                if (report.improved) {
                    bestLoss = valLoss;
                    best = r;
                    result.bestEpoch = done;
                }
                report.samplesPerSecond = yTrain.size() / std::max(1e-9, secondsSince(roundStart));
                report.elapsedSeconds = secondsSince(start);
                result.history.push_back(report);
                observer.onEpoch(report);
                observer.onProgress(done, rounds);
                if (validation && settings.earlyStopping &&
                    r - best >= std::max(1, settings.boostingEarlyStoppingRounds)) {
                    result.message = fmt::format(
                        "stopped early after {} rounds: validation log-loss did not improve for {} rounds",
                        done, settings.boostingEarlyStoppingRounds);
                    break;
                }
            }
            if (best >= 0) {
                const EpochReport& kept = result.history[static_cast<std::size_t>(best)];
                std::string note = fmt::format("kept {} of {} rounds (lowest validation log-loss {:.4f})",
                                               best + 1, done, bestLoss);
                if (validation)
                    note += fmt::format(": validation weighted F1 {:.2f} %", 100 * kept.validationWeightedF1);
                result.message = result.message.empty() ? note : result.message + "; " + note;
            }
            if (best >= 0) {
                if (best + 1 < booster->boostedRounds()) booster = booster->slice(best + 1);
                m_impl->boosters.push_back(std::move(booster));
                m_impl->trees.push_back(best + 1);
            }
        }
        if (result.status != RunStatus::Stopped) result.status = RunStatus::Completed;
        m_meta.network = {{"kind", m_kind == Kind::RandomForest ? "random-forest" : "gradient-boosting"},
                          {"features", d},
                          {"classes", classes},
                          {"boosterTrees", m_impl->trees}};
        m_impl->nodesCounted = false;
        m_trained = !m_impl->boosters.empty();
        if (!m_trained && result.status == RunStatus::Stopped) result.message += "; there is no model yet";
    } catch (const std::exception& error) {
        result.status = RunStatus::Failed;
        result.message = error.what();
        m_trained = false;
    }
    result.seconds = secondsSince(start);
    return result;
}

std::vector<float> TreeModel::predictProba(const float* features, const double*, const double*,
                                           std::size_t n) const {
    requireTrained();
    const std::size_t d = featureCount(), classes = classCount();
    double total = 0;
    for (int t : m_impl->trees)
        total += t;
    std::vector<float> probabilities(n * classes, 0.f);
    for (std::size_t start = 0; start < n; start += kPredictChunk) {
        const std::size_t length = std::min(kPredictChunk, n - start);
        const XgbMatrix matrix(features + start * d, length, d);
        float* out = probabilities.data() + start * classes;
        for (std::size_t b = 0; b < m_impl->boosters.size(); ++b) {
            const std::vector<float> p = m_impl->boosters[b]->predict(matrix);
            // Boosters read from a file may answer for another number of classes than the metadata names;
            // the checkpoint loader's probe relies on this check to refuse them instead of reading past p.
            if (p.size() != length * classes)
                throw std::runtime_error(fmt::format(
                    "the trees answer with {} values for {} points, expected {} classes per point", p.size(),
                    length, classes));
            const float weight = static_cast<float>(m_impl->trees[b] / total);
            for (std::size_t i = 0; i < length * classes; ++i)
                out[i] += weight * p[i];
        }
    }
    return probabilities;
}

void TreeModel::saveWeights(std::ostream& out) const {
    requireTrained();
    const std::uint32_t count = static_cast<std::uint32_t>(m_impl->boosters.size());
    out.write(reinterpret_cast<const char*>(&count), sizeof count);
    for (const auto& booster : m_impl->boosters) {
        const std::string json = booster->save();
        const std::uint64_t length = json.size();
        out.write(reinterpret_cast<const char*>(&length), sizeof length);
        out.write(json.data(), static_cast<std::streamsize>(json.size()));
    }
}

void TreeModel::loadWeights(std::istream& in) {
    rebuild();
    m_trained = false;
    std::uint32_t count = 0;
    if (!in.read(reinterpret_cast<char*>(&count), sizeof count))
        throw std::runtime_error("tree weights are empty");
    if (count != m_impl->trees.size())
        throw std::runtime_error(fmt::format("the weights hold {} boosters, the model metadata says {}",
                                             count, m_impl->trees.size()));
    const int threads = std::max(1, m_meta.settings.value("threads", 1));
    for (std::uint32_t b = 0; b < count; ++b) {
        std::uint64_t length = 0;
        if (!in.read(reinterpret_cast<char*>(&length), sizeof length))
            throw std::runtime_error(fmt::format("booster {} of {}: unreadable length", b + 1, count));
        // A damaged length must not become an allocation: it can claim no more than the stream still holds.
        const std::streampos here = in.tellg();
        in.seekg(0, std::ios::end);
        const std::uint64_t left = static_cast<std::uint64_t>(in.tellg() - here);
        in.seekg(here);
        if (length > left)
            throw std::runtime_error(fmt::format("booster {} of {} claims {} bytes, only {} are left", b + 1,
                                                 count, length, left));
        std::string json(length, '\0');
        if (!in.read(json.data(), static_cast<std::streamsize>(length)))
            throw std::runtime_error(fmt::format("booster {} of {} is cut short", b + 1, count));
        // XGBoost loads trees whose links loop or point outside them and then never ends a prediction.
        checkXgboostTrees(json, featureCount());
        auto booster = std::make_unique<XgbBooster>();
        booster->load(json);
        booster->setParam("nthread", std::to_string(threads));
        m_impl->nodes += countNodes(json);
        m_impl->nodesCounted = true;
        m_impl->boosters.push_back(std::move(booster));
    }
    m_trained = true;
}

}  // namespace bridgelc
