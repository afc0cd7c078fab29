#include "core/train/torch_trainer.h"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "core/eval/metrics.h"
#include "core/nn/region_location_dropout.h"
#include "core/nn/torch_supcon.h"
#include "core/train/compute_threads.h"
#include "core/train/training_step.h"

namespace bridgelc {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::int64_t kEvaluationChunk = 8192;
constexpr auto kProgressInterval = std::chrono::milliseconds(100);

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Parameters then buffers (BatchNorm running statistics): everything that defines the network's output.
std::vector<torch::Tensor> stateOf(LandCoverNet& net) {
    std::vector<torch::Tensor> state = net->parameters();
    for (const torch::Tensor& buffer : net->buffers())
        state.push_back(buffer);
    return state;
}

void copyState(std::vector<torch::Tensor>& into, const std::vector<torch::Tensor>& from) {
    torch::NoGradGuard noGrad;
    if (into.empty()) {
        for (const torch::Tensor& t : from)
            into.push_back(t.detach().clone());
        return;
    }
    for (std::size_t i = 0; i < from.size(); ++i)
        into[i].copy_(from[i]);
}

void accumulateEma(std::vector<torch::Tensor>& ema, const std::vector<torch::Tensor>& state,
                   double momentum) {
    torch::NoGradGuard noGrad;
    for (std::size_t i = 0; i < state.size(); ++i) {
        if (ema[i].is_floating_point())
            ema[i].mul_(momentum).add_(state[i], 1.0 - momentum);
        else
            ema[i].copy_(state[i]);  // BatchNorm's batch counter
    }
}

}  // namespace

TorchTrainer::TorchTrainer(const TrainingSettings& settings, TrainingObserver& observer)
    : m_settings(settings), m_observer(observer) {}

RegionLocationDropout TorchTrainer::makeLocationDropout(LandCoverNet& net, const TensorData& train) const {
    float lonFill = 0.f, latFill = 0.f;
    const std::int64_t columns = train.features.size(1);
    if (net->shape.location == LocationInput::LatLon && columns >= 2 && train.size() > 0) {
        // Hidden lon/lat read as the training centre rather than as one real corner of the scaled box.
        lonFill = train.features.select(1, columns - 2).mean().item<float>();
        latFill = train.features.select(1, columns - 1).mean().item<float>();
    }
    return RegionLocationDropout(m_settings.locationDropout, m_settings.seed, net->shape.location, lonFill,
                                 latFill);
}

torch::Tensor TorchTrainer::logits(LandCoverNet& net, const TensorData& data) {
    torch::NoGradGuard noGrad;
    net->eval();
    const std::int64_t n = data.size();
    std::vector<torch::Tensor> parts;
    for (std::int64_t start = 0; start < n; start += kEvaluationChunk) {
        const std::int64_t length = std::min(kEvaluationChunk, n - start);
        const torch::Tensor encoding =
            data.encoding.defined() ? data.encoding.narrow(0, start, length) : torch::Tensor();
        parts.push_back(net->classify(data.features.narrow(0, start, length), encoding));
    }
    return parts.empty() ? torch::empty({0, net->shape.classes}) : torch::cat(parts, 0);
}

TensorData TorchTrainer::shuffled(const TensorData& data, std::uint64_t seed) {
    std::vector<std::int64_t> order(static_cast<std::size_t>(data.size()));
    std::iota(order.begin(), order.end(), std::int64_t{0});
    std::mt19937_64 random(seed);
    std::shuffle(order.begin(), order.end(), random);
    const torch::Tensor index = torch::tensor(order, torch::kLong);
    TensorData out;
    auto pick = [&index](const torch::Tensor& t) { return t.defined() ? t.index_select(0, index) : t; };
    out.features = pick(data.features);
    out.encoding = pick(data.encoding);
    out.labels = pick(data.labels);
    out.regions = pick(data.regions);
    out.locationGroups = pick(data.locationGroups);
    return out;
}

