#pragma once
#include <cstddef>
#include <memory>

namespace bridgelc {

/// WGS84 lon/lat degrees <-> ETRS89-LAEA Europe (EPSG:3035) metres, through PROJ with the axis order normalised
/// so lon/x goes first. Not thread-safe: give each thread its own instance.
class LaeaProjection {
public:
    LaeaProjection();
    ~LaeaProjection();
    LaeaProjection(const LaeaProjection&) = delete;
    LaeaProjection& operator=(const LaeaProjection&) = delete;

    /// In place: x[i], y[i] are lon, lat on entry and easting, northing on return (HUGE_VAL where undefined).
    void forward(double* x, double* y, std::size_t n) const;
    /// In place: easting, northing -> lon, lat.
    void inverse(double* x, double* y, std::size_t n) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace bridgelc
