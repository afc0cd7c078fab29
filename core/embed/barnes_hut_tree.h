#pragma once
#include <cstdint>
#include <vector>

namespace bridgelc {

/// A quadtree over 2-D points for the repulsive forces of t-SNE (Barnes and Hut 1986, as van der Maaten 2014
/// uses it): every cell knows how many points it holds and their centre of mass, and a cell far enough away
/// stands in for all its points. Built once per gradient step.
class BarnesHutTree {
public:
    /// The tree over n points given as x0, y0, x1, y1, ...
    explicit BarnesHutTree(const std::vector<double>& points);

    /// Sets forces (2n, same layout) to sum_j q_ij^2 (y_i - y_j) for every point i and returns
    /// Z = sum_{i != j} q_ij, with q_ij = 1 / (1 + |y_i - y_j|^2); a cell of side w at distance d from y_i
    /// counts as its points gathered at their centre of mass when w < theta d. The points of a small cell
    /// share one walk of the tree, with d taken from the cell's nearest edge (so no point of it gets a
    /// coarser sum than its own walk would give), and then run one tight loop over the list it found.
    double repulsion(double theta, std::vector<double>& forces) const;

private:
    struct Cell {
        double massX = 0, massY = 0;      ///< centre of mass
        double centreX = 0, centreY = 0;  ///< of the square
        double side = 0;
        std::uint32_t begin = 0, end = 0;  ///< its points, as positions in tree order
        std::int32_t firstChild = -1;      ///< four consecutive cells; -1 for a leaf
    };

    /// What stands in for the points near and far from one group of points.
    struct Interactions {
        std::vector<float> x, y, mass;  ///< padded with massless entries to a multiple of the vector width
        void clear() { x.clear(), y.clear(), mass.clear(); }
        void add(double px, double py, double m) {
            x.push_back(static_cast<float>(px)), y.push_back(static_cast<float>(py));
            mass.push_back(static_cast<float>(m));
        }
    };

    void split(std::int32_t cell, double centreX, double centreY, double half, int depth);
    void collect(const Cell& group, double theta2, Interactions& list) const;
    double groupRepulsion(const Cell& group, double theta2, Interactions& list,
                          std::vector<double>& forces) const;

    std::vector<Cell> m_cells;
    std::vector<double> m_x, m_y;  ///< the points in tree order (neighbours in the tree are near in memory)
    std::vector<std::uint32_t> m_order;  ///< the original index of each position
};

}  // namespace bridgelc
