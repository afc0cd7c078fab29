#pragma once
#include <QColor>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <vector>

#include "core/geo/projected_points.h"

namespace bridgelc {

/// How the point layer colours points.
enum class PointColorMode {
    TrueClass,         ///< the reference label
    PredictedClass,    ///< the model's class
    Correctness,       ///< green correct, red wrong (points without both classes are grey)
    Confidence,        ///< the model's maximum probability, on a sequential ramp
    ClassProbability,  ///< the probability of one class (MapPoints::probability), on a sequential ramp
    Dissimilarity      ///< the area of applicability's dissimilarity index (MapPoints::di): a ramp up to the
                       ///< threshold, one dark colour beyond it (outside the area of applicability)
};

/// The per-point values the map shows, filled by the caller (dataset + run) and handed over as one immutable
/// value: nothing here points into the dataset or the trainer. Vectors other than `projected` may be empty
/// when the mode that needs them is not used; otherwise they have one entry per point.
struct MapPoints {
    ProjectedPoints projected;        ///< EPSG:3035 (core/geo projectToLaea); NaN = not drawn
    std::vector<int> trueClass;       ///< index into classNames; -1 unknown
    std::vector<int> predictedClass;  ///< index into classNames; -1 not predicted
    std::vector<float> confidence;    ///< max probability, 0..1; NaN unknown
    std::vector<float> probability;   ///< one class's probability, 0..1 (ClassProbability mode)
    std::vector<float> di;            ///< dissimilarity index (Dissimilarity mode); NaN unknown
    double diThreshold = 0;           ///< DI above which a point is outside the area of applicability
    /// The "Outside the area of applicability" layer: points whose DI is above diThreshold are drawn hollow
    /// (a ring in their colour, whatever the colour mode), the others filled.
    bool markOutside = false;
    std::vector<unsigned char> shown;  ///< 0 hides a point (e.g. not a test point); empty = all shown
    std::vector<QString> ids;          ///< point id as in the file, for tooltips; may be empty
    std::vector<signed char> part;     ///< 0 train, 1 validation, 2 test, -1 none; empty when no run
    QStringList classNames;            ///< class names in index order (colours via classColor)
    /// The class filter: per class, 0 when the user hid it (its points are not shown, it leaves the legend);
    /// empty = every class shown. Filters by the predicted class when coloured by it, else by the true class.
    std::vector<unsigned char> classVisible;
    QString probabilityClass;  ///< name of the class `probability` belongs to
    QString title;             ///< whose result this is: dataset, model, run (legend title)

    std::size_t size() const { return projected.size(); }
    bool isClassVisible(int c) const {
        return classVisible.empty() || c < 0 || std::size_t(c) >= classVisible.size() || classVisible[c];
    }
    /// Classes the filter hides (0 without a filter).
    int hiddenClassCount() const {
        int n = 0;
        for (const unsigned char v : classVisible)
            n += v == 0;
        return n;
    }
    bool isShown(std::size_t i) const { return projected.valid(i) && (shown.empty() || shown[i]); }
    /// True when point i's DI is known and above the threshold (outside the area of applicability).
    bool isOutsideAoa(std::size_t i) const { return i < di.size() && di[i] > diThreshold; }
    /// True when point i is drawn hollow: the outside layer is on and the point is outside.
    bool isHollow(std::size_t i) const { return markOutside && isOutsideAoa(i); }
};

/// A legend row: a swatch colour and its label.
struct LegendEntry {
    QColor color;
    QString label;
    std::int64_t count = -1;  ///< points drawn with this colour; -1 when not counted (ramps)
    bool hollow = false;      ///< the swatch is a ring (points outside the area of applicability)
};

}  // namespace bridgelc
