#include "ui/chart_axis.h"

#include <cmath>
#include <initializer_list>

namespace bridgelc {

double niceTickInterval(double range, int maxTicks) {
    if (!(range > 0) || maxTicks < 1) return 1;
    const double raw = range / maxTicks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (factor * magnitude >= raw) return factor * magnitude;
    }
    return 10 * magnitude;
}

NiceRange niceRange(double low, double high, double interval) {
    if (!(interval > 0)) return {low, high};
    return {std::floor(low / interval) * interval, std::ceil(high / interval) * interval};
}

}  // namespace bridgelc
