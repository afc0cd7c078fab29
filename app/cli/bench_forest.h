#pragma once
// The forest line of `bridgelc bench`: our random forest's fit against scikit-learn's on the same rows.
#include <nlohmann/json.hpp>
#include <string>

#include "core/data/dataset.h"

namespace bridgelc::cli {

/// Fits the random forest (`trees` trees, one thread) on `data`'s EXTRAP split (seed 0), then scikit-learn's
/// RandomForestClassifier on the same training rows through `pythonExe` and `script`; both predict the test
/// rows and are scored by the same code. Returns {"trees", "trainPoints", "testPoints", "oursFitSeconds",
/// "oursFitCpuSeconds", "oursWeightedF1", and when scikit-learn ran: "sklearn", "sklearnFitSeconds",
/// "sklearnFitCpuSeconds", "sklearnWeightedF1", "ratio" (ours / scikit-learn, wall), "cpuRatio"}; otherwise
/// "note" says why scikit-learn is missing.
nlohmann::json benchForest(const Dataset& data, int trees, const std::string& pythonExe,
                           const std::string& script);

/// The report's forest lines for the terminal.
std::string forestReportText(const nlohmann::json& forest);

}  // namespace bridgelc::cli
