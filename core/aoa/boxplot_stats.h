#pragma once
#include <vector>

namespace bridgelc {

/// R's boxplot.stats(x, coef = 1.5)$stats[5]: the largest value of `values` not above the upper hinge plus
/// 1.5 times the hinge spread, with Tukey's hinges as R's fivenum(). NaN values are ignored; throws
/// std::invalid_argument when no value is left.
double upperWhisker(std::vector<double> values);

/// R's fivenum(x): minimum, lower hinge, median, upper hinge, maximum of the non-NaN values.
std::vector<double> tukeyFiveNumbers(std::vector<double> values);

}  // namespace bridgelc
