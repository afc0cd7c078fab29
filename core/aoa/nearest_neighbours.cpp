#include "core/aoa/nearest_neighbours.h"

#include <nanoflann.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

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

// Rows per leaf: nanoflann scans a leaf linearly, so small leaves keep the exact search close to log n
// (8 and 32 were no faster on the real table).
constexpr std::size_t kLeafSize = 16;

// Points sorted and searched together in nearestDistances(): enough for the order to pay, few enough that
// the sorted copy stays small.
constexpr std::size_t kSortedBatch = 65536;

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
    std::vector<double> variance(m_cols, 0.0);
    for (std::size_t c = 0; c < m_cols && m_rows > 0; ++c) {
        double sum = 0, squares = 0;
        bool varies = false;
        for (std::size_t r = 0; r < m_rows; ++r) {
            const double v = m_values[r * m_cols + c];
            sum += v;
            squares += v * v;
            varies = varies || m_values[r * m_cols + c] != m_values[c];
        }
        const double mean = sum / double(m_rows);
        if (varies) {
            variance[c] = std::max(squares / double(m_rows) - mean * mean, 0.0);
            m_searched.push_back(c);
        }
    }
    std::stable_sort(m_searched.begin(), m_searched.end(),
                     [&](std::size_t a, std::size_t b) { return variance[a] > variance[b]; });
    const std::size_t searched = m_searched.size();
    m_searchedValues.resize(m_rows * searched);
    for (std::size_t r = 0; r < m_rows; ++r)
        for (std::size_t k = 0; k < searched; ++k)
            m_searchedValues[r * searched + k] = m_values[r * m_cols + m_searched[k]];
    m_tree->source = RowSource{m_searchedValues.data(), m_rows, searched};
    if (m_rows > 0 && searched > 0)
        m_tree->index = std::make_unique<KdTree>(static_cast<int>(searched), m_tree->source,
                                                 nanoflann::KDTreeSingleIndexAdaptorParams(kLeafSize));
}

NearestNeighbours::~NearestNeighbours() = default;

std::size_t NearestNeighbours::nearestRow(const float* searchedPoint) const {
    // No searched column: every row is the same point.
    if (!m_tree->index) return 0;
    std::size_t index = 0;
    float squared = 0;
    m_tree->index->knnSearch(searchedPoint, 1, &index, &squared);
    return index;
}

double floatRowDistance(const double* point, const float* row, std::size_t cols) {
    double squared = 0;
    for (std::size_t c = 0; c < cols; ++c) {
        const double difference = double(static_cast<float>(point[c])) - double(row[c]);
        squared += difference * difference;
    }
    return std::sqrt(squared);
}

double NearestNeighbours::distanceTo(const double* point, std::size_t row) const {
    return floatRowDistance(point, &m_values[row * m_cols], m_cols);
}

double NearestNeighbours::nearestDistance(const double* point) const {
    double out = 0;
    nearestDistances(point, 1, &out);
    return out;
}

void NearestNeighbours::nearestDistances(const double* points, std::size_t n, double* out) const {
    if (m_rows == 0) {
        std::fill(out, out + n, std::numeric_limits<double>::infinity());
        return;
    }
    const std::size_t searched = m_searched.size();
    std::vector<float> batch;
    std::vector<std::size_t> order;
    for (std::size_t start = 0; start < n; start += kSortedBatch) {
        const std::size_t count = std::min(kSortedBatch, n - start);
        batch.resize(count * searched);
        for (std::size_t i = 0; i < count; ++i)
            for (std::size_t k = 0; k < searched; ++k)
                batch[i * searched + k] = static_cast<float>(points[(start + i) * m_cols + m_searched[k]]);
        order.resize(count);
        std::iota(order.begin(), order.end(), std::size_t{0});
        if (searched > 0)
            std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
                return batch[a * searched] < batch[b * searched];
            });
        for (std::size_t i : order) {
            const std::size_t row = nearestRow(&batch[i * searched]);
            out[start + i] = distanceTo(points + (start + i) * m_cols, row);
        }
    }
}

}  // namespace bridgelc
