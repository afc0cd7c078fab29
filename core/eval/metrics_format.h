#pragma once
#include <string>
#include <vector>

#include "core/eval/metrics.h"

namespace bridgelc {

/// One line with the headline figures: "OA 0.8123  kappa 0.7712  macro F1 0.6512  weighted F1 0.8011  (n =
/// 1234)".
std::string formatHeadline(const Metrics& metrics);

/// A fixed-width text table of precision, recall, F1 and support per class, for terminals and logs.
/// Classes without a name are shown by index.
std::string formatClassTable(const Metrics& metrics, const std::vector<std::string>& classNames);

}  // namespace bridgelc
