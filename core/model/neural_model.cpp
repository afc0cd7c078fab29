#include "core/model/neural_model.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>

#include "core/geo/regions.h"
#include "core/nn/folded_classifier.h"
#include "core/nn/positional_encoding.h"
#include "core/nn/torch_modules.h"
#include "core/train/class_weights.h"
#include "core/train/torch_trainer.h"

namespace bridgelc {

struct NeuralModel::Impl {
    LandCoverNet net{nullptr};

    /// The inference form of `net`, built on first use after the weights last changed. predictProba is const
    /// and may run on several threads at once, hence the lock.
    std::shared_ptr<const FoldedClassifier> classifier() {
        std::lock_guard<std::mutex> lock(mutex);
        if (!folded) folded = std::make_shared<const FoldedClassifier>(net);
        return folded;
    }
    void weightsChanged() {
        std::lock_guard<std::mutex> lock(mutex);
        folded.reset();
    }

private:
    std::mutex mutex;
    std::shared_ptr<const FoldedClassifier> folded;
};

namespace {

constexpr std::size_t kPredictChunk = 16384;
/// TabM's default dropout (Gorishniy et al. 2025); 0.5 on top of 32 averaged members over-regularises.
constexpr double kTabmDropout = 0.1;
/// Learned frequencies per feature of the numeric embeddings: the defaults of Gorishniy et al.'s reference
/// implementation (rtdl_num_embeddings.PeriodicEmbeddings), not tuned values.
constexpr std::int64_t kNumericFrequencies = 48;

nlohmann::json shapeToJson(const NetworkShape& shape) {
    nlohmann::json json = {{"inputs", shape.features}, {"classes", shape.classes},
                           {"regions", shape.regions}, {"location", locationInputName(shape.location)},
                           {"hidden", shape.hidden},   {"layers", shape.layers},
                           {"dropout", shape.dropout}};
    if (shape.adversarial) json["adversarial"] = true;
    if (shape.members > 0) json["members"] = shape.members;  // absent in every other network, as before
    if (shape.numericWidth > 0) {
        json["numericWidth"] = shape.numericWidth;
        json["numericFrequencies"] = shape.numericFrequencies;
    }
    return json;
}

NetworkShape shapeFromJson(const nlohmann::json& json) {
    NetworkShape shape;
    try {
        shape.features = json.at("inputs").get<std::int64_t>();
        shape.classes = json.at("classes").get<std::int64_t>();
        shape.regions = json.at("regions").get<std::int64_t>();
        shape.location = locationInputFromName(json.at("location").get<std::string>());
        shape.hidden = json.value("hidden", shape.hidden);
        shape.layers = json.value("layers", shape.layers);
        shape.dropout = json.value("dropout", shape.dropout);
        shape.adversarial = json.value("adversarial", false);
        shape.members = json.value("members", std::int64_t{0});
        shape.numericWidth = json.value("numericWidth", std::int64_t{0});
        shape.numericFrequencies = json.value("numericFrequencies", std::int64_t{0});
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("network shape: ") + error.what());
    }
    if (shape.features <= 0 || shape.classes <= 0 || shape.regions < 0 || shape.layers < 1 ||
        shape.hidden < 1 || shape.members < 0 || shape.members > 1024 || shape.numericWidth < 0 ||
        shape.numericWidth > 1024 ||
        (shape.numericWidth > 0 && (shape.numericFrequencies < 1 || shape.numericFrequencies > 1024)))
        throw std::runtime_error("network shape: sizes out of range");
    return shape;
}

/// The unscaled input row of a point: its features, plus lon/lat when the model takes them as columns.
void rawInputs(const float* features, std::size_t d, double lon, double lat, LocationInput location,
               float* out) {
    std::memcpy(out, features, d * sizeof(float));
    if (location == LocationInput::LatLon) {
        out[d] = static_cast<float>(lon);
        out[d + 1] = static_cast<float>(lat);
    }
}

}  // namespace

NeuralModel::NeuralModel(const ModelInfo& info, NeuralVariant variant)
    : Model(info), m_variant(variant), m_impl(std::make_unique<Impl>()) {}

NeuralModel::~NeuralModel() = default;

