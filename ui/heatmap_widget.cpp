#include "ui/heatmap_widget.h"

#include "ui/heatmap_layout.h"
#include "ui/percent_format.h"

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

namespace {

const QColor kCorrect(8, 81, 156);    // ColorBrewer Blues, darkest
const QColor kConfused(203, 24, 29);  // ColorBrewer Reds, darkest
const QColor kSummaryFill(241, 242, 244);
const QColor kEmptyFill(250, 250, 250);

// Colour intensity of a share: the square root lifts the small off-diagonal shares that matter most.
double intensity(double share) {
    return std::sqrt(std::clamp(share, 0.0, 1.0));
}

QColor blend(const QColor& to, double t) {
    const double s = 0.04 + 0.96 * t;
    return QColor::fromRgbF(1.0 + (to.redF() - 1.0) * s, 1.0 + (to.greenF() - 1.0) * s,
                            1.0 + (to.blueF() - 1.0) * s);
}

QColor textOn(const QColor& fill) {
    const double luminance = 0.2126 * fill.redF() + 0.7152 * fill.greenF() + 0.0722 * fill.blueF();
    return luminance < 0.5 ? QColor(Qt::white) : QColor(20, 20, 20);
}

}  // namespace

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

QColor HeatmapWidget::fillFor(int t, int p) const {
    if (count(t, p) == 0) return kEmptyFill;
    return blend(t == p ? kCorrect : kConfused, intensity(rowShare(t, p)));
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

void HeatmapWidget::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    render(painter, QSizeF(size()));
}

void HeatmapWidget::render(QPainter& painter, const QSizeF& size) const {
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QColor background = palette().color(QPalette::Base);
    painter.fillRect(QRectF(QPointF(0, 0), size), background);
    const HeatmapLayout l = layout(size, painter.device());
    if (!l.valid) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(QRectF(QPointF(0, 0), size), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        painter.restore();
        return;
    }
    paintLabels(painter, l);
    paintCells(painter, l);
    paintLegend(painter, l);
    painter.restore();
}

