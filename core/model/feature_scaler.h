#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/train/training_settings.h"

namespace bridgelc {

/// Per-column affine scaling learned from training rows: x' = (x - offset) * scale, with missing values (NaN)
/// first replaced by the training mean. Min-max maps the training range to [0, 1]; z-score to mean 0, sd 1.
/// Constant columns get scale 0 (they carry no information) instead of the authors' 0/0.
class FeatureScaler {
public:
    FeatureScaler() = default;

    /// Statistics of the `columns` columns of the row-major matrix `data` over `rows`, ignoring NaN.
    static FeatureScaler fit(const float* data, std::size_t columns, const std::vector<std::int64_t>& rows,
                             FeatureScaling kind);

    /// Scales n rows of `columns()` values from `in` into `out` (may be the same buffer).
    void transform(const float* in, std::size_t n, float* out) const;
    /// Only replaces NaN by the training mean (tree models keep raw values).
    void impute(const float* in, std::size_t n, float* out) const;

    bool empty() const { return m_offset.empty(); }
    std::size_t columns() const { return m_offset.size(); }
    FeatureScaling kind() const { return m_kind; }
    const std::vector<double>& offset() const { return m_offset; }
    const std::vector<double>& scale() const { return m_scale; }
    const std::vector<double>& mean() const { return m_mean; }
    /// NaN values met in the training rows by fit() (they are imputed with the mean).
    std::size_t missingCount() const { return m_missing; }

    nlohmann::json toJson() const;
    /// Throws std::runtime_error when fields are missing or their lengths disagree.
    static FeatureScaler fromJson(const nlohmann::json& json);

private:
    FeatureScaling m_kind = FeatureScaling::MinMax;
    std::vector<double> m_offset, m_scale, m_mean;
    std::size_t m_missing = 0;
};

}  // namespace bridgelc
