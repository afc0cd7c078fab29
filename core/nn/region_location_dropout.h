#pragma once
// Location dropout by region. Internal: include only from core .cpp files (ui must not see torch).
#include <cstdint>
#include <random>

#include <torch/torch.h>

#include "core/nn/location_input.h"

namespace bridgelc {

/// During training, with probability p per mini-batch, hides the location of every point of one region
/// present in the batch (drawn at random among them), so that the network must also classify points whose
/// whereabouts it does not know: it keeps a strong location-free path for regions it never saw. The fixed
/// sinusoid of those points becomes all zeros (no real place encodes to that); lat/lon columns take a fill
/// value (the training mean of the scaled columns). Its own generator, seeded, leaves LibTorch's untouched.
class RegionLocationDropout {
public:
    /// `lonFill` and `latFill` are written into the last two feature columns for LatLon.
    RegionLocationDropout(double probability, std::uint64_t seed, LocationInput location, float lonFill = 0.f,
                          float latFill = 0.f);

    /// Hides the location of one region's points of a batch in place. `groups` holds each row's region
    /// (int64, negative: outside every region, never chosen). `features` is rows x columns (the last two are
    /// lon/lat for LatLon), `encoding` rows x 128 or undefined. Returns the hidden region, or -1 when none.
    std::int64_t apply(torch::Tensor& features, torch::Tensor& encoding, const torch::Tensor& groups);

    bool active() const { return m_probability > 0 && m_location != LocationInput::None; }

private:
    double m_probability;
    LocationInput m_location;
    float m_lonFill, m_latFill;
    std::mt19937_64 m_random;
};

}  // namespace bridgelc