void NeuralModel::rebuild() {
    m_impl->net = LandCoverNet(shapeFromJson(m_meta.network));
    m_impl->net->eval();
    m_impl->weightsChanged();
}

std::size_t NeuralModel::parameterCount() const {
    if (!m_impl->net) return 0;
    std::size_t count = 0;
    for (const torch::Tensor& p : m_impl->net->parameters())
        count += static_cast<std::size_t>(p.numel());
    return count;
}

FitResult NeuralModel::fit(const TrainingData& data, const TrainingSettings& requested,
                           TrainingObserver& observer) {
    // The settings the fit really uses (the model's own location dropout where none was asked), saved so.
    TrainingSettings settings = requested;
    if (settings.locationDropout == 0.0) settings.locationDropout = m_variant.locationDropout;
    if (settings.adversarialWeight == 0.0) settings.adversarialWeight = m_variant.adversarialWeight;
    FitResult result;
    m_trained = false;
    try {
        const Dataset& ds = data.dataset;
        const std::size_t d = ds.featureCount();
        const std::int64_t classes = static_cast<std::int64_t>(ds.classNames.size());
        if (d == 0) throw std::runtime_error("the dataset has no feature columns");
        if (classes < 2) throw std::runtime_error("training needs at least 2 classes");
        observer.onPhase("scaling");

        // Rows the model can learn from: a known class, and a known region where the region head needs one.
        std::vector<std::int64_t> train;
        std::size_t noRegion = 0;
        for (std::int64_t row : data.train) {
            if (ds.label[row] < 0 || ds.label[row] >= classes) continue;
            if (m_variant.regionBranch && ds.region[row] < 0) {
                ++noRegion;
                continue;
            }
            train.push_back(row);
        }
        if (noRegion)
            observer.onMessage(
                fmt::format("{} training points outside every biogeographical region were left out "
                            "(the region head needs a region)",
                            noRegion));
        std::vector<std::int64_t> validation;
        for (std::int64_t row : data.validation)
            if (ds.label[row] >= 0 && ds.label[row] < classes) validation.push_back(row);

        // Region head: the regions present in training, in biogeographicalRegions() order.
        std::map<int, int> regionHead;
        m_meta.regionIds.clear();
        m_meta.regionNames.clear();
        if (m_variant.regionBranch) {
            for (std::int64_t row : train)
                regionHead[ds.region[row]] = 0;
            int next = 0;
            for (auto& [id, head] : regionHead) {
                head = next++;
                m_meta.regionIds.push_back(id);
                const auto& regions = biogeographicalRegions();
                m_meta.regionNames.push_back(
                    id < static_cast<int>(regions.size()) ? regions[id].name : fmt::format("region {}", id));
            }
        }

        NetworkShape shape;
        shape.location = m_variant.location;
        shape.features = static_cast<std::int64_t>(d + (m_variant.location == LocationInput::LatLon ? 2 : 0));
        shape.classes = classes;
        shape.regions = m_variant.regionBranch ? static_cast<std::int64_t>(regionHead.size()) : 0;
        shape.hidden = settings.hidden;
        shape.layers = settings.layers;
        shape.dropout = settings.dropout;
        shape.adversarial = shape.regions > 0 && settings.adversarialWeight > 0;
        if (m_variant.members > 0) {
            shape.members = m_variant.members;
            shape.dropout = kTabmDropout;
        }
        if (m_variant.numericWidth > 0) {
            shape.numericWidth = m_variant.numericWidth;
            shape.numericFrequencies = kNumericFrequencies;
        }

        // For lat-lon the scaler has two more columns (lon, lat) than there are feature names.
        m_meta.featureNames = ds.featureNames;
        m_meta.classNames = ds.classNames;
        m_meta.settings = settings;
        m_meta.network = shapeToJson(shape);

        // Raw training inputs in one block, so scaling statistics come from training rows only.
        const std::size_t dIn = static_cast<std::size_t>(shape.features);
        auto gather = [&](const std::vector<std::int64_t>& rows) {
            std::vector<float> raw(rows.size() * dIn);
            for (std::size_t i = 0; i < rows.size(); ++i)
                rawInputs(ds.row(rows[i]), d, ds.lon[rows[i]], ds.lat[rows[i]], shape.location,
                          &raw[i * dIn]);
            return raw;
        };
        const std::vector<float> trainRaw = gather(train);
        std::vector<std::int64_t> identity(train.size());
        for (std::size_t i = 0; i < identity.size(); ++i)
            identity[i] = static_cast<std::int64_t>(i);
        m_meta.scaler = FeatureScaler::fit(trainRaw.data(), dIn, identity, settings.scaling);
        if (m_meta.scaler.missingCount())
            observer.onMessage(
                fmt::format("{} missing feature values in the training points were imputed with the "
                            "training mean",
                            m_meta.scaler.missingCount()));

        auto tensors = [&](const std::vector<std::int64_t>& rows, const std::vector<float>& raw) {
            TensorData t;
            const std::int64_t n = static_cast<std::int64_t>(rows.size());
            t.features = torch::empty({n, shape.features}, torch::kFloat);
            m_meta.scaler.transform(raw.data(), rows.size(), t.features.data_ptr<float>());
            if (shape.usesEncoding()) {
                t.encoding =
                    torch::empty({n, static_cast<std::int64_t>(kPositionalEncodingDims)}, torch::kFloat);
                std::vector<double> lon(rows.size()), lat(rows.size());
                for (std::size_t i = 0; i < rows.size(); ++i) {
                    lon[i] = ds.lon[rows[i]];
                    lat[i] = ds.lat[rows[i]];
                }
                fixedPositionalEncoding(lon.data(), lat.data(), rows.size(), t.encoding.data_ptr<float>());
            }
            t.labels = torch::empty({n}, torch::kLong);
            std::int64_t* y = t.labels.data_ptr<std::int64_t>();
            for (std::size_t i = 0; i < rows.size(); ++i)
                y[i] = ds.label[rows[i]];
            if (settings.locationDropout > 0 && shape.location != LocationInput::None) {
                t.locationGroups = torch::empty({n}, torch::kLong);
                std::int64_t* g = t.locationGroups.data_ptr<std::int64_t>();
                for (std::size_t i = 0; i < rows.size(); ++i)
                    g[i] = ds.region[rows[i]];
            }
            if (shape.regions > 0) {
                t.regions = torch::empty({n}, torch::kLong);
                std::int64_t* r = t.regions.data_ptr<std::int64_t>();
                for (std::size_t i = 0; i < rows.size(); ++i) {
                    auto it = regionHead.find(ds.region[rows[i]]);
                    r[i] = it == regionHead.end()
                               ? 0
                               : it->second;  // only validation rows can miss; unused there
                }
            }
            return t;
        };
        const TensorData trainTensors = tensors(train, trainRaw);
        const TensorData validationTensors = tensors(validation, gather(validation));

        std::vector<int> trainLabels;
        trainLabels.reserve(train.size());
        for (std::int64_t row : train)
            trainLabels.push_back(ds.label[row]);
        const std::vector<double> weights =
            classWeights(trainLabels, static_cast<std::size_t>(classes), settings.classWeighting);

        // One seed fixes the initial weights, every permutation and every dropout mask.
        torch::manual_seed(settings.seed);
        rebuild();
        TorchTrainer trainer(settings, observer);
        bool hasWeights = false;
        std::function<void()> snapshot;
        if (observer.wantsSnapshots())
            snapshot = [this, &observer] {
                m_trained = true;  // a finished epoch's weights are usable
                observer.onSnapshot(clone());
                m_trained = false;
            };
        result = trainer.train(m_impl->net, trainTensors, validationTensors, weights, m_variant.contrastive,
                               hasWeights, snapshot);
        m_impl->weightsChanged();
        m_trained = hasWeights;
    } catch (const c10::Error& error) {
        result.status = RunStatus::Failed;
        result.message = std::string("LibTorch: ") + error.what_without_backtrace();
        m_trained = false;
    } catch (const std::exception& error) {
        result.status = RunStatus::Failed;
        result.message = error.what();
        m_trained = false;
    }
    return result;
}

