#include "core/aoa/aoa_gated_model.h"

#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <stdexcept>

#include "core/aoa/run_applicability.h"
#include "core/split/split.h"

namespace bridgelc {
namespace fs = std::filesystem;
namespace {

constexpr char kLocatedModel[] = "bridgelc";
constexpr char kFreeModel[] = "mlp";
constexpr char kWeightsMagic[8] = {'B', 'L', 'C', 'G', 'A', 'T', 'E', '1'};

/// Passes cancellation, phases and messages on; epochs and snapshots only when `report`.
class PartObserver : public TrainingObserver {
public:
    PartObserver(TrainingObserver& outer, std::string part, bool report)
        : m_outer(outer), m_part(std::move(part)), m_report(report) {}
    void onEpoch(const EpochReport& report) override {
        if (m_report) m_outer.onEpoch(report);
    }
    void onProgress(std::int64_t done, std::int64_t total) override { m_outer.onProgress(done, total); }
    void onPhase(const std::string& phase) override { m_outer.onPhase(m_part + ": " + phase); }
    void onMessage(const std::string& message) override { m_outer.onMessage(m_part + ": " + message); }
    bool isCancelled() const override { return m_outer.isCancelled(); }

private:
    TrainingObserver& m_outer;
    std::string m_part;
    bool m_report;
};

void putBlob(std::ostream& out, const std::string& bytes) {
    const std::uint64_t size = bytes.size();
    out.write(reinterpret_cast<const char*>(&size), sizeof size);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string getBlob(std::istream& in, const char* what) {
    std::uint64_t size = 0;
    if (!in.read(reinterpret_cast<char*>(&size), sizeof size))
        throw std::runtime_error(fmt::format("gated model weights: truncated before the {}", what));
    std::string bytes;
    if (size > (std::uint64_t{1} << 40))
        throw std::runtime_error(fmt::format("gated model weights: the {} is damaged", what));
    bytes.resize(static_cast<std::size_t>(size));
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size)))
        throw std::runtime_error(fmt::format("gated model weights: the {} is truncated", what));
    return bytes;
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// A fresh private directory for the gate's files while they pass through a stream.
fs::path scratchDirectory() {
    std::random_device device;
    const fs::path dir = fs::temp_directory_path() /
                         fmt::format("bridgelc-gate-{:016x}", (std::uint64_t(device()) << 32) ^ device());
    fs::create_directories(dir);
    return dir;
}

struct ScratchDirectory {
    fs::path path = scratchDirectory();
    ~ScratchDirectory() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
};

}  // namespace

AoaGatedModel::AoaGatedModel(const ModelInfo& info)
    : Model(info), m_located(createModel(kLocatedModel)), m_free(createModel(kFreeModel)) {}

AoaGatedModel::~AoaGatedModel() = default;

void AoaGatedModel::rebuild() {
    try {
        m_located = createModel(kLocatedModel);
        m_free = createModel(kFreeModel);
        m_located->setMetadata(m_meta.network.at("locationAware"));
        m_free->setMetadata(m_meta.network.at("locationFree"));
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("gated model: ") + error.what());
    }
    m_gate.reset();
}

void AoaGatedModel::adoptMetadata() {
    const ModelMetadata& located = m_located->meta();
    m_meta.featureNames = located.featureNames;
    m_meta.classNames = located.classNames;
    m_meta.regionIds = located.regionIds;
    m_meta.regionNames = located.regionNames;
    m_meta.scaler = located.scaler;
    m_meta.settings = located.settings;
    m_meta.network = {{"locationAware", m_located->metadata()}, {"locationFree", m_free->metadata()}};
}

std::size_t AoaGatedModel::parameterCount() const {
    return m_located->parameterCount() + m_free->parameterCount();
}

void AoaGatedModel::assemble(std::unique_ptr<Model> locationAware, std::unique_ptr<Model> locationFree,
                             std::shared_ptr<const AreaOfApplicability> gate) {
    if (!locationAware || !locationFree || !gate || !locationAware->isTrained() || !locationFree->isTrained())
        throw std::invalid_argument("gated model: both models must be trained and the gate given");
    if (locationAware->meta().featureNames != locationFree->meta().featureNames ||
        locationAware->meta().classNames != locationFree->meta().classNames ||
        gate->featureNames() != locationAware->meta().featureNames)
        throw std::invalid_argument("gated model: the parts disagree on the features or the classes");
    m_located = std::move(locationAware);
    m_free = std::move(locationFree);
    m_gate = std::move(gate);
    adoptMetadata();
    m_trained = true;
}

