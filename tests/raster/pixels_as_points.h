#pragma once
// Point prediction at raster pixels, independently of core/raster: the features of each sampled pixel are
// read by band name, its centre is taken to longitude/latitude with OGR, and the model predicts it as a
// point.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/model/model.h"

namespace bridgelc::test {

/// Counts into `same` the sampled pixels (columns[i], rows[i]) whose point prediction is the class that
/// `classes` (row-major, `width` wide, from the predicted raster) holds for them.
inline void countPixelsPredictedAsPoints(GDALDataset& stack, const Model& model,
                                         const std::vector<int>& columns, const std::vector<int>& rows,
                                         const std::vector<unsigned char>& classes, int width,
                                         std::size_t& same) {
    std::map<std::string, int> bandOf;
    for (int b = 1; b <= stack.GetRasterCount(); ++b)
        bandOf[stack.GetRasterBand(b)->GetDescription()] = b;
    const std::size_t n = columns.size(), d = model.featureCount();
    std::vector<float> features(n * d);
    std::vector<double> lon(n), lat(n);
    double t[6];
    ASSERT_EQ(CE_None, stack.GetGeoTransform(t));
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference crs(*stack.GetSpatialRef());
    crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> toWgs84(OGRCreateCoordinateTransformation(&crs, &wgs84));
    ASSERT_TRUE(toWgs84);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < d; ++j) {
            float v = 0;
            ASSERT_EQ(CE_None,
                      stack.GetRasterBand(bandOf.at(model.meta().featureNames[j]))
                          ->RasterIO(GF_Read, columns[i], rows[i], 1, 1, &v, 1, 1, GDT_Float32, 0, 0));
            features[i * d + j] = v;
        }
        lon[i] = t[0] + (columns[i] + 0.5) * t[1] + (rows[i] + 0.5) * t[2];
        lat[i] = t[3] + (columns[i] + 0.5) * t[4] + (rows[i] + 0.5) * t[5];
        ASSERT_TRUE(toWgs84->Transform(1, &lon[i], &lat[i]));
        ASSERT_TRUE(lon[i] > -30 && lon[i] < 45 && lat[i] > 30 && lat[i] < 72) << lon[i] << ", " << lat[i];
    }
    const std::vector<float> p = model.predictProba(features.data(), lon.data(), lat.data(), n);
    const std::size_t classCount = model.classCount();
    same = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const float* pi = p.data() + i * classCount;
        same += std::size_t(std::max_element(pi, pi + classCount) - pi) ==
                classes[std::size_t(rows[i]) * std::size_t(width) + std::size_t(columns[i])];
    }
}

}  // namespace bridgelc::test
