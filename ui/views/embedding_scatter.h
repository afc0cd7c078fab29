#pragma once
#include <QColor>
#include <QPixmap>
#include <QString>
#include <QWidget>
#include <utility>
#include <vector>

#include "core/util/float_matrix.h"

namespace bridgelc {

/// One 2-D scatter plot of an embedding, custom-painted: a title, a subtitle, the points as small discs
/// coloured per point, and a legend of the colours. Painted once into a cached pixmap per content or size
/// change, so 5,000 points cost nothing per repaint.
class EmbeddingScatter : public QWidget {
    Q_OBJECT
public:
    using LegendEntry = std::pair<QString, QColor>;

    explicit EmbeddingScatter(QWidget* parent = nullptr);

    /// Shows `points` (n x 2) with one colour per point; the order of `drawOrder` (indices into points) is
    /// the painting order, later on top.
    void setContent(const QString& title, const QString& subtitle, const FloatMatrix& points,
                    std::vector<QColor> colours, std::vector<std::size_t> drawOrder,
                    std::vector<LegendEntry> legend);
    /// No points; `message` in the middle instead.
    void showMessage(const QString& title, const QString& message);

    QString title() const { return m_title; }
    QString subtitle() const { return m_subtitle; }
    QString message() const { return m_message; }
    std::size_t pointCount() const { return m_points.rows; }
    const std::vector<LegendEntry>& legend() const { return m_legend; }

    QSize sizeHint() const override { return {640, 640}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void render();

    QString m_title, m_subtitle, m_message;
    FloatMatrix m_points;
    std::vector<QColor> m_colours;
    std::vector<std::size_t> m_order;
    std::vector<LegendEntry> m_legend;
    QPixmap m_cache;
};

}  // namespace bridgelc
