#include <algorithm>

#include "core/split/split.h"

namespace bridgelc {

namespace {
std::vector<std::size_t> countClasses(const Dataset& dataset, const std::vector<std::int64_t>& rows,
                                      std::size_t classes) {
    std::vector<std::size_t> counts(classes, 0);
    for (std::int64_t row : rows) {
        const auto index = static_cast<std::size_t>(row);
        if (index >= dataset.label.size()) continue;
        const int label = dataset.label[index];
        if (label >= 0 && static_cast<std::size_t>(label) < classes)
            ++counts[static_cast<std::size_t>(label)];
    }
    return counts;
}
}  // namespace

SplitSummary summarize(const Dataset& dataset, const Split& split) {
    std::size_t classes = dataset.classNames.size();
    for (int label : dataset.label)
        if (label >= 0) classes = std::max(classes, static_cast<std::size_t>(label) + 1);
    SplitSummary summary;
    summary.name = split.name;
    summary.trainPoints = split.train.size();
    summary.validationPoints = split.validation.size();
    summary.testPoints = split.test.size();
    summary.trainClassCounts = countClasses(dataset, split.train, classes);
    summary.validationClassCounts = countClasses(dataset, split.validation, classes);
    summary.testClassCounts = countClasses(dataset, split.test, classes);
    return summary;
}

}  // namespace bridgelc
