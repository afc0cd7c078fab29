#include "core/io/checkpoint.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/io/atomic_file.h"
#include "core/model/model.h"
#include "core/model/model_registry.h"

namespace bridgelc {
namespace {

constexpr char kMagic[8] = {'B', 'R', 'I', 'D', 'G', 'E', 'L', 'C'};

std::uint64_t fnv1a(const std::string& bytes) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 1099511628211ULL;
    }
    return hash;
}

template <typename T>
void put(std::string& out, T value) {  // little-endian on every platform the product targets
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

/// Reads the checkpoint bytes front to back and names the part that is missing when it runs out.
class Reader {
public:
    Reader(const std::string& bytes, const std::string& path) : m_bytes(bytes), m_path(path) {}
    template <typename T>
    T get(const char* part) {
        T value;
        need(sizeof value, part);
        std::memcpy(&value, m_bytes.data() + m_at, sizeof value);
        m_at += sizeof value;
        return value;
    }
    std::string take(std::uint64_t length, const char* part) {
        need(length, part);
        std::string out = m_bytes.substr(m_at, length);
        m_at += length;
        return out;
    }

private:
    void need(std::uint64_t length, const char* part) {
        const std::uint64_t left = m_bytes.size() - m_at;
        if (length > left)
            throw CheckpointError(
                fmt::format("checkpoint '{}' is truncated: {} needs {} bytes, only {} are left "
                            "(file size {})",
                            m_path, part, length, left, m_bytes.size()));
    }
    const std::string& m_bytes;
    const std::string& m_path;
    std::size_t m_at = 0;
};

}  // namespace

void saveCheckpoint(const Model& model, const std::string& path, const nlohmann::json& extra) {
    if (!model.isTrained()) throw CheckpointError("cannot save '" + path + "': the model is not trained");
    nlohmann::json metadata = nlohmann::json::object();
    if (extra.is_object())
        for (const auto& [key, value] : extra.items())
            metadata[key] = value;
    metadata["formatVersion"] = kCheckpointFormatVersion;
    metadata["displayName"] = model.info().displayName;
    metadata["model"] = model.metadata();
    const std::string json = metadata.dump();

    std::ostringstream weightStream(std::ios::binary);
    try {
        model.saveWeights(weightStream);
    } catch (const std::exception& error) {
        throw CheckpointError(fmt::format("cannot save '{}': {}", path, error.what()));
    }
    const std::string weights = weightStream.str();

    std::string bytes(kMagic, sizeof kMagic);
    put<std::uint32_t>(bytes, kCheckpointFormatVersion);
    put<std::uint64_t>(bytes, json.size());
    put<std::uint64_t>(bytes, fnv1a(json));
    bytes += json;
    put<std::uint64_t>(bytes, weights.size());
    put<std::uint64_t>(bytes, fnv1a(weights));
    bytes += weights;

    // A hidden temporary beside the target, synced and renamed: a crash or a full disk keeps the old file.
    try {
        writeFileAtomically(path, bytes);
    } catch (const std::exception& error) {
        throw CheckpointError(error.what());
    }
}

