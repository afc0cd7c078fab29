#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/data/dataset.h"
#include "core/data/validation_report.h"

namespace bridgelc {

/// Crop codes with fewer points than this are dropped from the crop-type task (the experiment tables' rule).
inline constexpr std::size_t kCropTypeMinPoints = 20;

/// Which labels a model learns: the paper's level 1 (land cover, or the file's own classes when its label
/// column holds other names) or level 2 (crop types of the Cropland points, by LUCAS crop code), read from
/// the column found by name or the one the user named. Saved with every run and checkpoint.
struct LabelChoice {
    int level = 1;            ///< 1 land cover (or the file's own classes), 2 crop types
    std::string labelColumn;  ///< the label column the user named; empty: found by name
    std::size_t cropMinPoints = kCropTypeMinPoints;  ///< level 2: crop codes with fewer points are dropped

    bool operator==(const LabelChoice& other) const {
        return level == other.level && labelColumn == other.labelColumn &&
               cropMinPoints == other.cropMinPoints;
    }
    bool operator!=(const LabelChoice& other) const { return !(*this == other); }

    /// "land cover", "crop types" or "labels of column 'crop'".
    std::string description() const;
};

/// {"level": 2, "labelColumn": "", "cropMinPoints": 20}; from_json keeps the defaults of missing keys, so
/// runs and checkpoints saved before the choice existed read as level 1.
void to_json(nlohmann::json& json, const LabelChoice& choice);
void from_json(const nlohmann::json& json, LabelChoice& choice);

/// The choice a saved run or checkpoint records under "labels"; level 1 when there is none.
LabelChoice labelChoiceOf(const nlohmann::json& metadata);

/// One LUCAS crop code of a dataset with its number of points and whether the crop-type task keeps it.
struct CropCodeCount {
    std::string code;         ///< e.g. "B11"
    std::string displayName;  ///< e.g. "B11 Common wheat"
    std::size_t points = 0;
    bool kept = false;  ///< at least LabelChoice::cropMinPoints points
};

/// Every crop code (fineCode starting with 'B') of `dataset`, sorted by code.
std::vector<CropCodeCount> cropCodeCounts(const Dataset& dataset, std::size_t minPoints = kCropTypeMinPoints);

/// The points and classes a model of `choice` trains on: the dataset itself at level 1, cropTypeSubset() at
/// level 2. Throws std::runtime_error naming the file when level 2 finds no crop code with enough points.
Dataset datasetForLabels(const Dataset& dataset, const LabelChoice& choice);

/// For applying a crop-type model to a file: its Cropland points (crop code starting with 'B') labelled by
/// crop code (every code, however few points; names as cropTypeSubset gives them), and its points without
/// any label kept unlabelled. Other land cover is left out. The result has labelsOptional set.
Dataset cropTypePoints(const Dataset& dataset);

/// Text columns of a load that could hold labels (reported as text columns: not roles, not metadata), in
/// file order, for offering "the file's own labels".
std::vector<std::string> otherLabelColumns(const ValidationReport& report);

}  // namespace bridgelc