namespace {

/// Scaled inputs (length x shape.features) and, for networks with an encoding, the fixed encoding
/// (length x 128) of rows [start, start + length) of raw arrays, as the network reads them.
void writeNetworkInputs(const FeatureScaler& scaler, const NetworkShape& shape, std::size_t d,
                        const float* features, const double* lon, const double* lat, std::size_t start,
                        std::size_t length, float* x, float* encoding) {
    if (shape.location == LocationInput::LatLon) {
        const std::size_t dIn = static_cast<std::size_t>(shape.features);
        std::vector<float> raw(length * dIn);
        for (std::size_t i = 0; i < length; ++i)
            rawInputs(features + (start + i) * d, d, lon[start + i], lat[start + i], shape.location,
                      &raw[i * dIn]);
        scaler.transform(raw.data(), length, x);
    } else {
        scaler.transform(features + start * d, length, x);
    }
    if (shape.usesEncoding()) fixedPositionalEncoding(lon + start, lat + start, length, encoding);
}

/// The same as tensors.
std::pair<torch::Tensor, torch::Tensor> networkInputs(const FeatureScaler& scaler, const NetworkShape& shape,
                                                      std::size_t d, const float* features, const double* lon,
                                                      const double* lat, std::size_t start,
                                                      std::size_t length) {
    const std::int64_t rows = static_cast<std::int64_t>(length);
    torch::Tensor x = torch::empty({rows, shape.features}, torch::kFloat), encoding;
    if (shape.usesEncoding())
        encoding = torch::empty({rows, static_cast<std::int64_t>(kPositionalEncodingDims)}, torch::kFloat);
    writeNetworkInputs(scaler, shape, d, features, lon, lat, start, length, x.data_ptr<float>(),
                       encoding.defined() ? encoding.data_ptr<float>() : nullptr);
    return {x, encoding};
}

}  // namespace

