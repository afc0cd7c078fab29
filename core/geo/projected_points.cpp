#include "core/geo/projected_points.h"

#include <cmath>
#include <stdexcept>

#include "core/geo/laea_projection.h"

namespace bridgelc {

ProjectedPoints projectToLaea(const std::vector<double>& lon, const std::vector<double>& lat) {
    if (lon.size() != lat.size()) throw std::invalid_argument("projectToLaea: lon and lat differ in length");
    ProjectedPoints out;
    out.x = lon;
    out.y = lat;
    // A projection per call keeps this thread-safe; creating one costs far less than projecting many points.
    const LaeaProjection projection;
    projection.forward(out.x.data(), out.y.data(), out.x.size());
    for (std::size_t i = 0; i < out.size(); ++i) {
        // PROJ marks failures with HUGE_VAL and passes NaN through; NaN alone is simpler to test downstream.
        if (!std::isfinite(out.x[i]) || !std::isfinite(out.y[i]) || !std::isfinite(lon[i]) ||
            !std::isfinite(lat[i])) {
            out.x[i] = out.y[i] = std::nan("");
        }
    }
    return out;
}

}  // namespace bridgelc
