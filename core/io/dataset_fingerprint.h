#pragma once
#include <string>

#include "core/data/dataset.h"

namespace bridgelc {

/// A short identity of a dataset's content, saved with runs so a later reader can tell whether a model was
/// trained on the same data. 16 hex digits of a 64-bit FNV-1a hash over: the number of points and features,
/// every feature name, every class name, and for up to 1024 rows spread evenly over the table (row i * n /
/// 1024) the feature values, lon, lat and label of that row. Reading the same file again gives the same
/// fingerprint; changing the row order, a name, or a sampled value changes it. It is not a cryptographic hash
/// and does not look at every value (so it stays instant on a million points).
std::string datasetFingerprint(const Dataset& dataset);

}  // namespace bridgelc
