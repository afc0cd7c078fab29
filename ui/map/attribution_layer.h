#pragma once
#include <QString>

#include "ui/map/map_layer.h"

namespace bridgelc {

/// The data credits every map must carry (Natural Earth, EEA regions, the point source), bottom right.
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

private:
    QString m_extra = QStringLiteral("Points: LUCAS 2018 © European Union, Eurostat");
};

}  // namespace bridgelc
