#pragma once

namespace bridgelc {

/// A "nice" tick interval (1, 2 or 5 times a power of ten) giving at most `maxTicks` ticks over `range`.
double niceTickInterval(double range, int maxTicks);

/// Lower and upper bound rounded outwards to multiples of `interval`.
struct NiceRange {
    double low = 0, high = 1;
};
NiceRange niceRange(double low, double high, double interval);

}  // namespace bridgelc
