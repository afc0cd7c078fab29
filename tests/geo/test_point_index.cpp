#include "core/geo/point_index.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "core/geo/projected_points.h"
#include "tests/lucas_table.h"

namespace bridgelc {
namespace {

const std::string kSample =
    std::string(BRIDGELC_SHARED_DATA_DIR) + "/lucas/lucas2018_elc10_s1s2_sample4k.csv";

std::int64_t bruteNearest(const ProjectedPoints& p, double x, double y, double maxDistance) {
    std::int64_t best = -1;
    double bestD = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (!p.valid(i)) continue;
        const double d = std::hypot(p.x[i] - x, p.y[i] - y);
        if (d <= maxDistance && d < bestD) {
            bestD = d;
            best = static_cast<std::int64_t>(i);
        }
    }
    return best;
}

TEST(ProjectToLaea, ManyLucasPointsLandOnTheirGridWithinOneMetre) {
    const auto rows = test::readLucasRows(kSample);
    ASSERT_EQ(rows.size(), 4000u);
    std::vector<double> lon, lat;
    for (const auto& row : rows) {
        lon.push_back(row.lon);
        lat.push_back(row.lat);
    }
    const ProjectedPoints p = projectToLaea(lon, lat);
    ASSERT_EQ(p.size(), rows.size());
    double worst = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double e = double(rows[i].pointId / 10000) * 1000.0,
                     n = double(rows[i].pointId % 10000) * 1000.0;
        worst = std::max({worst, std::abs(p.x[i] - e), std::abs(p.y[i] - n)});
    }
    EXPECT_LT(worst, 1.0);
    std::printf("[ projection ] worst |EPSG:3035 - POINT_ID grid| over 4000 LUCAS points: %.3f m\n", worst);
}

TEST(ProjectToLaea, NonFiniteInputBecomesNaNBothWays) {
    const ProjectedPoints p = projectToLaea({10.0, std::nan(""), 10.0}, {52.0, 50.0, std::nan("")});
    EXPECT_TRUE(p.valid(0));
    EXPECT_FALSE(p.valid(1));
    EXPECT_FALSE(p.valid(2));
    EXPECT_THROW(projectToLaea({1.0}, {}), std::invalid_argument);
}

TEST(PointIndex, NearestMatchesBruteForceOnRealPoints) {
    const auto rows = test::readLucasRows(kSample);
    std::vector<double> lon, lat;
    for (const auto& row : rows) {
        lon.push_back(row.lon);
        lat.push_back(row.lat);
    }
    const ProjectedPoints p = projectToLaea(lon, lat);
    const PointIndex index(p);
    EXPECT_EQ(index.size(), p.size());
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> ex(2.6e6, 7.4e6), ny(1.4e6, 5.4e6);
    int found = 0;
    for (int q = 0; q < 2000; ++q) {
        const double x = ex(rng), y = ny(rng);
        for (const double radius : {2000.0, 20000.0, 80000.0}) {
            const std::int64_t expected = bruteNearest(p, x, y, radius);
            ASSERT_EQ(index.nearest(x, y, radius), expected) << "query " << x << "," << y << " r " << radius;
            found += expected >= 0;
        }
    }
    EXPECT_GT(found, 500);  // the queries really hit points, not only empty answers
    // A query exactly on a point returns that point.
    EXPECT_EQ(index.nearest(p.x[1234], p.y[1234], 1.0), 1234);
}

TEST(PointIndex, SkipsInvalidPointsAndBreaksTiesByRow) {
    ProjectedPoints p;
    p.x = {std::nan(""), 10.0, 10.0, 30.0};
    p.y = {std::nan(""), 0.0, 0.0, 0.0};
    const PointIndex index(p);
    EXPECT_EQ(index.size(), 3u);
    EXPECT_EQ(index.nearest(10.0, 0.0, 5.0), 1);  // rows 1 and 2 coincide: the lower row wins
    EXPECT_EQ(index.nearest(0.0, 0.0, 5.0), -1);
    EXPECT_EQ(index.nearest(26.0, 0.0, 5.0), 3);
    EXPECT_EQ(index.within(20.0, 0.0, 10.0), (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_EQ(PointIndex().nearest(0, 0, 1e9), -1);
}

}  // namespace
}  // namespace bridgelc
