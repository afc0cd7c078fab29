#include "core/aoa/nearest_neighbours.h"

#include <nanoflann.hpp>

#include <cmath>
#include <limits>

namespace bridgelc {
namespace {

// nanoflann's view of the rows: it asks for one coordinate at a time.
struct RowSource {
    const float* values = nullptr;
    std::size_t rows = 0, cols = 0;
    std::size_t kdtree_get_point_count() const { return rows; }
    float kdtree_get_pt(std::size_t row, std::size_t dim) const { return values[row * cols + dim]; }
    template <class Box>
    bool kdtree_get_bbox(Box&) const {
        return false;
    }
};

using KdTree = nanoflann::KDTreeSingleIndexAdaptor<nanoflann::L2_Adaptor<float, RowSource, float>, RowSource,
                                                   -1, std::size_t>;

// Rows per leaf: nanoflann scans a leaf linearly, so small leaves keep the exact search close to log n.
constexpr std::size_t kLeafSize = 16;

}  // namespace

struct NearestNeighbours::Tree {
    RowSource source;
    std::unique_ptr<KdTree> index;
};

NearestNeighbours::NearestNeighbours(std::vector<double> rowMajor, std::size_t cols)
    : m_values(rowMajor.begin(), rowMajor.end()),
      m_rows(cols ? m_values.size() / cols : 0),
      m_cols(cols),
      m_tree(std::make_unique<Tree>()) {
    m_tree->source = RowSource{m_values.data(), m_rows, m_cols};
    if (m_rows > 0)
        m_tree->index = std::make_unique<KdTree>(static_cast<int>(m_cols), m_tree->source,
                                                 nanoflann::KDTreeSingleIndexAdaptorParams(kLeafSize));
}

NearestNeighbours::~NearestNeighbours() = default;

double NearestNeighbours::nearestDistance(const double* point) const {
    if (!m_tree->index) return std::numeric_limits<double>::infinity();
    thread_local std::vector<float> query;
    query.assign(point, point + m_cols);
    std::size_t index = 0;
    float squared = 0;
    m_tree->index->knnSearch(query.data(), 1, &index, &squared);
    return std::sqrt(static_cast<double>(squared));
}

}  // namespace bridgelc
