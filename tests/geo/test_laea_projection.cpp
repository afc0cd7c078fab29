#include "core/geo/laea_projection.h"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>
#include <vector>

#include "tests/lucas_table.h"

namespace bridgelc {
namespace {

const std::string kSample =
    std::string(BRIDGELC_SHARED_DATA_DIR) + "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

TEST(LaeaProjection, OriginOfEtrs89LaeaMapsToFalseEastingAndNorthing) {
    // EPSG:3035 is centred on 10E 52N with false easting 4321000 m and false northing 3210000 m.
    LaeaProjection projection;
    double x = 10.0, y = 52.0;
    projection.forward(&x, &y, 1);
    EXPECT_NEAR(x, 4321000.0, 1e-3);
    EXPECT_NEAR(y, 3210000.0, 1e-3);
    projection.inverse(&x, &y, 1);
    EXPECT_NEAR(x, 10.0, 1e-9);
    EXPECT_NEAR(y, 52.0, 1e-9);
}

TEST(LaeaProjection, AxisOrderIsLonLatInEastingNorthingOut) {
    LaeaProjection projection;
    // East of the origin on the same latitude: easting grows, northing stays close.
    double x = 20.0, y = 52.0;
    projection.forward(&x, &y, 1);
    EXPECT_GT(x, 4321000.0 + 500000.0);
    EXPECT_LT(std::abs(y - 3210000.0), 200000.0);
}

TEST(LaeaProjection, LucasPointIdsEncodeTheirLaeaCoordinates) {
    // POINT_ID XXXXYYYY = easting and northing in km on the LUCAS grid; lon/lat are its published inverse.
    const auto rows = test::readLucasRows(kSample);
    ASSERT_EQ(rows.size(), 4000u);
    std::vector<double> x, y;
    for (const auto& row : rows) {
        x.push_back(row.lon);
        y.push_back(row.lat);
    }
    LaeaProjection projection;
    projection.forward(x.data(), y.data(), x.size());
    double worst = 0.0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double e = static_cast<double>(rows[i].pointId / 10000) * 1000.0;
        const double n = static_cast<double>(rows[i].pointId % 10000) * 1000.0;
        worst = std::max({worst, std::abs(x[i] - e), std::abs(y[i] - n)});
        ASSERT_NEAR(x[i], e, 1.0) << "POINT_ID " << rows[i].pointId;
        ASSERT_NEAR(y[i], n, 1.0) << "POINT_ID " << rows[i].pointId;
    }
    // lon/lat carry 6 decimals (about 0.1 m), so the match should be far better than the 1 m bound.
    EXPECT_LT(worst, 0.2);
}

TEST(LaeaProjection, InverseRoundTripsForward) {
    LaeaProjection projection;
    std::vector<double> lon, lat;
    for (double lo = -30.0; lo <= 45.0; lo += 5.0)
        for (double la = 27.0; la <= 72.0; la += 5.0) {
            lon.push_back(lo);
            lat.push_back(la);
        }
    std::vector<double> x = lon, y = lat;
    projection.forward(x.data(), y.data(), x.size());
    projection.inverse(x.data(), y.data(), x.size());
    // PROJ's inverse uses a series for the authalic latitude: about 1e-8 degrees (1 mm), so allow 1 cm.
    for (std::size_t i = 0; i < lon.size(); ++i) {
        EXPECT_NEAR(x[i], lon[i], 1e-7);
        EXPECT_NEAR(y[i], lat[i], 1e-7);
    }
}

TEST(LaeaProjection, UndefinedInputGivesNonFiniteOutputAndLaterPointsStillWork) {
    LaeaProjection projection;
    double x[] = {std::nan(""), 10.0};
    double y[] = {std::nan(""), 52.0};
    projection.forward(x, y, 2);
    EXPECT_FALSE(std::isfinite(x[0]) && std::isfinite(y[0]));
    EXPECT_NEAR(x[1], 4321000.0, 1e-3);
    double a = 10.0, b = 52.0;
    projection.forward(&a, &b, 1);
    EXPECT_NEAR(b, 3210000.0, 1e-3);
}

TEST(LaeaProjection, InstancesInSeveralThreadsAgree) {
    std::vector<double> lon, lat;
    for (int i = 0; i < 20000; ++i) {
        lon.push_back(-10.0 + (i % 400) * 0.1);
        lat.push_back(35.0 + (i / 400) * 0.5);
    }
    std::vector<double> refX = lon, refY = lat;
    LaeaProjection().forward(refX.data(), refY.data(), refX.size());

    std::vector<std::vector<double>> xs(4, lon), ys(4, lat);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            LaeaProjection own;
            own.forward(xs[t].data(), ys[t].data(), xs[t].size());
        });
    for (auto& thread : threads)
        thread.join();
    for (int t = 0; t < 4; ++t) {
        EXPECT_EQ(xs[t], refX);
        EXPECT_EQ(ys[t], refY);
    }
}

}  // namespace
}  // namespace bridgelc
