#pragma once
#include <vector>

#include "core/util/float_matrix.h"

namespace bridgelc {

/// How strongly an embedding groups points by a label: the share of each point's k nearest neighbours
/// (Euclidean, the point itself excluded) that carry the point's label, averaged over the points. Points with
/// a negative label (unknown) are not scored, and as a neighbour they agree with nobody. 1 means the label
/// alone decides who is near whom; chanceAgreement() is what an embedding that ignores the label gets. This
/// is the check the paper suggests for the disentanglement: classes should group in the region-invariant
/// branch, regions in the region-specific one. Throws std::invalid_argument when a labelling's size is not
/// the number of points or k < 1.
double neighbourAgreement(const FloatMatrix& points, const std::vector<int>& labels, int k = 1);

/// The same for several labellings of the same points, finding the neighbours once (e.g. class and region).
std::vector<double> neighbourAgreements(const FloatMatrix& points,
                                        const std::vector<std::vector<int>>& labellings, int k = 1);

/// The agreement of a random neighbour: the sum of the squared label shares (labels < 0 ignored).
double chanceAgreement(const std::vector<int>& labels);

}  // namespace bridgelc
