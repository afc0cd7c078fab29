#pragma once
#include <QString>
#include <vector>

#include "ui/map/map_layer.h"
#include "ui/map/map_points.h"

namespace bridgelc {

/// The legend of the current point mode, top right: whose result it is (title), what the colours mean
/// (subtitle), one swatch per class or ramp stop with the number of points shown.
class LegendLayer : public MapLayer {
    Q_OBJECT
public:
    explicit LegendLayer(QObject* parent = nullptr) : MapLayer(parent) {}

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Legend; }
    QString name() const override { return tr("Legend"); }

    void setContent(const QString& title, const QString& subtitle, std::vector<LegendEntry> entries);
    const std::vector<LegendEntry>& entries() const { return m_entries; }
    QString title() const { return m_title; }

private:
    QString m_title, m_subtitle;
    std::vector<LegendEntry> m_entries;
};

}  // namespace bridgelc
