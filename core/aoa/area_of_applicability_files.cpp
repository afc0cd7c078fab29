// Reading and writing an AreaOfApplicability: aoa.json (parameters, folds, ids) and the training matrix file.
#include <fmt/format.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/aoa/area_of_applicability.h"
#include "core/aoa/clustered_neighbours.h"

namespace bridgelc {
namespace fs = std::filesystem;
namespace {

constexpr char kMatrixMagic[8] = {'B', 'L', 'C', 'A', 'O', 'A', '0', '1'};
constexpr int kAoaFormatVersion = 1;

std::uint64_t fnv1a(const char* bytes, std::size_t size) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= static_cast<unsigned char>(bytes[i]);
        hash *= 1099511628211ULL;
    }
    return hash;
}

// Written beside the target and renamed, so a reader never sees half a file.
void writeReplacing(const fs::path& path, const std::string& bytes) {
    const fs::path temporary = path.parent_path() / ("." + path.filename().string() + ".tmp");
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw AoaError(fmt::format("cannot write '{}'", temporary.string()));
    }
    std::error_code error;
    fs::rename(temporary, path, error);
    if (error) throw AoaError(fmt::format("cannot write '{}': {}", path.string(), error.message()));
}

template <typename T>
void put(std::string& out, T value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
std::vector<T> numbers(const nlohmann::json& json, const char* key, std::size_t size,
                       const std::string& file) {
    if (!json.contains(key) || !json[key].is_array() || json[key].size() != size)
        throw AoaError(fmt::format("'{}' is damaged: \"{}\" must be an array of {} values", file, key, size));
    std::vector<T> out;
    out.reserve(size);
    for (const auto& value : json[key]) {
        if (!value.is_number())
            throw AoaError(
                fmt::format("'{}' is damaged: \"{}\" holds a value that is not a number", file, key));
        out.push_back(value.get<T>());
        if constexpr (std::is_floating_point_v<T>)
            if (!std::isfinite(out.back()))
                throw AoaError(
                    fmt::format("'{}' is damaged: \"{}\" holds a value that is not finite", file, key));
    }
    return out;
}

}  // namespace

std::string AreaOfApplicability::save(const std::string& directory) const {
    const std::size_t rows = trainingCount(), d = featureCount();
    std::string matrix(kMatrixMagic, sizeof kMatrixMagic);
    put<std::uint64_t>(matrix, rows);
    put<std::uint64_t>(matrix, d);
    const char* payload = reinterpret_cast<const char*>(m_matrix.data());
    const std::size_t payloadBytes = m_matrix.size() * sizeof(float);
    put<std::uint64_t>(matrix, fnv1a(payload, payloadBytes));
    matrix.append(payload, payloadBytes);

    const nlohmann::json json = {
        {"formatVersion", kAoaFormatVersion},
        {"definition",
         "Meyer & Pebesma 2021 (CAST::trainDI/aoa): DI = distance to the nearest training point in "
         "the standardised predictor space weighted by importance, over the mean pairwise "
         "distance of the training points; inside when DI <= threshold"},
        {"features", m_featureNames},
        {"means", m_means},
        {"sds", m_sds},
        {"weightKind", m_importance.kind},
        {"importance", m_importance.importance},
        {"weights", m_weights},
        {"meanDistance", m_meanDistance},
        {"threshold", m_threshold},
        {"foldNames", m_foldNames},
        {"trainingIds", m_trainingIds},
        {"trainingFolds", m_trainingFolds},
        {"trainingDi", m_trainingDi},
        {"trainingMatrix", {{"file", kAoaMatrixFileName}, {"rows", rows}, {"cols", d}}}};
    writeReplacing(fs::path(directory) / kAoaMatrixFileName, matrix);
    writeReplacing(fs::path(directory) / kAoaFileName, json.dump(1) + "\n");
    return kAoaFileName;
}