TorchTrainer::Evaluation TorchTrainer::evaluate(LandCoverNet& net, const TensorData& data,
                                                const torch::Tensor& weights, bool terms, bool contrastive,
                                                std::int64_t batch) const {
    Evaluation evaluation;
    torch::Tensor out;
    if (!terms) {
        out = logits(net, data);
    } else {
        // The training loss on validation rows. What differs from the training side: eval mode (no dropout,
        // BatchNorm running statistics), the weights of the end of the epoch rather than the moving weights
        // during it, cross-entropies over all rows at once rather than averaged per batch, and every row
        // counted (training drops the last partial batch). Validation rows outside every region the region
        // head knows arrive with head region 0 (NeuralModel maps them so), which slightly inflates the region
        // term. SupCon depends on the batch size, so it is averaged over batches of the training size.
        torch::NoGradGuard noGrad;
        net->eval();
        const std::int64_t n = data.size();
        const std::int64_t chunk = std::max<std::int64_t>(1, kEvaluationChunk / batch) * batch;
        std::vector<torch::Tensor> logitParts, regionParts;
        double contrastiveSum = 0;
        int contrastiveBatches = 0;
        for (std::int64_t start = 0; start < n; start += chunk) {
            const std::int64_t length = std::min(chunk, n - start);
            const torch::Tensor encoding =
                data.encoding.defined() ? data.encoding.narrow(0, start, length) : torch::Tensor();
            const NetworkOutput o = net->forward(data.features.narrow(0, start, length), encoding);
            logitParts.push_back(o.logits);
            regionParts.push_back(o.regionLogits);
            if (!contrastive) continue;
            // Full batches only, as training; a validation part smaller than one batch is one batch.
            const std::int64_t step = std::min(batch, n);
            for (std::int64_t b = 0; b + step <= length && step >= 2; b += step) {
                const std::int64_t at = start + b;
                contrastiveSum += disentanglementContrastiveLoss(
                                      o.invariant.narrow(0, b, step), o.specific.narrow(0, b, step),
                                      data.labels.narrow(0, at, step), data.regions.narrow(0, at, step),
                                      net->shape.classes, m_settings.contrastiveTemperature)
                                      .item<double>();
                ++contrastiveBatches;
            }
        }
        out = logitParts.empty() ? torch::empty({0, net->shape.classes}) : torch::cat(logitParts, 0);
        if (!regionParts.empty() && regionParts.front().defined())
            evaluation.region =
                weightedCrossEntropy(torch::cat(regionParts, 0), data.regions, torch::Tensor())
                    .item<double>();
        if (contrastiveBatches) evaluation.contrastive = contrastiveSum / contrastiveBatches;
    }
    evaluation.landCover = weightedCrossEntropy(out, data.labels, weights).item<double>();
    evaluation.total =
        m_settings.landCoverWeight * evaluation.landCover + m_settings.regionWeight * evaluation.region +
        (evaluation.contrastive != 0 ? m_settings.contrastiveWeight * evaluation.contrastive : 0);
    const torch::Tensor predicted = out.argmax(1).contiguous();
    const torch::Tensor truth = data.labels.contiguous();
    const std::int64_t* p = predicted.data_ptr<std::int64_t>();
    const std::int64_t* t = truth.data_ptr<std::int64_t>();
    ConfusionMatrix confusion(static_cast<std::size_t>(net->shape.classes));
    for (std::int64_t i = 0; i < data.size(); ++i)
        confusion.add(static_cast<int>(t[i]), static_cast<int>(p[i]));
    const Metrics metrics = computeMetrics(confusion);
    evaluation.accuracy = metrics.overallAccuracy;
    evaluation.macroF1 = metrics.macroF1;
    evaluation.weightedF1 = metrics.weightedF1;
    return evaluation;
}