std::vector<float> NeuralModel::predictProba(const float* features, const double* lon, const double* lat,
                                             std::size_t n) const {
    requireTrained();
    const NetworkShape& shape = m_impl->net->shape;
    const std::size_t classes = static_cast<std::size_t>(shape.classes);
    std::vector<float> probabilities(n * classes);
    if (m_impl->net->tabm || m_impl->net->numeric) {
        // The folded classifier knows plain linear inputs only; an ensemble or embedded features run through
        // LibTorch.
        c10::InferenceMode inference;
        for (std::size_t start = 0; start < n; start += kPredictChunk) {
            const std::size_t length = std::min(kPredictChunk, n - start);
            const auto [x, encoding] =
                networkInputs(m_meta.scaler, shape, featureCount(), features, lon, lat, start, length);
            const torch::Tensor p = torch::softmax(m_impl->net->classify(x, encoding), 1).contiguous();
            std::memcpy(probabilities.data() + start * classes, p.data_ptr<float>(),
                        length * classes * sizeof(float));
        }
        return probabilities;
    }
    const std::shared_ptr<const FoldedClassifier> classifier = m_impl->classifier();
    c10::InferenceMode inference;
    FoldedClassifier::Workspace workspace(shape);
    // Inputs are prepared one classifier block at a time, into the same buffers, so that they too stay in
    // cache.
    constexpr std::size_t chunk = static_cast<std::size_t>(FoldedClassifier::kBlockRows);
    std::vector<float> x(chunk * static_cast<std::size_t>(shape.features));
    std::vector<float> encoding(shape.usesEncoding() ? chunk * kPositionalEncodingDims : 0);
    for (std::size_t start = 0; start < n; start += chunk) {
        const std::size_t length = std::min(chunk, n - start);
        writeNetworkInputs(m_meta.scaler, shape, featureCount(), features, lon, lat, start, length, x.data(),
                           encoding.data());
        classifier->probabilities(x.data(), encoding.empty() ? nullptr : encoding.data(),
                                  static_cast<std::int64_t>(length), probabilities.data() + start * classes,
                                  workspace);
    }
    return probabilities;
}

