#include "ui/views/heatmap_widget.h"

#include "ui/common/percent_format.h"
#include "ui/views/heatmap_layout.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLinearGradient>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace bridgelc {

HeatmapWidget::HeatmapWidget(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
    m_placeholder = tr("No confusion matrix yet.");
}

void HeatmapWidget::setMatrix(const QStringList& names, const QVector<QColor>& colors,
                              const ConfusionMatrix& matrix) {
    const int n = names.size();
    if (matrix.classes() != static_cast<std::size_t>(n)) {
        clear();
        return;
    }
    m_names = names;
    m_colors = colors;
    m_colors.resize(n);
    m_matrix = matrix;
    m_selTrue = m_selPred = m_hoverTrue = m_hoverPred = -1;
    updateGeometry();
    update();
}

void HeatmapWidget::clear() {
    m_names.clear();
    m_colors.clear();
    m_matrix = ConfusionMatrix();
    m_selTrue = m_selPred = m_hoverTrue = m_hoverPred = -1;
    updateGeometry();
    update();
}

qint64 HeatmapWidget::count(int t, int p) const {
    const int n = classes();
    if (t < 0 || p < 0 || t >= n || p >= n) return 0;
    return static_cast<qint64>(m_matrix.at(t, p));
}

qint64 HeatmapWidget::rowTotal(int t) const {
    return t >= 0 && t < classes() ? static_cast<qint64>(m_matrix.rowTotal(t)) : 0;
}
qint64 HeatmapWidget::columnTotal(int p) const {
    return p >= 0 && p < classes() ? static_cast<qint64>(m_matrix.columnTotal(p)) : 0;
}
qint64 HeatmapWidget::total() const {
    return static_cast<qint64>(m_matrix.total());
}

double HeatmapWidget::rowShare(int t, int p) const {
    const qint64 row = rowTotal(t);
    return row > 0 ? static_cast<double>(count(t, p)) / static_cast<double>(row) : 0.0;
}

void HeatmapWidget::setShowPercentages(bool on) {
    if (m_percent == on) return;
    m_percent = on;
    update();
}

QString HeatmapWidget::cellText(int t, int p) const {
    if (t < 0 || p < 0 || t >= classes() || p >= classes()) return {};
    if (m_percent) return rowTotal(t) > 0 ? percentNumber(rowShare(t, p)) : QStringLiteral("-");
    return QString::number(count(t, p));
}

void HeatmapWidget::setPlaceholderText(const QString& text) {
    m_placeholder = text;
    update();
}

void HeatmapWidget::setSelectedCell(int t, int p) {
    if (t < 0 || p < 0 || t >= classes() || p >= classes()) t = p = -1;
    m_selTrue = t;
    m_selPred = p;
    update();
}

HeatmapLayout HeatmapWidget::layout(const QSizeF& size, const QPaintDevice* device) const {
    HeatmapLayout l(m_names, font(), device);
    l.fit(size, total(), device);
    return l;
}

QSize HeatmapWidget::sizeHint() const {
    return HeatmapLayout(m_names, font(), this).extent(60).toSize();
}

QSize HeatmapWidget::minimumSizeHint() const {
    return HeatmapLayout(m_names, font(), this).extent(28).toSize();
}

QRect HeatmapWidget::cellRect(int t, int p) const {
    if (t < 0 || p < 0 || t >= classes() || p >= classes()) return {};
    const HeatmapLayout l = layout(QSizeF(size()), this);
    return l.cellRect(t, p).toRect();
}

QPair<int, int> HeatmapWidget::cellAt(const QPoint& pos) const {
    const HeatmapLayout l = layout(QSizeF(size()), this);
    if (!l.valid) return {-1, -1};
    const double x = (pos.x() - l.columnX(0)) / l.cell;
    const double y = (pos.y() - l.rowY(0)) / l.cell;
    if (x < 0 || y < 0 || x >= l.n || y >= l.n) return {-1, -1};
    return {static_cast<int>(y), static_cast<int>(x)};
}

QString HeatmapWidget::tooltipFor(int t, int p) const {
    const QLocale locale;
    const qint64 row = rowTotal(t), column = columnTotal(p);
    auto pct = [](qint64 a, qint64 b) {
        return b > 0 ? percentText(double(a) / double(b)) : QStringLiteral("-");
    };
    return tr("<b>%1</b> predicted as <b>%2</b><br>"
              "Points: %3<br>"
              "Share of true %1: %4<br>"
              "Producer's accuracy of %1: %5<br>"
              "User's accuracy of %2: %6")
        .arg(m_names[t].toHtmlEscaped(), m_names[p].toHtmlEscaped(), locale.toString(count(t, p)),
             pct(count(t, p), row), pct(count(t, t), row), pct(count(p, p), column));
}

void HeatmapWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    const auto cell = cellAt(event->position().toPoint());
    if (cell.first < 0) return;
    setSelectedCell(cell.first, cell.second);
    Q_EMIT cellActivated(cell.first, cell.second);
}

void HeatmapWidget::mouseMoveEvent(QMouseEvent* event) {
    const auto cell = cellAt(event->position().toPoint());
    if (cell.first != m_hoverTrue || cell.second != m_hoverPred) {
        m_hoverTrue = cell.first;
        m_hoverPred = cell.second;
        setCursor(cell.first >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
    QWidget::mouseMoveEvent(event);
}

void HeatmapWidget::leaveEvent(QEvent* event) {
    m_hoverTrue = m_hoverPred = -1;
    update();
    QWidget::leaveEvent(event);
}

void HeatmapWidget::keyPressEvent(QKeyEvent* event) {
    const int n = classes();
    if (n == 0) return QWidget::keyPressEvent(event);
    int t = std::max(m_selTrue, 0), p = std::max(m_selPred, 0);
    switch (event->key()) {
        case Qt::Key_Left:
            p = std::max(0, p - 1);
            break;
        case Qt::Key_Right:
            p = std::min(n - 1, p + 1);
            break;
        case Qt::Key_Up:
            t = std::max(0, t - 1);
            break;
        case Qt::Key_Down:
            t = std::min(n - 1, t + 1);
            break;
        case Qt::Key_Home:
            t = p = 0;
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
        case Qt::Key_Space:
            break;
        default:
            return QWidget::keyPressEvent(event);
    }
    setSelectedCell(t, p);
    Q_EMIT cellActivated(t, p);
}

bool HeatmapWidget::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const auto cell = cellAt(help->pos());
        if (cell.first >= 0) {
            QToolTip::showText(help->globalPos(), tooltipFor(cell.first, cell.second), this,
                               cellRect(cell.first, cell.second));
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}

}  // namespace bridgelc