FitResult TorchTrainer::train(LandCoverNet& net, const TensorData& train, const TensorData& validation,
                              const std::vector<double>& classWeights, bool contrastive, bool& hasWeights,
                              const std::function<void()>& afterEpoch) {
    const auto start = Clock::now();
    FitResult result;
    hasWeights = false;
    const std::int64_t n = train.size();
    if (n < 2) {
        result.message = fmt::format("training needs at least 2 points, got {}", n);
        return result;
    }
    if (m_settings.epochs < 1 || m_settings.batchSize < 1) {
        result.message = fmt::format("epochs ({}) and batch size ({}) must be at least 1", m_settings.epochs,
                                     m_settings.batchSize);
        return result;
    }
    setComputeThreads(m_settings.threads);
    keepFreedMemoryForReuse();
    // BatchNorm needs two rows per batch; a training set smaller than one batch becomes a single batch.
    const std::int64_t batch = std::max<std::int64_t>(2, std::min<std::int64_t>(m_settings.batchSize, n));
    const std::int64_t batches = n / batch;
    const int epochs = m_settings.epochs;
    const bool hasValidation = validation.size() > 0;
    const bool hasRegions = train.regions.defined() && net->specific;
    // The validation terms of the training loss need the validation rows' regions, in a random order.
    const bool validationTerms = hasValidation && hasRegions && validation.regions.defined();
    const bool validationContrastive = validationTerms && contrastive && m_settings.contrastiveWeight != 0.0;
    const TensorData validationRows = validationTerms ? shuffled(validation, m_settings.seed) : validation;

    std::vector<float> weightValues(classWeights.begin(), classWeights.end());
    const torch::Tensor weights = torch::tensor(weightValues, torch::kFloat);
    TrainingStep trainingStep(net, m_settings, weights, contrastive && hasRegions);
    std::vector<torch::Tensor> state = stateOf(net);
    std::vector<torch::Tensor> best, ema;
    double bestScore = -1;
    int sinceImprovement = 0, emaFrom = 0;

    // Batch buffers reused by every step: index_select_out writes into them instead of allocating.
    torch::Tensor xb = torch::empty({batch, train.features.size(1)}, torch::kFloat);
    torch::Tensor eb =
        train.encoding.defined() ? torch::empty({batch, train.encoding.size(1)}) : torch::Tensor();
    torch::Tensor yb = torch::empty({batch}, torch::kLong);
    torch::Tensor rb = hasRegions ? torch::empty({batch}, torch::kLong) : torch::Tensor();
    RegionLocationDropout locationDropout = makeLocationDropout(net, train);
    torch::Tensor gb = locationDropout.active() && train.locationGroups.defined()
                           ? torch::empty({batch}, torch::kLong)
                           : torch::Tensor();

    enum class Ending { Completed, EarlyStop, Cancelled, Diverged } ending = Ending::Completed;
    const std::int64_t totalSteps = static_cast<std::int64_t>(epochs) * batches;
    std::int64_t step = 0;
    auto lastProgress = Clock::now() - kProgressInterval;
    int epoch = 0;
    std::string divergence;
    m_observer.onPhase("training");
    for (; epoch < epochs; ++epoch) {
        const double rate = m_settings.cosineSchedule
                                ? m_settings.learningRate * 0.5 * (1.0 + std::cos(M_PI * epoch / epochs))
                                : m_settings.learningRate;
        trainingStep.setLearningRate(rate);
        net->train();
        const auto epochStart = Clock::now();
        const torch::Tensor permutation = torch::randperm(n, torch::kLong);
        double sumTotal = 0, sumLandCover = 0, sumRegion = 0, sumContrastive = 0;
        std::int64_t correct = 0, seen = 0;
        for (std::int64_t b = 0; b < batches; ++b) {
            if (m_observer.isCancelled()) {
                ending = Ending::Cancelled;
                break;
            }
            const torch::Tensor index = permutation.narrow(0, b * batch, batch);
            torch::index_select_out(xb, train.features, 0, index);
            if (eb.defined()) torch::index_select_out(eb, train.encoding, 0, index);
            torch::index_select_out(yb, train.labels, 0, index);
            if (hasRegions) torch::index_select_out(rb, train.regions, 0, index);
            if (gb.defined()) {
                torch::index_select_out(gb, train.locationGroups, 0, index);
                locationDropout.apply(xb, eb, gb);
            }

            const StepLosses losses = trainingStep.run(xb, eb, yb, rb);
            if (!losses.finite) {
                ending = Ending::Diverged;
                divergence =
                    fmt::format("training diverged in epoch {} (batch {} of {}): the loss became {}",
                                epoch + 1, b + 1, batches, std::isnan(losses.total) ? "NaN" : "infinite");
                break;
            }
            sumTotal += losses.total;
            sumLandCover += losses.landCover;
            sumRegion += losses.region;
            sumContrastive += losses.contrastive;
            correct += losses.correct;
            seen += batch;
            ++step;
            if (Clock::now() - lastProgress >= kProgressInterval) {
                lastProgress = Clock::now();
                m_observer.onProgress(step, totalSteps);
            }
        }
        if (ending != Ending::Completed) break;
        const double trainSeconds = secondsSince(epochStart);

        EpochReport report;
        report.epoch = epoch + 1;
        report.epochs = epochs;
        report.trainLoss = sumTotal / batches;
        report.landCoverLoss = sumLandCover / batches;
        report.regionLoss = sumRegion / batches;
        report.contrastiveLoss = sumContrastive / batches;
        report.trainAccuracy = seen ? static_cast<double>(correct) / seen : 0.0;
        report.learningRate = rate;
        report.samplesPerSecond = trainSeconds > 0 ? seen / trainSeconds : 0.0;
        if (hasValidation) {
            const Evaluation v =
                evaluate(net, validationRows, weights, validationTerms, validationContrastive, batch);
            report.validationLoss = v.landCover;
            report.validationTotalLoss = v.total;
            report.validationRegionLoss = v.region;
            report.validationContrastiveLoss = v.contrastive;
            report.validationAccuracy = v.accuracy;
            report.validationMacroF1 = v.macroF1;
            report.validationWeightedF1 = v.weightedF1;
        }
        // Without validation rows the latest weights are the best we know.
        report.improved = !hasValidation || best.empty() || report.validationWeightedF1 > bestScore;
        if (report.improved) {
            copyState(best, state);
            bestScore = report.validationWeightedF1;
            result.bestEpoch = epoch + 1;
            sinceImprovement = 0;
        } else {
            ++sinceImprovement;
        }
        if (m_settings.emaMomentum > 0 && 2 * epoch >= epochs) {
            if (ema.empty()) {
                copyState(ema, state);
                emaFrom = epoch + 1;
            } else {
                accumulateEma(ema, state, m_settings.emaMomentum);
            }
        }
        report.elapsedSeconds = secondsSince(start);
        result.history.push_back(report);
        m_observer.onEpoch(report);
        if (afterEpoch) afterEpoch();
        if (hasValidation && m_settings.earlyStopping && sinceImprovement >= m_settings.patience) {
            ending = Ending::EarlyStop;
            ++epoch;
            break;
        }
    }
    m_observer.onProgress(step, totalSteps);

    switch (ending) {
        case Ending::Diverged:
            result.status = RunStatus::Failed;
            if (!best.empty()) {
                copyState(state, best);
                hasWeights = true;
                result.message =
                    fmt::format("{}; keeping the weights of epoch {}. Try a lower learning rate (now {}).",
                                divergence, result.bestEpoch, m_settings.learningRate);
            } else {
                result.message = fmt::format(
                    "{}; no epoch completed, so there is no model. Try a lower learning "
                    "rate (now {}).",
                    divergence, m_settings.learningRate);
            }
            break;
        case Ending::Cancelled:
            result.status = RunStatus::Stopped;
            hasWeights = true;
            if (!best.empty()) {
                copyState(state, best);
                result.message =
                    fmt::format("stopped by the user in epoch {}; keeping the weights of epoch {}", epoch + 1,
                                result.bestEpoch);
            } else {
                result.message =
                    "stopped by the user during the first epoch; the model holds partly trained weights";
            }
            break;
        case Ending::EarlyStop:
        case Ending::Completed: {
            result.status = RunStatus::Completed;
            hasWeights = true;
            if (ending == Ending::EarlyStop)
                result.message = fmt::format(
                    "stopped early after epoch {}: validation weighted F1 did not improve for {} epochs",
                    epoch, m_settings.patience);
            if (!ema.empty()) {
                copyState(state, ema);
                result.usedEma = true;
                result.bestEpoch = epoch;
                std::string note = fmt::format(
                    "final weights: exponential moving average (momentum {}) of epochs "
                    "{}-{}",
                    m_settings.emaMomentum, emaFrom, epoch);
                if (hasValidation)
                    note += fmt::format(", validation weighted F1 {:.4f} (best single epoch {:.4f})",
                                        evaluate(net, validation, weights, false, false, batch).weightedF1,
                                        bestScore);
                result.message = result.message.empty() ? note : result.message + "; " + note;
            } else {
                copyState(state, best);
            }
            break;
        }
    }
    net->eval();
    result.seconds = secondsSince(start);
    return result;
}

}  // namespace bridgelc
