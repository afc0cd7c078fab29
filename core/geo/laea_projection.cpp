#include "core/geo/laea_projection.h"

#include <proj.h>

#include <stdexcept>
#include <string>

namespace bridgelc {

// A context per instance keeps PROJ's error state and database handle private to the owner's thread.
struct LaeaProjection::Impl {
    PJ_CONTEXT* context = nullptr;
    PJ* transform = nullptr;

    ~Impl() {
        if (transform) proj_destroy(transform);
        if (context) proj_context_destroy(context);
    }

    void run(PJ_DIRECTION direction, double* x, double* y, std::size_t n) const {
        if (n == 0) return;
        proj_trans_generic(transform, direction, x, sizeof(double), n, y, sizeof(double), n, nullptr, 0, 0,
                           nullptr, 0, 0);
        // A failed point is already HUGE_VAL; clear the error so the next call starts clean.
        proj_errno_reset(transform);
    }
};

LaeaProjection::LaeaProjection() : m_impl(std::make_unique<Impl>()) {
    m_impl->context = proj_context_create();
    if (!m_impl->context) throw std::runtime_error("PROJ: cannot create a context");
    // Failed points come back as HUGE_VAL; PROJ's own stderr lines about them would only be noise.
    proj_log_level(m_impl->context, PJ_LOG_NONE);
    PJ* raw = proj_create_crs_to_crs(m_impl->context, "EPSG:4326", "EPSG:3035", nullptr);
    if (!raw) {
        const int code = proj_context_errno(m_impl->context);
        throw std::runtime_error(std::string("PROJ: cannot create EPSG:4326 -> EPSG:3035 (") +
                                 proj_context_errno_string(m_impl->context, code) +
                                 "); is proj.db installed (PROJ_DATA)?");
    }
    // EPSG:4326 is lat/lon and EPSG:3035 northing/easting by definition; callers pass lon/x first.
    m_impl->transform = proj_normalize_for_visualization(m_impl->context, raw);
    proj_destroy(raw);
    if (!m_impl->transform) throw std::runtime_error("PROJ: cannot normalise the axis order of EPSG:3035");
}

LaeaProjection::~LaeaProjection() = default;

void LaeaProjection::forward(double* x, double* y, std::size_t n) const {
    m_impl->run(PJ_FWD, x, y, n);
}

void LaeaProjection::inverse(double* x, double* y, std::size_t n) const {
    m_impl->run(PJ_INV, x, y, n);
}

}  // namespace bridgelc
