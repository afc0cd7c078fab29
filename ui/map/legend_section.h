#pragma once
#include <QColor>
#include <QString>
#include <QStringList>
#include <vector>

#include "ui/map/map_points.h"

namespace bridgelc {

/// What one layer contributes to the map's legend panel: a title (wrapped, never cut), note lines, swatches
/// and optionally a colour ramp. The legend panel lays the sections of all visible layers out in one column,
/// so legends never overlap one another.
struct LegendSection {
    QString title;
    QStringList notes;                 ///< lines under the title (what the colours mean, caveats)
    std::vector<LegendEntry> entries;  ///< one swatch and label each
    bool squareSwatches = false;       ///< areas (regions) rather than points
    std::vector<QColor> ramp;          ///< colour ramp, low to high; empty for none
    QString rampLow, rampHigh;         ///< labels at the ramp's ends
    int order = 0;                     ///< lower comes first in the panel
    /// The window of entries shown (the panel sets it when a long list would cover the map): entries
    /// [firstEntry, firstEntry + visibleEntries) and a line saying which and how to scroll; -1 shows all.
    int firstEntry = 0;
    int visibleEntries = -1;

    bool isScrolled() const { return visibleEntries >= 0 && visibleEntries < int(entries.size()); }
};

}  // namespace bridgelc