FitResult AoaGatedModel::fit(const TrainingData& data, const TrainingSettings& settings,
                             TrainingObserver& observer) {
    m_trained = false;
    m_gate.reset();
    FitResult result;
    auto located = createModel(kLocatedModel);
    auto free = createModel(kFreeModel);
    PartObserver locatedObserver(observer, modelDisplayName(kLocatedModel), true);
    result = located->fit(data, settings, locatedObserver);
    if (result.status != RunStatus::Completed) return result;
    PartObserver freeObserver(observer, modelDisplayName(kFreeModel), false);
    const FitResult freeResult = free->fit(data, settings, freeObserver);
    if (freeResult.status != RunStatus::Completed) {
        FitResult failed = freeResult;
        failed.history = result.history;
        failed.message = modelDisplayName(kFreeModel) + ": " + freeResult.message;
        return failed;
    }
    try {
        observer.onPhase("area of applicability (gate)");
        // Spatial-block folds: inside means no farther from the training data than cross-validation over
        // 100 km blocks tested, which is where the learned location was seen to help.
        Split split;
        split.name = "gate";
        split.scenario = Scenario::Extrap;
        split.train = data.train;
        split.validation = data.validation;
        std::shared_ptr<const AreaOfApplicability> gate =
            buildAreaOfApplicability(*located, data.dataset, split, settings.seed);
        assemble(std::move(located), std::move(free), std::move(gate));
    } catch (const std::exception& error) {
        result.status = RunStatus::Failed;
        result.message = std::string("the gate (area of applicability) could not be built: ") + error.what();
        return result;
    }
    result.seconds += freeResult.seconds;
    const std::string note =
        fmt::format("{} trained too (best epoch {}, {:.0f} s)", modelDisplayName(kFreeModel),
                    freeResult.bestEpoch, freeResult.seconds);
    result.message = result.message.empty() ? note : result.message + "; " + note;
    return result;
}

std::vector<bool> AoaGatedModel::insideGate(const float* features, std::size_t n) const {
    requireTrained();
    const std::vector<double> di = m_gate->dissimilarity(features, n);
    std::vector<bool> inside(n);
    for (std::size_t i = 0; i < n; ++i)
        inside[i] = m_gate->inside(di[i]);
    return inside;
}

std::vector<float> AoaGatedModel::predictProba(const float* features, const double* lon, const double* lat,
                                               std::size_t n) const {
    const std::vector<bool> inside = insideGate(features, n);
    std::vector<float> out = m_located->predictProba(features, lon, lat, n);
    // Only the points outside go through the MLP.
    const std::size_t d = featureCount(), classes = classCount();
    std::vector<float> outsideFeatures;
    std::vector<double> outsideLon, outsideLat;
    std::vector<std::size_t> outsideRows;
    for (std::size_t i = 0; i < n; ++i) {
        if (inside[i]) continue;
        outsideRows.push_back(i);
        outsideFeatures.insert(outsideFeatures.end(), features + i * d, features + (i + 1) * d);
        outsideLon.push_back(lon[i]);
        outsideLat.push_back(lat[i]);
    }
    if (outsideRows.empty()) return out;
    const std::vector<float> free = m_free->predictProba(outsideFeatures.data(), outsideLon.data(),
                                                         outsideLat.data(), outsideRows.size());
    for (std::size_t k = 0; k < outsideRows.size(); ++k)
        std::memcpy(&out[outsideRows[k] * classes], &free[k * classes], classes * sizeof(float));
    return out;
}

void AoaGatedModel::saveWeights(std::ostream& out) const {
    requireTrained();
    out.write(kWeightsMagic, sizeof kWeightsMagic);
    std::ostringstream located, free;
    m_located->saveWeights(located);
    m_free->saveWeights(free);
    putBlob(out, located.str());
    putBlob(out, free.str());
    const ScratchDirectory scratch;
    m_gate->save(scratch.path.string());
    putBlob(out, readFile(scratch.path / kAoaFileName));
    putBlob(out, readFile(scratch.path / kAoaMatrixFileName));
    if (!out) throw std::runtime_error("gated model weights could not be written");
}

void AoaGatedModel::loadWeights(std::istream& in) {
    m_trained = false;
    char magic[sizeof kWeightsMagic] = {};
    if (!in.read(magic, sizeof magic) || std::memcmp(magic, kWeightsMagic, sizeof magic) != 0)
        throw std::runtime_error("gated model weights: not written by this model");
    std::istringstream located(getBlob(in, "location-aware model"), std::ios::binary);
    std::istringstream free(getBlob(in, "location-free model"), std::ios::binary);
    const std::string aoaJson = getBlob(in, "gate"), aoaMatrix = getBlob(in, "gate's training matrix");
    m_located->loadWeights(located);
    m_free->loadWeights(free);
    const ScratchDirectory scratch;
    {
        std::ofstream json(scratch.path / kAoaFileName, std::ios::binary);
        json.write(aoaJson.data(), static_cast<std::streamsize>(aoaJson.size()));
        std::ofstream matrix(scratch.path / kAoaMatrixFileName, std::ios::binary);
        matrix.write(aoaMatrix.data(), static_cast<std::streamsize>(aoaMatrix.size()));
        if (!json || !matrix) throw std::runtime_error("gated model: the gate could not be unpacked");
    }
    try {
        m_gate = AreaOfApplicability::load((scratch.path / kAoaFileName).string());
    } catch (const AoaError& error) {
        throw std::runtime_error(std::string("gated model: the gate is damaged: ") + error.what());
    }
    if (m_gate->featureNames() != m_meta.featureNames)
        throw std::runtime_error("gated model: the gate was built on other features than the model's");
    m_trained = true;
}

bool registerAoaGatedModel() {
    registerModelFactory(kAoaGatedModelName, [](const ModelInfo& info) -> std::unique_ptr<Model> {
        return std::make_unique<AoaGatedModel>(info);
    });
    return true;
}

}  // namespace bridgelc
