#pragma once
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bridgelc {

class ClusteredNeighbours;

/// An area of applicability that cannot be built or read; what() names the file when one is involved.
class AoaError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// How the predictors were weighted, and with what.
struct AoaWeights {
    std::string kind;                ///< kWeightsTotalGain, kWeightsPermutation or kWeightsEqual
    std::vector<double> importance;  ///< raw importance per feature (gain, or drop in weighted F1)
};
inline constexpr char kWeightsTotalGain[] = "xgboost_total_gain";
inline constexpr char kWeightsPermutation[] = "permutation_weighted_f1";
inline constexpr char kWeightsEqual[] = "equal";

/// Where a model's predictions can be trusted (Meyer & Pebesma 2021, R CAST::trainDI/aoa): the training
/// points' predictors standardised with their own means and standard deviations and multiplied by
/// importance weights (largest 1, negative 0); d̄ the mean distance between all pairs of training points in
/// that space; each training point's dissimilarity index (DI) its distance to the nearest training point of
/// another cross-validation fold over d̄; the threshold the upper boxplot whisker of those. A new point's DI
/// is its distance to the nearest training point over d̄, and it is inside when DI <= threshold.
class AreaOfApplicability {
public:
    /// Builds from the raw training features (rows x names.size(), row-major, NaN = missing, taken as the
    /// training mean), the model's importance, each row's fold (>= 2 distinct) and id. Throws AoaError.
    static std::shared_ptr<const AreaOfApplicability> build(const float* features, std::size_t rows,
                                                            const std::vector<std::string>& featureNames,
                                                            const AoaWeights& weights,
                                                            const std::vector<int>& folds,
                                                            const std::vector<std::string>& foldNames,
                                                            const std::vector<std::string>& ids);
    ~AreaOfApplicability();

    /// DI of each of n points given by raw features (n x featureCount(), row-major, NaN = missing).
    std::vector<double> dissimilarity(const float* features, std::size_t n) const;
    bool inside(double di) const { return di <= m_threshold; }

    std::size_t featureCount() const { return m_featureNames.size(); }
    std::size_t trainingCount() const { return m_trainingIds.size(); }
    const std::vector<std::string>& featureNames() const { return m_featureNames; }
    const std::vector<double>& means() const { return m_means; }
    const std::vector<double>& sds() const { return m_sds; }
    const std::vector<double>& weights() const { return m_weights; }
    const AoaWeights& importance() const { return m_importance; }
    double meanDistance() const { return m_meanDistance; }  ///< d̄
    double threshold() const { return m_threshold; }
    /// Seconds build() spent on d̄ and on the training DI (0 for a loaded one).
    double meanDistanceSeconds() const { return m_meanDistanceSeconds; }
    double trainingDiSeconds() const { return m_trainingDiSeconds; }
    /// Seconds spent building the search over the training rows that DI of new points uses (on build and
    /// on load alike).
    double indexSeconds() const { return m_indexSeconds; }
    const std::vector<double>& trainingDi() const { return m_trainingDi; }
    const std::vector<int>& trainingFolds() const { return m_trainingFolds; }
    const std::vector<std::string>& foldNames() const { return m_foldNames; }
    const std::vector<std::string>& trainingIds() const { return m_trainingIds; }
    /// The weighted standardised training rows (trainingCount() x featureCount(), float, row-major).
    const std::vector<float>& trainingMatrix() const { return m_matrix; }

    /// Writes `aoa.json` (every number needed to recompute each DI) and the training matrix file it names
    /// into `directory`; returns the JSON file's name. Throws AoaError.
    std::string save(const std::string& directory) const;
    /// Reads what save() wrote; throws AoaError naming the damaged or missing file.
    static std::shared_ptr<const AreaOfApplicability> load(const std::string& jsonPath);

private:
    AreaOfApplicability() = default;
    void standardise(const float* raw, double* out) const;
    void buildIndex();

    std::vector<std::string> m_featureNames;
    std::vector<double> m_means, m_sds, m_weights;
    AoaWeights m_importance;
    double m_meanDistance = 0, m_threshold = 0;
    double m_meanDistanceSeconds = 0, m_trainingDiSeconds = 0, m_indexSeconds = 0;
    std::vector<double> m_trainingDi;
    std::vector<int> m_trainingFolds;
    std::vector<std::string> m_foldNames, m_trainingIds;
    std::vector<float> m_matrix;
    std::unique_ptr<ClusteredNeighbours> m_index;

    friend class AoaFiles;
};

/// File names inside a run directory.
inline constexpr char kAoaFileName[] = "aoa.json";
inline constexpr char kAoaMatrixFileName[] = "aoa_training.bin";

}  // namespace bridgelc
