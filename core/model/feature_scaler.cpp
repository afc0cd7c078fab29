#include "core/model/feature_scaler.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace bridgelc {

FeatureScaler FeatureScaler::fit(const float* data, std::size_t columns,
                                 const std::vector<std::int64_t>& rows, FeatureScaling kind) {
    FeatureScaler scaler;
    scaler.m_kind = kind;
    std::vector<double> lo(columns, std::numeric_limits<double>::infinity());
    std::vector<double> hi(columns, -std::numeric_limits<double>::infinity());
    std::vector<double> sum(columns, 0.0), sumSq(columns, 0.0);
    std::vector<std::size_t> count(columns, 0);
    for (std::int64_t row : rows) {
        const float* x = data + static_cast<std::size_t>(row) * columns;
        for (std::size_t c = 0; c < columns; ++c) {
            const double v = x[c];
            if (std::isnan(v)) {
                ++scaler.m_missing;
                continue;
            }
            lo[c] = std::min(lo[c], v);
            hi[c] = std::max(hi[c], v);
            sum[c] += v;
            ++count[c];
        }
    }
    scaler.m_mean.resize(columns);
    for (std::size_t c = 0; c < columns; ++c)
        scaler.m_mean[c] = count[c] ? sum[c] / count[c] : 0.0;
    // Second pass for the variance: one-pass formulas lose digits on reflectance-sized values.
    if (kind == FeatureScaling::ZScore) {
        for (std::int64_t row : rows) {
            const float* x = data + static_cast<std::size_t>(row) * columns;
            for (std::size_t c = 0; c < columns; ++c)
                if (!std::isnan(x[c])) sumSq[c] += (x[c] - scaler.m_mean[c]) * (x[c] - scaler.m_mean[c]);
        }
    }
    scaler.m_offset.resize(columns);
    scaler.m_scale.resize(columns);
    for (std::size_t c = 0; c < columns; ++c) {
        if (count[c] == 0) {
            scaler.m_offset[c] = 0;
            scaler.m_scale[c] = 0;
        } else if (kind == FeatureScaling::MinMax) {
            scaler.m_offset[c] = lo[c];
            scaler.m_scale[c] = hi[c] > lo[c] ? 1.0 / (hi[c] - lo[c]) : 0.0;
        } else {
            const double sd = std::sqrt(sumSq[c] / count[c]);
            scaler.m_offset[c] = scaler.m_mean[c];
            scaler.m_scale[c] = sd > 0 ? 1.0 / sd : 0.0;
        }
    }
    return scaler;
}

void FeatureScaler::transform(const float* in, std::size_t n, float* out) const {
    const std::size_t d = columns();
    for (std::size_t i = 0; i < n; ++i) {
        const float* x = in + i * d;
        float* y = out + i * d;
        for (std::size_t c = 0; c < d; ++c) {
            const double v = std::isnan(x[c]) ? m_mean[c] : static_cast<double>(x[c]);
            y[c] = static_cast<float>((v - m_offset[c]) * m_scale[c]);
        }
    }
}

void FeatureScaler::impute(const float* in, std::size_t n, float* out) const {
    const std::size_t d = columns();
    for (std::size_t i = 0; i < n * d; ++i)
        out[i] = std::isnan(in[i]) ? static_cast<float>(m_mean[i % d]) : in[i];
}

nlohmann::json FeatureScaler::toJson() const {
    return {{"kind", m_kind == FeatureScaling::MinMax ? "min-max" : "z-score"},
            {"offset", m_offset},
            {"scale", m_scale},
            {"mean", m_mean},
            {"missingInTraining", m_missing}};
}

FeatureScaler FeatureScaler::fromJson(const nlohmann::json& json) {
    FeatureScaler scaler;
    if (!json.is_object()) throw std::runtime_error("scaling statistics: expected an object");
    for (const char* key : {"kind", "offset", "scale", "mean"})
        if (!json.contains(key))
            throw std::runtime_error(std::string("scaling statistics: missing field '") + key + "'");
    const std::string kind = json.at("kind").get<std::string>();
    if (kind == "min-max")
        scaler.m_kind = FeatureScaling::MinMax;
    else if (kind == "z-score")
        scaler.m_kind = FeatureScaling::ZScore;
    else
        throw std::runtime_error("scaling statistics: unknown kind '" + kind + "'");
    scaler.m_offset = json.at("offset").get<std::vector<double>>();
    scaler.m_scale = json.at("scale").get<std::vector<double>>();
    scaler.m_mean = json.at("mean").get<std::vector<double>>();
    scaler.m_missing = json.value("missingInTraining", std::size_t{0});
    if (scaler.m_scale.size() != scaler.m_offset.size() || scaler.m_mean.size() != scaler.m_offset.size())
        throw std::runtime_error("scaling statistics: offset, scale and mean have different lengths");
    return scaler;
}

}  // namespace bridgelc
