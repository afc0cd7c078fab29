#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace bridgelc {

/// Points of a land-cover survey, stored column-wise: spectral features as one row-major float block
/// (handed to LibTorch without copying), coordinates in WGS84 degrees, class and region indices.
struct Dataset {
    std::string sourcePath;
    bool synthetic = false;  ///< true for the built-in sample (features drawn from fitted statistics)

    std::vector<std::string> featureNames;  ///< d names, in column order of `features`
    std::vector<float> features;            ///< n x d, row-major; NaN only before imputation
    std::vector<double> lon;                ///< WGS84 longitude, degrees
    std::vector<double> lat;                ///< WGS84 latitude, degrees
    std::vector<std::string> ids;           ///< point id as written in the file (LUCAS POINT_ID etc.)

    std::vector<int> label;  ///< index into classNames; -1 = unlabelled (only when labelsOptional)
    std::vector<std::string> classNames;  ///< level-1 LUCAS names in legend order, or the file's own labels
    std::vector<std::string> fineCode;    ///< LUCAS level-3 code (e.g. "B11") when known, else empty

    std::vector<int> region;  ///< index into biogeographicalRegions() (core/geo/regions.h); -1 = outside

    /// From a `split` column: -1 not given, 0 train, 1 test. Empty when the file has no such column.
    std::vector<signed char> fixedSplit;

    /// True when points may have no label (label -1): read with LoadOptions::requireLabel = false to be
    /// predicted. Such points can be predicted but neither trained on nor scored.
    bool labelsOptional = false;

    std::size_t size() const { return lon.size(); }
    std::size_t featureCount() const { return featureNames.size(); }
    const float* row(std::size_t i) const { return features.data() + i * featureCount(); }

    /// Number of points of each class (classNames.size() entries); unlabelled points are not counted.
    std::vector<std::size_t> classCounts() const;
    /// Number of points of each region of biogeographicalRegions(); the last entry counts "outside".
    std::vector<std::size_t> regionCounts() const;

    /// A new dataset holding the given rows (in that order), with all names kept.
    Dataset subset(const std::vector<std::int64_t>& rows) const;

    /// Checks that every column has n entries and indices are in range (a label may be -1 only when
    /// labelsOptional); throws std::logic_error if not.
    void checkConsistent() const;
};

/// The level-2 task of the paper: Cropland points only, labelled by their LUCAS crop code (fineCode starting
/// with 'B'); codes with fewer than `minPoints` points are dropped. Class names are "B11 Common wheat" etc.
/// when the legend is known.
Dataset cropTypeSubset(const Dataset& dataset, std::size_t minPoints = 20);

}  // namespace bridgelc
