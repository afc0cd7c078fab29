#include "core/embed/barnes_hut_tree.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <numeric>

namespace bridgelc {

namespace {

// Points per leaf: a few exact pairs cost less than the cells and the descent that would separate them.
constexpr std::uint32_t kLeafPoints = 8;
// Coincident points can never be separated: a cell this deep stays a leaf whatever it holds.
constexpr int kMaxDepth = 40;
// Points that share one walk of the tree: more share the walk's cost, but the walk must then satisfy the
// nearest of them, so the list grows.
constexpr std::uint32_t kGroupPoints = 64;
// The sums over the interaction list run on this many floats at once (SSE2 on any x86-64).
constexpr int kLanes = 4;
using Lanes = float __attribute__((vector_size(kLanes * sizeof(float))));

}  // namespace

BarnesHutTree::BarnesHutTree(const std::vector<double>& points) {
    const std::size_t n = points.size() / 2;
    m_order.resize(n);
    std::iota(m_order.begin(), m_order.end(), 0u);
    double minX = points[0], maxX = points[0], minY = points[1], maxY = points[1];
    for (std::size_t i = 1; i < n; ++i) {
        minX = std::min(minX, points[2 * i]);
        maxX = std::max(maxX, points[2 * i]);
        minY = std::min(minY, points[2 * i + 1]);
        maxY = std::max(maxY, points[2 * i + 1]);
    }
    // The points go into tree order first so that the splits partition contiguous coordinates.
    m_x.resize(n);
    m_y.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        m_x[i] = points[2 * i];
        m_y[i] = points[2 * i + 1];
    }
    const double half = std::max({maxX - minX, maxY - minY, 1e-9}) / 2 * (1 + 1e-6);
    m_cells.reserve(2 * n / kLeafPoints + 64);
    m_cells.emplace_back();
    m_cells[0].end = static_cast<std::uint32_t>(n);
    split(0, (minX + maxX) / 2, (minY + maxY) / 2, half, 0);
}

void BarnesHutTree::split(std::int32_t cell, double centreX, double centreY, double half, int depth) {
    const std::uint32_t begin = m_cells[cell].begin, end = m_cells[cell].end;
    m_cells[cell].side = 2 * half;
    m_cells[cell].centreX = centreX;
    m_cells[cell].centreY = centreY;
    if (end - begin <= kLeafPoints || depth >= kMaxDepth) {
        double sx = 0, sy = 0;
        for (std::uint32_t p = begin; p < end; ++p) {
            sx += m_x[p];
            sy += m_y[p];
        }
        const double count = std::max<double>(end - begin, 1);
        m_cells[cell].massX = sx / count;
        m_cells[cell].massY = sy / count;
        return;
    }
    // Quadrants in the order (x < cx, y < cy), (x < cx, y >= cy), (x >= cx, y < cy), (x >= cx, y >= cy),
    // by partitioning positions (three passes) and moving coordinates and indices along.
    std::vector<std::uint32_t> positions(end - begin);
    std::iota(positions.begin(), positions.end(), begin);
    const auto left = [&](std::uint32_t p) { return m_x[p] < centreX; };
    const auto low = [&](std::uint32_t p) { return m_y[p] < centreY; };
    const auto midX = std::stable_partition(positions.begin(), positions.end(), left);
    const auto midLow = std::stable_partition(positions.begin(), midX, low);
    const auto midHigh = std::stable_partition(midX, positions.end(), low);
    std::vector<double> xs(positions.size()), ys(positions.size());
    std::vector<std::uint32_t> order(positions.size());
    for (std::size_t q = 0; q < positions.size(); ++q) {
        xs[q] = m_x[positions[q]];
        ys[q] = m_y[positions[q]];
        order[q] = m_order[positions[q]];
    }
    std::copy(xs.begin(), xs.end(), m_x.begin() + begin);
    std::copy(ys.begin(), ys.end(), m_y.begin() + begin);
    std::copy(order.begin(), order.end(), m_order.begin() + begin);
    const std::array<std::uint32_t, 5> bounds = {
        begin, begin + static_cast<std::uint32_t>(midLow - positions.begin()),
        begin + static_cast<std::uint32_t>(midX - positions.begin()),
        begin + static_cast<std::uint32_t>(midHigh - positions.begin()), end};

    const auto first = static_cast<std::int32_t>(m_cells.size());
    m_cells[cell].firstChild = first;
    m_cells.resize(m_cells.size() + 4);  // invalidates references into m_cells: indices only below
    const double quarter = half / 2;
    for (int q = 0; q < 4; ++q) {
        m_cells[first + q].begin = bounds[q];
        m_cells[first + q].end = bounds[q + 1];
        if (bounds[q] == bounds[q + 1]) continue;
        split(first + q, centreX + (q >= 2 ? quarter : -quarter), centreY + (q % 2 == 1 ? quarter : -quarter),
              quarter, depth + 1);
    }
    double sx = 0, sy = 0;
    for (int q = 0; q < 4; ++q) {
        const Cell& child = m_cells[first + q];
        const double count = child.end - child.begin;
        sx += child.massX * count;
        sy += child.massY * count;
    }
    m_cells[cell].massX = sx / (end - begin);
    m_cells[cell].massY = sy / (end - begin);
}

