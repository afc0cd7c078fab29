#include "core/raster/share_rows.h"

#include <fmt/format.h>
#include <gdal_priv.h>

#include <algorithm>
#include <cmath>

#include "core/raster/raster_error.h"

namespace bridgelc {

namespace {

/// Weight of a nodata pixel against a valid one: reading it costs a little, predicting it nothing.
constexpr double kNoDataWeight = 0.01;

}  // namespace

std::vector<int> balancedShareRows(GDALDataset& stack, int bandNumber, int parts) {
    const int width = stack.GetRasterXSize(), height = stack.GetRasterYSize();
    if (parts < 1 || parts > height)
        throw RasterError(fmt::format("{} tiles: the raster has {} rows of pixels; use 1 to {} tiles", parts,
                                      height, height));
    std::vector<int> bounds(static_cast<std::size_t>(parts) + 1, 0);
    bounds.back() = height;
    if (parts == 1) return bounds;

    GDALRasterBand* band = stack.GetRasterBand(bandNumber);
    const int sampleWidth = std::min(width, 1024), sampleHeight = std::min(height, 8192);
    const std::size_t samples =
        static_cast<std::size_t>(sampleWidth) * static_cast<std::size_t>(sampleHeight);
    std::vector<float> values(samples);
    if (band->RasterIO(GF_Read, 0, 0, width, height, values.data(), sampleWidth, sampleHeight, GDT_Float32, 0,
                       0, nullptr) != CE_None)
        throw RasterError(
            fmt::format("cannot read band {} to share out the work: {}", bandNumber, CPLGetLastErrorMsg()));
    std::vector<unsigned char> mask;
    const int flags = band->GetMaskFlags();
    if (!(flags & GMF_ALL_VALID) && !(flags & GMF_NODATA)) {
        mask.resize(samples);
        if (band->GetMaskBand()->RasterIO(GF_Read, 0, 0, width, height, mask.data(), sampleWidth,
                                          sampleHeight, GDT_Byte, 0, 0, nullptr) != CE_None)
            throw RasterError(fmt::format("cannot read the mask of band {} to share out the work: {}",
                                          bandNumber, CPLGetLastErrorMsg()));
    }
    int hasNoData = 0;
    const auto noData = static_cast<float>(band->GetNoDataValue(&hasNoData));

    // Work per pixel row: each sampled row's valid share spread over the pixel rows it stands for.
    std::vector<double> cumulative(static_cast<std::size_t>(height) + 1, 0.0);
    for (int y = 0; y < height; ++y) {
        const auto s = static_cast<std::size_t>(static_cast<long long>(y) * sampleHeight / height);
        std::size_t valid = 0;
        for (std::size_t x = 0; x < static_cast<std::size_t>(sampleWidth); ++x) {
            const std::size_t i = s * static_cast<std::size_t>(sampleWidth) + x;
            const float v = values[i];
            valid += !std::isnan(v) && !(hasNoData && v == noData) && (mask.empty() || mask[i] != 0);
        }
        const double share = static_cast<double>(valid) / sampleWidth;
        cumulative[static_cast<std::size_t>(y) + 1] =
            cumulative[static_cast<std::size_t>(y)] + share + (1.0 - share) * kNoDataWeight;
    }
    const double total = cumulative.back();
    for (int p = 1; p < parts; ++p) {
        const double target = total * p / parts;
        const auto first = std::lower_bound(cumulative.begin(), cumulative.end(), target);
        int row = static_cast<int>(first - cumulative.begin());
        // The nearer of the two rows around the target, then at least one row per strip on both sides.
        if (row > 0 && target - cumulative[static_cast<std::size_t>(row) - 1] <
                           cumulative[static_cast<std::size_t>(row)] - target)
            --row;
        row = std::clamp(row, bounds[static_cast<std::size_t>(p) - 1] + 1, height - (parts - p));
        bounds[static_cast<std::size_t>(p)] = row;
    }
    return bounds;
}

}  // namespace bridgelc