std::vector<float> NeuralModel::embeddings(const float* features, const double* lon, const double* lat,
                                           std::size_t n, bool specific) const {
    requireTrained();
    LandCoverNet& net = m_impl->net;
    if ((specific && !net->specific) || !net->invariant) return {};
    const std::size_t width = static_cast<std::size_t>(net->shape.hidden);
    std::vector<float> out(n * width);
    c10::InferenceMode inference;
    for (std::size_t start = 0; start < n; start += kPredictChunk) {
        const std::size_t length = std::min(kPredictChunk, n - start);
        const auto [x, encoding] =
            networkInputs(m_meta.scaler, net->shape, featureCount(), features, lon, lat, start, length);
        const torch::Tensor input = net->branchInput(x, encoding);
        const torch::Tensor h =
            (specific ? net->specific->forward(input) : net->invariant->forward(input)).contiguous();
        std::memcpy(out.data() + start * width, h.data_ptr<float>(), length * width * sizeof(float));
    }
    return out;
}

std::shared_ptr<NeuralModel> NeuralModel::clone() const {
    requireTrained();
    auto copy = std::make_shared<NeuralModel>(info(), m_variant);
    copy->m_meta = m_meta;
    copy->rebuild();
    torch::NoGradGuard noGrad;
    const auto from = m_impl->net->parameters(), to = copy->m_impl->net->parameters();
    for (std::size_t i = 0; i < from.size(); ++i)
        to[i].copy_(from[i]);
    const auto fromBuffers = m_impl->net->buffers(), toBuffers = copy->m_impl->net->buffers();
    for (std::size_t i = 0; i < fromBuffers.size(); ++i)
        toBuffers[i].copy_(fromBuffers[i]);
    copy->m_trained = true;
    return copy;
}

std::vector<float> NeuralModel::positionalEncoding(const double* lon, const double* lat,
                                                   std::size_t n) const {
    if (!m_impl->net || !m_impl->net->shape.usesEncoding()) return {};
    std::vector<float> out(n * kPositionalEncodingDims);
    fixedPositionalEncoding(lon, lat, n, out.data());
    if (m_impl->net->shape.location != LocationInput::LearnedEncoding) return out;
    requireTrained();
    c10::InferenceMode inference;
    const torch::Tensor fixed = torch::from_blob(
        out.data(), {static_cast<std::int64_t>(n), static_cast<std::int64_t>(kPositionalEncodingDims)},
        torch::kFloat);
    const torch::Tensor learned = m_impl->net->positional->forward(fixed).contiguous();
    std::vector<float> result(learned.data_ptr<float>(), learned.data_ptr<float>() + learned.numel());
    return result;
}

void NeuralModel::saveWeights(std::ostream& out) const {
    requireTrained();
    torch::serialize::OutputArchive archive;
    m_impl->net->save(archive);
    archive.save_to(out);
}

void NeuralModel::loadWeights(std::istream& in) {
    if (!m_impl->net) throw std::runtime_error("weights loaded before the model metadata");
    // LibTorch's load replaces tensors whatever their shape, so shapes are checked against the metadata's.
    std::vector<std::pair<std::string, std::vector<std::int64_t>>> expected;
    for (const auto& item : m_impl->net->named_parameters())
        expected.emplace_back(item.key(), item.value().sizes().vec());
    for (const auto& item : m_impl->net->named_buffers())
        expected.emplace_back(item.key(), item.value().sizes().vec());
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(in);
        m_impl->net->load(archive);
    } catch (const c10::Error& error) {
        m_trained = false;
        rebuild();
        throw std::runtime_error(std::string("LibTorch could not read the weights: ") +
                                 error.what_without_backtrace());
    }
    std::size_t i = 0;
    auto check = [&](const std::string& key, const torch::Tensor& tensor) {
        if (tensor.sizes().vec() != expected[i].second) {
            const std::string message =
                fmt::format("weights of '{}' have shape [{}], the model metadata says [{}]", key,
                            fmt::join(tensor.sizes().vec(), ", "), fmt::join(expected[i].second, ", "));
            m_trained = false;
            rebuild();
            throw std::runtime_error(message);
        }
        ++i;
    };
    for (const auto& item : m_impl->net->named_parameters())
        check(item.key(), item.value());
    for (const auto& item : m_impl->net->named_buffers())
        check(item.key(), item.value());
    m_impl->net->eval();
    m_impl->weightsChanged();
    m_trained = true;
}

}  // namespace bridgelc
