#include "core/aoa/boxplot_stats.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bridgelc {

std::vector<double> tukeyFiveNumbers(std::vector<double> values) {
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }),
                 values.end());
    if (values.empty()) throw std::invalid_argument("five-number summary of no values");
    std::sort(values.begin(), values.end());
    const double n = static_cast<double>(values.size());
    // fivenum's positions, 1-based: the hinges sit at floor((n + 3) / 2) / 2 from either end.
    const double n4 = std::floor((n + 3) / 2) / 2;
    const double positions[5] = {1, n4, (n + 1) / 2, n + 1 - n4, n};
    std::vector<double> out(5);
    for (int i = 0; i < 5; ++i) {
        const auto low = static_cast<std::size_t>(std::floor(positions[i])) - 1;
        const auto high = static_cast<std::size_t>(std::ceil(positions[i])) - 1;
        out[i] = 0.5 * (values[low] + values[high]);
    }
    return out;
}

double upperWhisker(std::vector<double> values) {
    const std::vector<double> five = tukeyFiveNumbers(values);
    const double limit = five[3] + 1.5 * (five[3] - five[1]);
    double whisker = -INFINITY;
    for (double v : values)
        if (!std::isnan(v) && v <= limit) whisker = std::max(whisker, v);
    return whisker;
}

}  // namespace bridgelc
