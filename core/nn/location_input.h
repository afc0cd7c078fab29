#pragma once
#include <string>

namespace bridgelc {

/// How a neural model sees where a point is.
enum class LocationInput {
    None,             ///< spectral features only
    FixedEncoding,    ///< the 128-d sinusoid concatenated to the features
    LearnedEncoding,  ///< the sinusoid through the PE-MLP (128 -> 256 -> 128, sigmoid), then concatenated
    LatLon            ///< raw lon/lat appended to the features as two more scaled columns
};

/// "none", "fixed-pe", "learned-pe", "lat-lon".
const char* locationInputName(LocationInput location);
/// Throws std::runtime_error for an unknown name.
LocationInput locationInputFromName(const std::string& name);

}  // namespace bridgelc