LoadedCheckpoint loadCheckpoint(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec))
            throw CheckpointError(fmt::format("checkpoint '{}' does not exist", path));
        throw CheckpointError(fmt::format("cannot open checkpoint '{}': {}", path, std::strerror(errno)));
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
        if (bytes.size() < sizeof kMagic && std::string(kMagic, bytes.size()) == bytes)
            throw CheckpointError(
                fmt::format("checkpoint '{}' is truncated: only {} bytes", path, bytes.size()));
        throw CheckpointError(
            fmt::format("'{}' is not a BRIDGE-LC checkpoint (it does not start with \"BRIDGELC\")", path));
    }
    Reader reader(bytes, path);
    reader.take(sizeof kMagic, "the magic");
    const auto version = reader.get<std::uint32_t>("the format version");
    if (version != kCheckpointFormatVersion)
        throw CheckpointError(
            fmt::format("checkpoint '{}' has format version {}; this program reads version {}", path, version,
                        kCheckpointFormatVersion));
    const auto jsonLength = reader.get<std::uint64_t>("the metadata length");
    const auto jsonChecksum = reader.get<std::uint64_t>("the metadata checksum");
    const std::string json = reader.take(jsonLength, "the metadata");
    const auto weightsLength = reader.get<std::uint64_t>("the weights length");
    const auto weightsChecksum = reader.get<std::uint64_t>("the weights checksum");
    const std::string weights = reader.take(weightsLength, "the weights");

    LoadedCheckpoint loaded;
    if (fnv1a(json) != jsonChecksum)
        throw CheckpointError(
            fmt::format("checkpoint '{}': the metadata is corrupted (checksum mismatch)", path));
    try {
        loaded.metadata = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception& error) {
        throw CheckpointError(
            fmt::format("checkpoint '{}': the metadata is corrupted ({})", path, error.what()));
    }
    if (!loaded.metadata.is_object() || !loaded.metadata.contains("model") ||
        !loaded.metadata["model"].contains("model") || !loaded.metadata["model"]["model"].is_string())
        throw CheckpointError(fmt::format("checkpoint '{}': the metadata names no model", path));
    const std::string name = loaded.metadata["model"]["model"].get<std::string>();
    std::unique_ptr<Model> model;
    try {
        model = createModel(name);
        model->setMetadata(loaded.metadata["model"]);
    } catch (const std::exception& error) {
        throw CheckpointError(fmt::format(
            "checkpoint '{}': the metadata does not describe a usable model: {}", path, error.what()));
    }
    if (fnv1a(weights) != weightsChecksum)
        throw CheckpointError(
            fmt::format("checkpoint '{}': the weights are corrupted (checksum mismatch)", path));
    try {
        std::istringstream weightStream(weights, std::ios::binary);
        model->loadWeights(weightStream);
    } catch (const std::exception& error) {
        throw CheckpointError(
            fmt::format("checkpoint '{}': the weights are corrupted: {}", path, error.what()));
    }
    // Weights that load can still disagree with the metadata (trees carry no class list of their own): one
    // prediction proves they answer for exactly the classes and features the metadata names.
    std::size_t answered = 0;
    try {
        const std::vector<float> probe(model->featureCount(), 0.0f);
        const double lon = 10.0, lat = 50.0;
        answered = model->predictProba(probe.data(), &lon, &lat, 1).size();
    } catch (const std::exception& error) {
        throw CheckpointError(
            fmt::format("checkpoint '{}': the weights do not fit the metadata: {}", path, error.what()));
    }
    if (answered != model->classCount())
        throw CheckpointError(
            fmt::format("checkpoint '{}': the weights do not fit the metadata: they predict {} classes, the "
                        "metadata names {}",
                        path, answered, model->classCount()));
    loaded.model = std::move(model);
    return loaded;
}

std::string checkCompatible(const Model& model, const Dataset& dataset) {
    const std::vector<std::string>& expected = model.meta().featureNames;
    const std::vector<std::string>& found = dataset.featureNames;
    if (expected == found) return {};
    const std::set<std::string> expectedSet(expected.begin(), expected.end()),
        foundSet(found.begin(), found.end());
    std::vector<std::string> missing, extra;
    for (const std::string& name : expected)
        if (!foundSet.count(name)) missing.push_back(name);
    for (const std::string& name : found)
        if (!expectedSet.count(name)) extra.push_back(name);
    std::string message =
        fmt::format("the model was trained on {} features, the data has {}", expected.size(), found.size());
    if (!missing.empty()) message += fmt::format("; missing from the data: {}", fmt::join(missing, ", "));
    if (!extra.empty()) message += fmt::format("; not known to the model: {}", fmt::join(extra, ", "));
    if (missing.empty() && extra.empty()) {
        std::size_t i = 0;
        while (i < expected.size() && i < found.size() && expected[i] == found[i])
            ++i;
        if (i >= expected.size() || i >= found.size())
            message += "; the same names, some repeated";
        else
            message +=
                fmt::format("; same names in a different order: column {} is '{}', the model expects '{}'",
                            i + 1, found[i], expected[i]);
    }
    return message;
}

}  // namespace bridgelc
