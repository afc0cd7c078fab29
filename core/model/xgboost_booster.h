#pragma once
// Thin RAII wrappers over XGBoost's C API. Internal: include only from core .cpp files.
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <xgboost/c_api.h>

namespace bridgelc {

/// Throws std::runtime_error("<what>: <XGBoost's last error>") when rc is not 0.
void xgbCheck(int rc, const char* what);

/// A dense row-major float matrix handed to XGBoost; NaN marks a missing value.
class XgbMatrix {
public:
    XgbMatrix(const float* data, std::size_t rows, std::size_t columns,
              const std::vector<float>* labels = nullptr);
    ~XgbMatrix();
    XgbMatrix(const XgbMatrix&) = delete;
    XgbMatrix& operator=(const XgbMatrix&) = delete;
    DMatrixHandle handle() const { return m_handle; }
    std::size_t rows() const { return m_rows; }

private:
    DMatrixHandle m_handle = nullptr;
    std::size_t m_rows = 0;
};

/// One XGBoost booster.
class XgbBooster {
public:
    /// A booster that caches predictions for `cached` matrices (training and validation).
    explicit XgbBooster(const std::vector<const XgbMatrix*>& cached = {});
    ~XgbBooster();
    XgbBooster(const XgbBooster&) = delete;
    XgbBooster& operator=(const XgbBooster&) = delete;

    void setParam(const std::string& name, const std::string& value);
    void updateOneIter(int iteration, const XgbMatrix& train);
    /// The value of `metric` on `matrix` after `iteration`, e.g. metric "mlogloss".
    double evaluate(int iteration, const XgbMatrix& matrix, const std::string& metric);
    /// Probabilities, rows x classes (multi:softprob).
    std::vector<float> predict(const XgbMatrix& matrix) const;
    int boostedRounds() const;
    /// A new booster holding rounds [0, rounds).
    std::unique_ptr<XgbBooster> slice(int rounds) const;
    /// XGBoost's total gain of each of `features` features over every split of every tree (0 if never split).
    std::vector<double> totalGain(std::size_t features) const;
    /// The model as XGBoost JSON.
    std::string save() const;
    /// Replaces the model with XGBoost JSON; throws std::runtime_error when XGBoost rejects it.
    void load(const std::string& json);

private:
    BoosterHandle m_handle = nullptr;
};

}  // namespace bridgelc