void HeatmapWidget::paintLabels(QPainter& painter, const HeatmapLayout& l) const {
    const int n = l.n;
    const double cell = l.cell;
    const QColor text = palette().color(QPalette::Text);

    // Axis titles.
    painter.setFont(l.titleFont);
    painter.setPen(text);
    const double titleTop = l.offset.y() + HeatmapLayout::kMargin;
    const double labelsLeft = l.columnX(0) + cell / 2;
    painter.drawText(
        QRectF(labelsLeft, titleTop, l.columnX(n - 1) + cell / 2 + l.overflow - labelsLeft, l.titleHeight),
        Qt::AlignCenter, tr("Predicted class"));
    painter.save();
    painter.translate(l.offset.x() + HeatmapLayout::kMargin, l.rowY(0) + n * cell);
    painter.rotate(-90);
    painter.drawText(QRectF(0, 0, n * cell, l.titleHeight), Qt::AlignCenter, tr("True class"));
    painter.restore();

    // Column labels at 45 degrees, starting just above each column's centre.
    painter.setFont(l.labelFont);
    for (int c = 0; c < n + 2; ++c) {
        const QString label =
            c < n ? m_names[c] : (c == n ? HeatmapLayout::totalLabel() : HeatmapLayout::producerLabel());
        painter.save();
        painter.translate(l.columnX(c) + cell / 2, l.rowY(0) - 5);
        painter.rotate(-45);
        double x = 0;
        if (c < n) {
            painter.fillRect(QRectF(0, -l.swatch / 2, l.swatch, l.swatch), m_colors[c]);
            x = l.swatch + 4;
        }
        painter.setPen(c < n ? text : palette().color(QPalette::PlaceholderText));
        painter.drawText(QRectF(x, -l.lineHeight / 2, l.columnLabelLength, l.lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, label);
        painter.restore();
    }

    // Row labels, right-aligned against the grid, class swatch before the name.
    const QFontMetricsF fm(l.labelFont, painter.device());
    for (int r = 0; r < n + 2; ++r) {
        const QString label =
            r < n ? m_names[r] : (r == n ? HeatmapLayout::totalLabel() : HeatmapLayout::userLabel());
        const QRectF box(l.columnX(0) - 6 - l.rowLabelWidth, l.rowY(r), l.rowLabelWidth, cell);
        painter.setPen(r < n ? text : palette().color(QPalette::PlaceholderText));
        painter.drawText(box, Qt::AlignRight | Qt::AlignVCenter | Qt::TextDontClip, label);
        if (r < n) {
            const double x = box.right() - fm.horizontalAdvance(label) - 4 - l.swatch;
            painter.fillRect(QRectF(x, box.center().y() - l.swatch / 2, l.swatch, l.swatch), m_colors[r]);
        }
    }
}

void HeatmapWidget::paintCells(QPainter& painter, const HeatmapLayout& l) const {
    const int n = l.n;
    const QColor text = palette().color(QPalette::Text);
    painter.setFont(l.cellFont);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    for (int r = 0; r < n + 2; ++r) {
        for (int c = 0; c < n + 2; ++c) {
            const QRectF box = l.cellRect(r, c).adjusted(0.5, 0.5, -0.5, -0.5);
            QString label;
            QColor fill = kSummaryFill, pen = text;
            bool bold = false;
            if (r < n && c < n) {
                fill = fillFor(r, c);
                pen = count(r, c) == 0 ? muted : textOn(fill);
                label = cellText(r, c);
            } else if (c == n && r < n) {
                label = QString::number(rowTotal(r));
            } else if (r == n && c < n) {
                label = QString::number(columnTotal(c));
            } else if (r == n && c == n) {
                label = QString::number(total());
                bold = true;
            } else if (c == n + 1 && r < n) {
                label = rowTotal(r) > 0 ? percentNumber(rowShare(r, r)) : QStringLiteral("-");
            } else if (r == n + 1 && c < n) {
                label = columnTotal(c) > 0 ? percentNumber(double(count(c, c)) / double(columnTotal(c)))
                                           : QStringLiteral("-");
            } else if (r == n + 1 && c == n + 1) {
                label = total() > 0 ? percentNumber(double(m_matrix.correct()) / double(total()))
                                    : QStringLiteral("-");
                bold = true;
            } else {
                continue;  // the two corners where Total meets an accuracy
            }
            painter.fillRect(box, fill);
            QFont f = l.cellFont;
            f.setBold(bold);
            painter.setFont(f);
            painter.setPen(pen);
            painter.drawText(box, Qt::AlignCenter, label);
        }
    }

    // Hover and selection outlines.
    painter.setBrush(Qt::NoBrush);
    if (m_hoverTrue >= 0 && (m_hoverTrue != m_selTrue || m_hoverPred != m_selPred)) {
        painter.setPen(QPen(QColor(60, 60, 60), 1.5));
        painter.drawRect(l.cellRect(m_hoverTrue, m_hoverPred).adjusted(1, 1, -1, -1));
    }
    if (m_selTrue >= 0) {
        painter.setPen(QPen(QColor(255, 170, 0), 3));
        painter.drawRect(l.cellRect(m_selTrue, m_selPred).adjusted(1.5, 1.5, -1.5, -1.5));
    }
}

// Colour scale: two bars (diagonal, off-diagonal) with ticks on the square-root scale actually used.
void HeatmapWidget::paintLegend(QPainter& painter, const HeatmapLayout& l) const {
    const int n = l.n;
    const QColor text = palette().color(QPalette::Text);
    const QColor muted = palette().color(QPalette::PlaceholderText);
    painter.setFont(l.labelFont);
    const double legendX = l.gridRight() + 18;
    const double barTop = l.rowY(0);
    const double barHeight = n * l.cell;
    const double barBottom = barTop + barHeight;
    for (int i = 0; i < 2; ++i) {
        const QColor hue = i == 0 ? kCorrect : kConfused;
        QLinearGradient gradient(0, barBottom, 0, barTop);
        gradient.setColorAt(0, blend(hue, 0));
        gradient.setColorAt(1, blend(hue, 1));
        const QRectF bar(legendX + i * 15, barTop, 12, barHeight);
        painter.fillRect(bar, gradient);
        painter.setPen(QPen(muted, 0.8));
        painter.drawRect(bar);
    }
    const double tickX = legendX + 27;
    for (double share : {0.0, 0.05, 0.25, 0.5, 1.0}) {
        const double y = barBottom - intensity(share) * barHeight;
        painter.setPen(QPen(text, 1));
        painter.drawLine(QPointF(tickX, y), QPointF(tickX + 3, y));
        painter.drawText(QRectF(tickX + 5, y - l.lineHeight / 2, l.legendInnerWidth, l.lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
                         QString::number(share * 100) + QLatin1Char('%'));
    }
    painter.save();
    painter.setFont(l.titleFont);
    painter.setPen(text);
    painter.translate(legendX + l.legendInnerWidth + 6, barBottom);
    painter.rotate(-90);
    painter.drawText(QRectF(0, 0, barHeight, l.titleHeight), Qt::AlignCenter, tr("Share of true class"));
    painter.restore();
    for (int i = 0; i < 2; ++i) {
        const double y = l.rowY(n) + i * (l.lineHeight + 2) + 2;
        painter.fillRect(QRectF(legendX, y + (l.lineHeight - l.swatch) / 2, l.swatch, l.swatch),
                         blend(i == 0 ? kCorrect : kConfused, 0.8));
        painter.setPen(text);
        painter.drawText(QRectF(legendX + l.swatch + 4, y, l.legendInnerWidth, l.lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
                         i == 0 ? HeatmapLayout::correctLabel() : HeatmapLayout::confusedLabel());
    }
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