std::shared_ptr<const AreaOfApplicability> AreaOfApplicability::load(const std::string& jsonPath) {
    std::ifstream in(jsonPath, std::ios::binary);
    if (!in) throw AoaError(fmt::format("'{}' (area of applicability) cannot be read", jsonPath));
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& error) {
        throw AoaError(fmt::format("'{}' is damaged: {}", jsonPath, error.what()));
    }
    if (!json.is_object() || json.value("formatVersion", 0) != kAoaFormatVersion)
        throw AoaError(fmt::format("'{}' is damaged: it is not an area of applicability of format version {}",
                                   jsonPath, kAoaFormatVersion));
    std::shared_ptr<AreaOfApplicability> aoa(new AreaOfApplicability());
    try {
        aoa->m_featureNames = json.at("features").get<std::vector<std::string>>();
        aoa->m_importance.kind = json.at("weightKind").get<std::string>();
        aoa->m_foldNames = json.at("foldNames").get<std::vector<std::string>>();
        aoa->m_trainingIds = json.at("trainingIds").get<std::vector<std::string>>();
        aoa->m_meanDistance = json.at("meanDistance").get<double>();
        aoa->m_threshold = json.at("threshold").get<double>();
    } catch (const nlohmann::json::exception& error) {
        throw AoaError(fmt::format("'{}' is damaged: {}", jsonPath, error.what()));
    }
    const std::size_t d = aoa->m_featureNames.size(), rows = aoa->m_trainingIds.size();
    if (d == 0 || rows < 2 || !(aoa->m_meanDistance > 0) || !std::isfinite(aoa->m_meanDistance) ||
        !std::isfinite(aoa->m_threshold))
        throw AoaError(
            fmt::format("'{}' is damaged: no features, fewer than two training points, or a mean "
                        "distance or threshold that is not a positive finite number",
                        jsonPath));
    aoa->m_means = numbers<double>(json, "means", d, jsonPath);
    aoa->m_sds = numbers<double>(json, "sds", d, jsonPath);
    aoa->m_weights = numbers<double>(json, "weights", d, jsonPath);
    aoa->m_importance.importance = numbers<double>(json, "importance", d, jsonPath);
    aoa->m_trainingFolds = numbers<int>(json, "trainingFolds", rows, jsonPath);
    aoa->m_trainingDi = numbers<double>(json, "trainingDi", rows, jsonPath);

    const fs::path matrixPath = fs::path(jsonPath).parent_path() / kAoaMatrixFileName;
    std::ifstream matrixIn(matrixPath, std::ios::binary);
    if (!matrixIn)
        throw AoaError(fmt::format("'{}' (training matrix of the area of applicability) cannot be read",
                                   matrixPath.string()));
    const std::string bytes((std::istreambuf_iterator<char>(matrixIn)), std::istreambuf_iterator<char>());
    const std::size_t header = sizeof kMatrixMagic + 3 * sizeof(std::uint64_t);
    std::uint64_t fileRows = 0, fileCols = 0, checksum = 0;
    if (bytes.size() >= header) {
        std::memcpy(&fileRows, bytes.data() + 8, 8);
        std::memcpy(&fileCols, bytes.data() + 16, 8);
        std::memcpy(&checksum, bytes.data() + 24, 8);
    }
    const std::size_t payloadBytes = rows * d * sizeof(float);
    if (bytes.size() < header || std::memcmp(bytes.data(), kMatrixMagic, sizeof kMatrixMagic) != 0 ||
        fileRows != rows || fileCols != d || bytes.size() != header + payloadBytes)
        throw AoaError(fmt::format("'{}' is damaged: expected {} x {} training values after its header",
                                   matrixPath.string(), rows, d));
    if (fnv1a(bytes.data() + header, payloadBytes) != checksum)
        throw AoaError(fmt::format("'{}' is damaged (checksum mismatch)", matrixPath.string()));
    aoa->m_matrix.resize(rows * d);
    std::memcpy(aoa->m_matrix.data(), bytes.data() + header, payloadBytes);
    for (float v : aoa->m_matrix)
        if (!std::isfinite(v))
            throw AoaError(
                fmt::format("'{}' is damaged: a training value is not finite", matrixPath.string()));
    aoa->buildIndex();
    return aoa;
}

}  // namespace bridgelc
