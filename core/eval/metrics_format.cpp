#include "core/eval/metrics_format.h"

#include <fmt/format.h>

#include <algorithm>

namespace bridgelc {

std::string formatHeadline(const Metrics& metrics) {
    return fmt::format("OA {:.4f}  kappa {:.4f}  macro F1 {:.4f}  weighted F1 {:.4f}  (n = {})",
                       metrics.overallAccuracy, metrics.kappa, metrics.macroF1, metrics.weightedF1,
                       metrics.points);
}

std::string formatClassTable(const Metrics& metrics, const std::vector<std::string>& classNames) {
    std::size_t width = 5;  // "class"
    auto nameOf = [&](std::size_t c) { return c < classNames.size() ? classNames[c] : std::to_string(c); };
    for (std::size_t c = 0; c < metrics.perClass.size(); ++c)
        width = std::max(width, nameOf(c).size());
    std::string text = fmt::format("{:<{}}  {:>9}  {:>9}  {:>9}  {:>9}\n", "class", width, "precision",
                                   "recall", "F1", "support");
    for (std::size_t c = 0; c < metrics.perClass.size(); ++c) {
        const ClassScores& s = metrics.perClass[c];
        text += fmt::format("{:<{}}  {:>9.4f}  {:>9.4f}  {:>9.4f}  {:>9}\n", nameOf(c), width, s.precision,
                            s.recall, s.f1, s.support);
    }
    return text;
}

}  // namespace bridgelc
