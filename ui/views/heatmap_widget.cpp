// HeatmapWidget, data half: the matrix, shares, class scores, display order, axis labels and geometry.
#include "ui/views/heatmap_widget.h"

#include <QFontMetricsF>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "ui/common/percent_format.h"
#include "ui/views/heatmap_layout.h"

namespace bridgelc {

namespace {

constexpr double kZoomStep = 1.25;
const QString kNoValue = QStringLiteral("–");

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
    reorder();
    updateGeometry();
    update();
}

void HeatmapWidget::clear() {
    m_names.clear();
    m_colors.clear();
    m_matrix = ConfusionMatrix();
    m_order.clear();
    m_position.clear();
    m_selTrue = m_selPred = m_hoverTrue = m_hoverPred = -1;
    updateGeometry();
    update();
}

void HeatmapWidget::setColors(const QVector<QColor>& colors) {
    m_colors = colors;
    m_colors.resize(classes());
    update();
}

QColor HeatmapWidget::classColor(int c) const {
    return c >= 0 && c < m_colors.size() ? m_colors[c] : QColor();
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

double HeatmapWidget::columnShare(int t, int p) const {
    const qint64 column = columnTotal(p);
    return column > 0 ? static_cast<double>(count(t, p)) / static_cast<double>(column) : 0.0;
}

double HeatmapWidget::classRecall(int c) const {
    return rowTotal(c) > 0 ? rowShare(c, c) : -1.0;
}
double HeatmapWidget::classPrecision(int c) const {
    return columnTotal(c) > 0 ? columnShare(c, c) : -1.0;
}
double HeatmapWidget::classF1(int c) const {
    const double recall = classRecall(c), precision = classPrecision(c);
    if (recall < 0) return -1.0;  // no test points: no score, whatever was predicted
    if (precision <= 0 || recall <= 0) return 0.0;
    return 2 * precision * recall / (precision + recall);
}

void HeatmapWidget::setShowPercentages(bool on) {
    setNormalisation(on ? Normalisation::ByRow : Normalisation::Counts);
}

void HeatmapWidget::setNormalisation(Normalisation normalisation) {
    if (m_normalisation == normalisation) return;
    m_normalisation = normalisation;
    update();
}

double HeatmapWidget::cellValue(int t, int p) const {
    if (t < 0 || p < 0 || t >= classes() || p >= classes()) return -1.0;
    switch (m_normalisation) {
        case Normalisation::Counts:
            return static_cast<double>(count(t, p));
        case Normalisation::ByRow:
            return rowTotal(t) > 0 ? rowShare(t, p) : -1.0;
        case Normalisation::ByColumn:
            return columnTotal(p) > 0 ? columnShare(t, p) : -1.0;
    }
    return -1.0;
}

QString HeatmapWidget::formatShare(double share, const HeatmapLayout& l) const {
    if (share < 0) return kNoValue;
    return l.decimals ? percentNumber(share) : QString::number(std::round(100.0 * share), 'f', 0);
}

QString HeatmapWidget::cellText(int t, int p) const {
    if (t < 0 || p < 0 || t >= classes() || p >= classes()) return {};
    if (m_normalisation == Normalisation::Counts) return QString::number(count(t, p));
    // Decimals depend on the cell size; a widget never shown has no size yet, so its preferred one counts.
    const QSizeF painted = isVisible() ? QSizeF(size()) : QSizeF(sizeHint());
    return formatShare(cellValue(t, p), layout(painted, this));
}

void HeatmapWidget::setSortKey(SortKey key) {
    if (m_sortKey == key) return;
    m_sortKey = key;
    reorder();
    update();
}

void HeatmapWidget::reorder() {
    const int n = classes();
    m_order.resize(n);
    std::iota(m_order.begin(), m_order.end(), 0);
    auto byScore = [this](double (HeatmapWidget::*score)(int) const) {
        std::stable_sort(m_order.begin(), m_order.end(),
                         [this, score](int a, int b) { return (this->*score)(a) > (this->*score)(b); });
    };
    switch (m_sortKey) {
        case SortKey::Legend:
            break;
        case SortKey::Name:
            std::stable_sort(m_order.begin(), m_order.end(), [this](int a, int b) {
                return QString::localeAwareCompare(m_names[a], m_names[b]) < 0;
            });
            break;
        case SortKey::Support:
            std::stable_sort(m_order.begin(), m_order.end(),
                             [this](int a, int b) { return rowTotal(a) > rowTotal(b); });
            break;
        case SortKey::F1:
            byScore(&HeatmapWidget::classF1);
            break;
        case SortKey::Recall:
            byScore(&HeatmapWidget::classRecall);
            break;
        case SortKey::Precision:
            byScore(&HeatmapWidget::classPrecision);
            break;
    }
    m_position.resize(n);
    for (int i = 0; i < n; ++i)
        m_position[m_order[i]] = i;
}

QStringList HeatmapWidget::axisLabels(const QPaintDevice* device) const {
    // Long legend names ("B37 Other non-permanent industrial crops") are cut to about 22 characters, so the
    // labels do not push the matrix off the page; the tooltip has the full name.
    const QFontMetricsF fm(font(), const_cast<QPaintDevice*>(device));
    const double longest = fm.horizontalAdvance(QString(22, QLatin1Char('n')));
    QStringList labels;
    for (const int c : m_order)
        labels << fm.elidedText(m_names[c], Qt::ElideRight, longest);
    return labels;
}

QString HeatmapWidget::axisLabel(int c) const {
    if (c < 0 || c >= classes()) return {};
    return axisLabels(this).at(m_position[c]);
}

HeatmapLayout HeatmapWidget::unfitted(const QPaintDevice* device) const {
    return HeatmapLayout(axisLabels(device), font(), device);
}

HeatmapLayout HeatmapWidget::layout(const QSizeF& size, const QPaintDevice* device) const {
    HeatmapLayout l = unfitted(device);
    l.fit(size, total(), device, m_cellSize);
    return l;
}

double HeatmapWidget::cellSize() const {
    const HeatmapLayout l = layout(QSizeF(size()), this);
    return l.valid ? l.cell : 0.0;
}

double HeatmapWidget::minimumCellSize() const {
    return unfitted(this).minCell;
}

void HeatmapWidget::setCellSize(double pixels) {
    const double wanted = pixels > 0 ? std::clamp(pixels, minimumCellSize(), 4 * HeatmapLayout::kMaxCell) : 0;
    if (wanted == m_cellSize) return;
    m_cellSize = wanted;
    updateGeometry();
    update();
    Q_EMIT zoomChanged();
}

void HeatmapWidget::zoomIn() {
    setCellSize(std::round(cellSize() * kZoomStep));
}

void HeatmapWidget::zoomOut() {
    setCellSize(std::max(minimumCellSize(), std::round(cellSize() / kZoomStep)));
}

QSize HeatmapWidget::sizeHint() const {
    const HeatmapLayout l = unfitted(this);
    return l.extent(m_cellSize > 0 ? std::max(m_cellSize, l.minCell) : std::max(60.0, l.minCell)).toSize();
}

QSize HeatmapWidget::minimumSizeHint() const {
    // The scroll area around the widget scrolls rather than squeeze cells below a readable size.
    const HeatmapLayout l = unfitted(this);
    return l.extent(m_cellSize > 0 ? std::max(m_cellSize, l.minCell) : l.minCell).toSize();
}

QRect HeatmapWidget::cellRect(int t, int p) const {
    if (t < 0 || p < 0 || t >= classes() || p >= classes()) return {};
    const HeatmapLayout l = layout(QSizeF(size()), this);
    return l.cellRect(m_position[t], m_position[p]).toRect();
}

QPair<int, int> HeatmapWidget::cellAt(const QPoint& pos) const {
    const HeatmapLayout l = layout(QSizeF(size()), this);
    if (!l.valid) return {-1, -1};
    const double x = (pos.x() - l.columnX(0)) / l.cell;
    const double y = (pos.y() - l.rowY(0)) / l.cell;
    if (x < 0 || y < 0 || x >= l.n || y >= l.n) return {-1, -1};
    return {m_order[static_cast<int>(y)], m_order[static_cast<int>(x)]};
}

QRectF HeatmapWidget::rowLabelRect(int c) const {
    if (c < 0 || c >= classes()) return {};
    const HeatmapLayout l = layout(QSizeF(size()), this);
    const QFontMetricsF fm(l.labelFont, const_cast<HeatmapWidget*>(this));
    return l.rowLabelBox(m_position[c], fm.horizontalAdvance(axisLabel(c)));
}

QPolygonF HeatmapWidget::columnLabelPolygon(int c) const {
    if (c < 0 || c >= classes()) return {};
    const HeatmapLayout l = layout(QSizeF(size()), this);
    const QFontMetricsF fm(l.labelFont, const_cast<HeatmapWidget*>(this));
    return l.columnLabelPolygon(m_position[c], fm.horizontalAdvance(axisLabel(c)));
}

int HeatmapWidget::labelAt(const QPoint& pos) const {
    const HeatmapLayout l = layout(QSizeF(size()), this);
    if (!l.valid) return -1;
    const QStringList labels = axisLabels(this);
    const QFontMetricsF fm(l.labelFont, const_cast<HeatmapWidget*>(this));
    for (int i = 0; i < l.n; ++i) {
        const double width = fm.horizontalAdvance(labels[i]);
        // The swatch left of a row label belongs to it too.
        if (l.rowLabelBox(i, width + l.swatch + 4).contains(pos) ||
            l.columnLabelPolygon(i, width).containsPoint(QPointF(pos), Qt::OddEvenFill))
            return m_order[i];
    }
    return -1;
}

QString HeatmapWidget::labelTooltip(int c) const {
    if (c < 0 || c >= classes()) return {};
    auto score = [](double value) { return value < 0 ? kNoValue : percentText(value); };
    return tr("<b>%1</b><br>Test points: %2<br>Predicted as this class: %3<br>"
              "Recall (producer's accuracy): %4<br>Precision (user's accuracy): %5<br>F1: %6")
        .arg(m_names[c].toHtmlEscaped(), QLocale().toString(rowTotal(c)), QLocale().toString(columnTotal(c)),
             score(classRecall(c)), score(classPrecision(c)), score(classF1(c)));
}

QString HeatmapWidget::tooltipFor(int t, int p) const {
    const QLocale locale;
    const qint64 row = rowTotal(t), column = columnTotal(p);
    auto pct = [](qint64 a, qint64 b) { return b > 0 ? percentText(double(a) / double(b)) : kNoValue; };
    return tr("<b>%1</b> predicted as <b>%2</b><br>"
              "Points: %3<br>"
              "Share of true %1: %4<br>"
              "Share of predicted %2: %5<br>"
              "Producer's accuracy of %1: %6<br>"
              "User's accuracy of %2: %7")
        .arg(m_names[t].toHtmlEscaped(), m_names[p].toHtmlEscaped(), locale.toString(count(t, p)),
             pct(count(t, p), row), pct(count(t, p), column), pct(count(t, t), row),
             pct(count(p, p), column));
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

}  // namespace bridgelc
