#include "core/train/class_weights.h"

namespace bridgelc {

std::vector<double> classWeights(const std::vector<int>& labels, std::size_t classes,
                                 ClassWeighting weighting) {
    if (weighting == ClassWeighting::None) return std::vector<double>(classes, 1.0);
    std::vector<std::size_t> counts(classes, 0);
    for (int label : labels)
        if (label >= 0 && static_cast<std::size_t>(label) < classes) ++counts[label];
    std::vector<double> weights(classes, 0.0);
    double sum = 0;
    std::size_t present = 0;
    for (std::size_t c = 0; c < classes; ++c) {
        if (counts[c] == 0) continue;
        weights[c] = 1.0 / static_cast<double>(counts[c]);
        sum += weights[c];
        ++present;
    }
    if (present == 0) return std::vector<double>(classes, 1.0);
    for (double& w : weights)
        w *= static_cast<double>(present) / sum;
    return weights;
}

}  // namespace bridgelc
