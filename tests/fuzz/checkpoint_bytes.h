#pragma once
// The byte layout of model.bridgelc (checkpoint.h), for tests that damage a checkpoint behind valid
// checksums.
#include <cstdint>
#include <cstring>
#include <string>

#include "core/io/checkpoint.h"

namespace bridgelc::fuzz {

inline std::uint64_t fnv1a(const std::string& bytes) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (unsigned char c : bytes)
        hash = (hash ^ c) * 1099511628211ULL;
    return hash;
}

/// A checkpoint file of these parts, with checksums that match whatever the parts hold.
inline std::string assembleCheckpoint(const std::string& json, const std::string& weights) {
    std::string bytes = "BRIDGELC";
    auto put = [&bytes](auto value) { bytes.append(reinterpret_cast<const char*>(&value), sizeof value); };
    put(kCheckpointFormatVersion);
    put(static_cast<std::uint64_t>(json.size()));
    put(fnv1a(json));
    bytes += json;
    put(static_cast<std::uint64_t>(weights.size()));
    put(fnv1a(weights));
    return bytes + weights;
}

struct CheckpointParts {
    std::string file, json, weights;
};

/// The metadata and weights of a well-formed checkpoint file.
inline CheckpointParts splitCheckpoint(const std::string& bytes) {
    std::uint64_t jsonLength = 0, weightsLength = 0;
    std::memcpy(&jsonLength, bytes.data() + 12, sizeof jsonLength);
    std::memcpy(&weightsLength, bytes.data() + 28 + jsonLength, sizeof weightsLength);
    return {bytes, bytes.substr(28, jsonLength), bytes.substr(28 + jsonLength + 16, weightsLength)};
}

}  // namespace bridgelc::fuzz