void BarnesHutTree::collect(const Cell& group, double theta2, Interactions& list) const {
    list.clear();
    const double half = group.side / 2;
    std::array<std::int32_t, 4 * kMaxDepth + 8> stack{};
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
        const Cell& cell = m_cells[stack[--top]];
        const std::uint32_t count = cell.end - cell.begin;
        if (count == 0) continue;
        // Distance from the centre of mass to the group's square: the nearest any of its points can be.
        const double dx = std::max(std::abs(cell.massX - group.centreX) - half, 0.0);
        const double dy = std::max(std::abs(cell.massY - group.centreY) - half, 0.0);
        const double d2 = dx * dx + dy * dy;
        if (d2 > 0 && cell.side * cell.side < theta2 * d2) {
            list.add(cell.massX, cell.massY, count);
        } else if (cell.firstChild < 0) {
            for (std::uint32_t o = cell.begin; o < cell.end; ++o)
                list.add(m_x[o], m_y[o], 1);
        } else {
            for (int c = 0; c < 4; ++c)
                stack[top++] = cell.firstChild + c;
        }
    }
    while (list.x.size() % kLanes != 0)
        list.add(0, 0, 0);
}

double BarnesHutTree::groupRepulsion(const Cell& group, double theta2, Interactions& list,
                                     std::vector<double>& forces) const {
    collect(group, theta2, list);
    const std::size_t size = list.x.size();
    double z = 0;
    for (std::uint32_t p = group.begin; p < group.end; ++p) {
        const Lanes px = Lanes{} + static_cast<float>(m_x[p]), py = Lanes{} + static_cast<float>(m_y[p]);
        Lanes zp{}, fx{}, fy{};
        for (std::size_t k = 0; k < size; k += kLanes) {
            Lanes x, y, m;
            std::memcpy(&x, list.x.data() + k, sizeof(Lanes));
            std::memcpy(&y, list.y.data() + k, sizeof(Lanes));
            std::memcpy(&m, list.mass.data() + k, sizeof(Lanes));
            const Lanes dx = px - x, dy = py - y;
            const Lanes q = 1.0f / (1.0f + dx * dx + dy * dy);
            const Lanes mq = m * q;
            zp += mq;
            fx += mq * q * dx;
            fy += mq * q * dy;
        }
        double sz = 0, sx = 0, sy = 0;
        for (int l = 0; l < kLanes; ++l) {
            sz += zp[l];
            sx += fx[l];
            sy += fy[l];
        }
        // The list holds the point itself (its own cell is never far): q = 1, no force.
        z += sz - 1.0;
        forces[2 * m_order[p]] = sx;
        forces[2 * m_order[p] + 1] = sy;
    }
    return z;
}

double BarnesHutTree::repulsion(double theta, std::vector<double>& forces) const {
    forces.assign(2 * m_x.size(), 0.0);
    Interactions list;
    double z = 0;
    std::vector<std::int32_t> pending = {0};
    while (!pending.empty()) {
        const Cell& cell = m_cells[pending.back()];
        pending.pop_back();
        if (cell.end - cell.begin <= kGroupPoints || cell.firstChild < 0) {
            if (cell.end > cell.begin) z += groupRepulsion(cell, theta * theta, list, forces);
        } else {
            for (int c = 0; c < 4; ++c)
                pending.push_back(cell.firstChild + c);
        }
    }
    return z;
}

}  // namespace bridgelc
