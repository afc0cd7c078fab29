#pragma once
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "core/data/dataset.h"

namespace bridgelc {

/// File name of the checkpoint in a run directory, and the name the GUI suggests when exporting one.
inline constexpr char kCheckpointFileName[] = "model.bridgelc";

class Model;

/// A checkpoint that cannot be read; what() says exactly why (missing, truncated, bad magic, unsupported
/// version, corrupted metadata, corrupted weights) and names the file.
class CheckpointError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The only checkpoint layout this build writes and reads.
constexpr std::uint32_t kCheckpointFormatVersion = 1;

/// A model read back from a `model.bridgelc` file with everything saved beside it.
struct LoadedCheckpoint {
    std::shared_ptr<Model> model;
    /// The whole metadata document: "formatVersion", "model" (Model::metadata()), "displayName", and every
    /// key of the `extra` given to saveCheckpoint (e.g. "metrics", "dataFingerprint").
    nlohmann::json metadata;
};

/// Writes a trained model as one file: the 8 bytes "BRIDGELC", the format version (uint32 little-endian), the
/// metadata JSON (uint64 length, uint64 FNV-1a checksum, bytes) and the weights (uint64 length, uint64
/// checksum, bytes: a LibTorch archive or XGBoost JSON). `extra` keys are stored at the top level of the
/// metadata
/// ("model" and "formatVersion" are reserved). Written to a hidden temporary in the same folder, synced and
/// renamed (writeFileAtomically), so a crash or a full disk never leaves half a checkpoint. Throws
/// CheckpointError.
void saveCheckpoint(const Model& model, const std::string& path,
                    const nlohmann::json& extra = nlohmann::json::object());

/// Reads a checkpoint written by saveCheckpoint; throws CheckpointError with an exact message on any problem.
LoadedCheckpoint loadCheckpoint(const std::string& path);

/// Empty when `dataset` has exactly the model's feature columns in the model's order; otherwise a message
/// saying which feature names are missing, which are extra, or where the order differs.
std::string checkCompatible(const Model& model, const Dataset& dataset);

}  // namespace bridgelc
