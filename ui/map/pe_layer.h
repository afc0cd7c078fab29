#pragma once
#include <QImage>
#include <QRectF>
#include <QString>
#include <array>
#include <memory>

#include "ui/map/map_layer.h"

namespace bridgelc {

class BackgroundTask;
class Model;

/// The learned positional encoding of a model as a picture: the PE-MLP evaluated on a grid over Europe (land
/// only), its first three principal components scaled to red, green and blue, drawn semi-transparent over the
/// basemap with a caption in the legend panel. Places the model encodes alike get alike colours, so the
/// picture shows which geography the network learned to tell apart. The grid is computed once, in the
/// background, when the layer is made; paint() only draws the finished image.
class PeLayer : public MapLayer {
    Q_OBJECT
public:
    /// What the background computation produced.
    struct Grid {
        QImage image;                       ///< premultiplied ARGB, transparent at sea
        QRectF extent;                      ///< EPSG:3035 metres the image covers
        std::array<double, 3> explained{};  ///< share of the encoding's variance in PC1..3
        int cells = 0;                      ///< grid cells evaluated (land and coast)
        double seconds = 0;                 ///< wall time of the computation
    };

    /// The layer for `model`, already computing; nullptr when the model has no learned location encoding
    /// (tree models, MLPs without or with fixed location input), or no model is given.
    static PeLayer* create(std::shared_ptr<const Model> model, QObject* parent = nullptr);
    /// Side of a grid cell: the 10 km of the EEA region grid.
    static constexpr double kCellMetres = 10000.0;

    ~PeLayer() override;

    void paint(QPainter& painter, const Viewport& viewport) override;
    /// Above the biogeographical regions, below the graticule and the points.
    int zValue() const override { return mapz::Regions + 5; }
    QString name() const override { return tr("Learned location encoding"); }
    /// The caption and the PC-to-colour key, as a section of the map's legend panel.
    std::optional<LegendSection> legendSection() const override;

    bool isReady() const { return !m_grid.image.isNull(); }
    bool isComputing() const;
    /// Blocks until the grid is computed (tests, export).
    void waitForReady();
    const Grid& grid() const { return m_grid; }
    /// The caption as drawn (title and subtitle lines).
    QString caption() const;
    /// 0..1; 0.7 by default, so the basemap's borders show through.
    void setOpacity(double opacity);

Q_SIGNALS:
    /// The grid is computed; the layer shows it now.
    void ready();
    /// The computation failed; the caption says why.
    void failed(const QString& message);

private:
    PeLayer(std::shared_ptr<const Model> model, QObject* parent);
    void start();

    std::shared_ptr<const Model> m_model;
    QString m_modelName;
    BackgroundTask* m_task;
    Grid m_grid;
    QString m_error;
    double m_progress = 0, m_opacity = 0.7;
};

}  // namespace bridgelc
