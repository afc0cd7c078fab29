#include "ui/views/embedding_scatter.h"

#include <QPainter>
#include <QResizeEvent>
#include <algorithm>
#include <limits>

namespace bridgelc {

EmbeddingScatter::EmbeddingScatter(QWidget* parent) : QWidget(parent) {
    setMinimumSize(320, 320);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void EmbeddingScatter::setContent(const QString& title, const QString& subtitle, const FloatMatrix& points,
                                  std::vector<QColor> colours, std::vector<std::size_t> drawOrder,
                                  std::vector<LegendEntry> legend) {
    m_title = title;
    m_subtitle = subtitle;
    m_message.clear();
    m_points = points;
    m_colours = std::move(colours);
    m_order = std::move(drawOrder);
    m_legend = std::move(legend);
    render();
    update();  // the cache changed: the screen must show it now, not at the next unrelated repaint
}

void EmbeddingScatter::showMessage(const QString& title, const QString& message) {
    m_title = title;
    m_subtitle.clear();
    m_message = message;
    m_points = {};
    m_colours.clear();
    m_order.clear();
    m_legend.clear();
    render();
    update();
}

void EmbeddingScatter::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    render();
}

void EmbeddingScatter::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    if (m_cache.size() != size()) render();
    painter.drawPixmap(0, 0, m_cache);
}

void EmbeddingScatter::render() {
    if (size().isEmpty()) return;
    m_cache = QPixmap(size());
    m_cache.fill(Qt::white);
    QPainter painter(&m_cache);
    painter.setRenderHint(QPainter::Antialiasing, true);
    QFont titleFont = font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    const QFontMetrics titleMetrics(titleFont), metrics(font());
    painter.setFont(titleFont);
    painter.setPen(QColor(20, 20, 20));
    // The title wraps rather than being cut ("PCA (PC1 54" said nothing).
    const QRect titleRect = titleMetrics.boundingRect(
        QRect(10, 6, width() - 20, height()), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_title);
    painter.drawText(QRect(10, 6, width() - 20, titleRect.height() + 2),
                     Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_title);
    painter.setFont(font());
    painter.setPen(QColor(70, 70, 70));
    const int subtitleTop = 8 + std::max(titleMetrics.height(), titleRect.height());
    const QRect subtitleRect(10, subtitleTop, width() - 20, metrics.height() * 2 + 2);
    painter.drawText(subtitleRect, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_subtitle);

    // Legend on the right, plot to its left.
    int legendWidth = 0;
    for (const LegendEntry& entry : m_legend)
        legendWidth = std::max(legendWidth, metrics.horizontalAdvance(entry.first));
    legendWidth = m_legend.empty() ? 0 : legendWidth + 34;
    const QRect plot(10, subtitleRect.bottom() + 8, width() - 30 - legendWidth,
                     height() - subtitleRect.bottom() - 18);
    painter.setPen(QColor(200, 200, 200));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(plot);
    if (!m_message.isEmpty() || m_points.empty() || plot.width() < 20 || plot.height() < 20) {
        painter.setPen(QColor(90, 90, 90));
        painter.drawText(plot.adjusted(20, 20, -20, -20), Qt::AlignCenter | Qt::TextWordWrap, m_message);
        return;
    }

    // Equal scale on both axes: distances in the picture mean the same in every direction.
    float minX = std::numeric_limits<float>::max(), maxX = -minX, minY = minX, maxY = -minX;
    for (std::size_t i = 0; i < m_points.rows; ++i) {
        minX = std::min(minX, m_points.at(i, 0)), maxX = std::max(maxX, m_points.at(i, 0));
        minY = std::min(minY, m_points.at(i, 1)), maxY = std::max(maxY, m_points.at(i, 1));
    }
    const QRectF inner = QRectF(plot).adjusted(8, 8, -8, -8);
    const double spanX = std::max(1e-12f, maxX - minX), spanY = std::max(1e-12f, maxY - minY);
    const double scale = std::min(inner.width() / spanX, inner.height() / spanY);
    const QPointF centre = inner.center();
    const double midX = 0.5 * (minX + maxX), midY = 0.5 * (minY + maxY);
    const double radius = m_points.rows > 2000 ? 2.2 : 3.0;
    painter.setPen(Qt::NoPen);
    for (std::size_t i : m_order) {
        if (i >= m_points.rows) continue;
        QColor colour = i < m_colours.size() ? m_colours[i] : QColor(Qt::gray);
        colour.setAlpha(200);
        painter.setBrush(colour);
        const QPointF p(centre.x() + (m_points.at(i, 0) - midX) * scale,
                        centre.y() - (m_points.at(i, 1) - midY) * scale);
        painter.drawEllipse(p, radius, radius);
    }

    int y = plot.top() + 4;
    const int line = metrics.height() + 4;
    for (const LegendEntry& entry : m_legend) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(entry.second);
        painter.drawEllipse(QPointF(plot.right() + 18, y + line / 2.0), 5, 5);
        painter.setPen(QColor(30, 30, 30));
        painter.drawText(QRect(plot.right() + 28, y, legendWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
                         entry.first);
        y += line;
    }
}

}  // namespace bridgelc
