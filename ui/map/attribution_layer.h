#pragma once
#include <QFont>
#include <QRectF>
#include <QString>
#include <QStringList>

#include "ui/map/map_layer.h"

namespace bridgelc {

/// The data credits every map must carry (Natural Earth, EEA regions, the point source), bottom right,
/// right of the scale bar. Wrapped onto as many lines as the width needs: a credit is never cut.
class AttributionLayer : public MapLayer {
    Q_OBJECT
public:
    explicit AttributionLayer(QObject* parent = nullptr) : MapLayer(parent) {}

    void paint(QPainter& painter, const Viewport& viewport) override;
    int zValue() const override { return mapz::Attribution; }
    QString name() const override { return tr("Attribution"); }

    /// The full credit line drawn (basemap and regions always, then `extra`, e.g. the points' source).
    QString text() const;
    void setExtra(const QString& extra);
    /// The lines the credit is drawn in for `viewport` on `device` (what paint() draws).
    QStringList lines(const Viewport& viewport, QPaintDevice* device) const;
    /// The box the credit was last painted in, in pixels.
    QRectF lastBox() const { return m_box; }

private:
    QFont font() const;

    QRectF m_box;
    QString m_extra = QStringLiteral("Points: LUCAS 2018 © European Union, Eurostat");
};

}  // namespace bridgelc
