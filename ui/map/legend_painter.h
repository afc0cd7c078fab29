#pragma once
#include <QFont>
#include <QRectF>
#include <utility>
#include <vector>

#include "ui/map/legend_section.h"

class QPainter;
class QPaintDevice;

namespace bridgelc {

/// Measures and draws legend sections in a column of a given width: the legend panel's typesetting, apart
/// from where the panel goes.
class LegendPainter {
public:
    LegendPainter(QPaintDevice* device, qreal pointSize = 9);

    /// The width the sections would like (longest label, ramp), before wrapping.
    qreal naturalWidth(const std::vector<LegendSection>& sections) const;
    /// Height of one section in a column `width` wide; a folded section shows its title only.
    qreal height(const LegendSection& section, qreal width, bool folded) const;
    /// Draws the section with its top-left at `topLeft`; returns the height used.
    qreal paint(QPainter& painter, const LegendSection& section, QPointF topLeft, qreal width,
                bool folded) const;
    qreal lineHeight() const { return m_line; }
    const QFont& font() const { return m_font; }
    const QFont& boldFont() const { return m_bold; }

    /// The entries a section shows, [first, last): all, or its scrolled window kept within the list.
    static std::pair<int, int> entryWindow(const LegendSection& section);
    /// The scroll arrows at the right end of a scrolled section's last line (`footer`).
    static QRectF upArrow(const QRectF& footer);
    static QRectF downArrow(const QRectF& footer);

    static constexpr qreal kPadding = 8, kSectionGap = 8, kRampWidth = 180, kRampHeight = 12, kSwatch = 22;

private:
    QString entryLabel(const LegendEntry& entry) const;

    QPaintDevice* m_device;
    QFont m_font, m_bold;
    qreal m_line;
};

}  // namespace bridgelc
