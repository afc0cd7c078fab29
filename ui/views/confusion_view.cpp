#include "ui/views/confusion_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QSaveFile>
#include <QScrollArea>
#include <QTextStream>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/model/model_registry.h"
#include "core/run/training_run.h"
#include "ui/common/chart_export.h"
#include "ui/common/class_colors.h"
#include "ui/common/percent_format.h"

namespace bridgelc {

namespace {

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

}  // namespace

ConfusionView::ConfusionView(QWidget* parent) : QWidget(parent) {
    m_summary = new QLabel(this);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);  // a long run title wraps rather than widen a small window
    m_values = new QComboBox(this);
    m_values->setObjectName(QStringLiteral("confusionValues"));
    m_values->addItem(tr("Counts"), int(HeatmapWidget::Normalisation::Counts));
    m_values->addItem(tr("% of true class (recall)"), int(HeatmapWidget::Normalisation::ByRow));
    m_values->addItem(tr("% of predicted class (precision)"), int(HeatmapWidget::Normalisation::ByColumn));
    m_values->setToolTip(
        tr("Counts, or each cell as a percentage of its row (true class: the diagonal is "
           "the recall) or of its column (predicted class: the diagonal is the precision)"));
    m_order = new QComboBox(this);
    m_order->setObjectName(QStringLiteral("confusionOrder"));
    m_order->addItem(tr("Class order"), int(HeatmapWidget::SortKey::Legend));
    m_order->addItem(tr("Name"), int(HeatmapWidget::SortKey::Name));
    m_order->addItem(tr("Test points"), int(HeatmapWidget::SortKey::Support));
    m_order->addItem(tr("F1"), int(HeatmapWidget::SortKey::F1));
    m_order->addItem(tr("Recall"), int(HeatmapWidget::SortKey::Recall));
    m_order->addItem(tr("Precision"), int(HeatmapWidget::SortKey::Precision));
    m_order->setToolTip(tr("Order of the rows and columns (the diagonal stays the diagonal)"));
    auto zoomButton = [this](const QString& text, const QString& tip) {
        auto* button = new QToolButton(this);
        button->setText(text);
        button->setToolTip(tip);
        button->setAutoRaise(true);
        return button;
    };
    m_zoomOut = zoomButton(QStringLiteral("−"), tr("Zoom out (Ctrl+wheel, Ctrl+-)"));
    m_zoomIn = zoomButton(QStringLiteral("+"), tr("Zoom in (Ctrl+wheel, Ctrl++)"));
    m_zoomFit = zoomButton(tr("Fit"), tr("Fit the matrix to the tab (Ctrl+0)"));
    m_heatmap = new HeatmapWidget(this);
    m_heatmap->setPlaceholderText(tr("No test results yet. Train a model to see where it confuses classes."));
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_heatmap);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(new QLabel(tr("Show:"), this));
    bar->addWidget(m_values);
    bar->addSpacing(8);
    bar->addWidget(new QLabel(tr("Order:"), this));
    bar->addWidget(m_order);
    bar->addSpacing(8);
    bar->addWidget(m_zoomOut);
    bar->addWidget(m_zoomIn);
    bar->addWidget(m_zoomFit);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_scroll, 1);

    connect(m_values, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
        m_heatmap->setNormalisation(HeatmapWidget::Normalisation(m_values->currentData().toInt()));
    });
    connect(m_order, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this] { m_heatmap->setSortKey(HeatmapWidget::SortKey(m_order->currentData().toInt())); });
    connect(m_zoomIn, &QToolButton::clicked, m_heatmap, &HeatmapWidget::zoomIn);
    connect(m_zoomOut, &QToolButton::clicked, m_heatmap, &HeatmapWidget::zoomOut);
    connect(m_zoomFit, &QToolButton::clicked, m_heatmap, &HeatmapWidget::zoomToFit);
    connect(m_heatmap, &HeatmapWidget::zoomChanged, this, &ConfusionView::updateZoomButtons);
    connect(m_heatmap, &HeatmapWidget::cellActivated, this, &ConfusionView::onCellActivated);
    connect(ClassPaletteNotifier::instance(), &ClassPaletteNotifier::paletteChanged, this,
            &ConfusionView::recolour);
    updateZoomButtons();
}

void ConfusionView::recolour() {
    QVector<QColor> colors;
    const QStringList& names = m_heatmap->names();
    for (int i = 0; i < names.size(); ++i)
        colors << classColor(i, names[i]);
    m_heatmap->setColors(colors);
}

void ConfusionView::updateZoomButtons() {
    const bool any = m_heatmap->classes() > 0;
    m_zoomIn->setEnabled(any);
    m_zoomOut->setEnabled(any);
    m_zoomFit->setEnabled(any && m_heatmap->requestedCellSize() > 0);
}

void ConfusionView::setResult(const RunResult& run, const Dataset& dataset) {
    QStringList names;
    const auto& source = run.classNames.empty() ? dataset.classNames : run.classNames;
    for (const auto& name : source)
        names << QString::fromStdString(name);
    const int n = names.size();
    m_classes = n;
    m_cellRows = QVector<QVector<qint64>>(n * n);

    // The predictions locate each point; they only count when every row and label fits this dataset.
    const auto& rows = run.test.rows;
    bool rowsFit = !rows.empty() && rows.size() == run.test.predicted.size();
    for (std::size_t i = 0; rowsFit && i < rows.size(); ++i) {
        const auto row = rows[i];
        rowsFit = row >= 0 && static_cast<std::size_t>(row) < dataset.label.size() &&
                  dataset.label[row] >= 0 && dataset.label[row] < n && run.test.predicted[i] >= 0 &&
                  run.test.predicted[i] < n;
    }
    ConfusionMatrix counts(static_cast<std::size_t>(n));
    if (rowsFit) {
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const int truth = dataset.label[rows[i]], predicted = run.test.predicted[i];
            m_cellRows[truth * n + predicted].append(rows[i]);
            counts.add(truth, predicted);
        }
    } else if (run.testConfusion.classes() == static_cast<std::size_t>(n)) {
        counts = run.testConfusion;
    } else {
        m_cellRows.clear();
        m_classes = 0;
        m_heatmap->clear();
        m_summary->clear();
        return;
    }

    QVector<QColor> colors;
    for (int i = 0; i < n; ++i)
        colors << classColor(i, names[i]);
    m_heatmap->setMatrix(names, colors, counts);
    updateZoomButtons();

    const qint64 total = static_cast<qint64>(counts.total());
    const QLocale locale;
    QStringList title;
    if (!run.modelName.empty()) title << QString::fromStdString(modelDisplayName(run.modelName));
    if (!run.splitName.empty()) title << QString::fromStdString(run.splitName);
    const QString facts =
        tr("%1 test points, overall accuracy %2 %")
            .arg(locale.toString(total),
                 total > 0 ? percentNumber(double(counts.correct()) / double(total)) : QStringLiteral("-"));
    m_summary->setText(title.isEmpty() ? facts
                                       : title.join(QStringLiteral(" · ")) + QStringLiteral(" — ") + facts);
}

void ConfusionView::clear() {
    m_classes = 0;
    m_cellRows.clear();
    m_heatmap->clear();
    m_summary->clear();
}

void ConfusionView::setShowPercentages(bool on) {
    setNormalisation(on ? HeatmapWidget::Normalisation::ByRow : HeatmapWidget::Normalisation::Counts);
}
void ConfusionView::setNormalisation(HeatmapWidget::Normalisation normalisation) {
    m_values->setCurrentIndex(m_values->findData(int(normalisation)));
}
void ConfusionView::setSortKey(HeatmapWidget::SortKey key) {
    m_order->setCurrentIndex(m_order->findData(int(key)));
}
bool ConfusionView::showPercentages() const {
    return m_heatmap->showPercentages();
}
QString ConfusionView::cellText(int t, int p) const {
    return m_heatmap->cellText(t, p);
}
QRect ConfusionView::cellRect(int t, int p) const {
    return m_heatmap->cellRect(t, p);
}
HeatmapWidget* ConfusionView::heatmapWidget() const {
    return m_heatmap;
}

QVector<qint64> ConfusionView::rowsOf(int t, int p) const {
    if (t < 0 || p < 0 || t >= m_classes || p >= m_classes || m_cellRows.isEmpty()) return {};
    return m_cellRows[t * m_classes + p];
}

void ConfusionView::onCellActivated(int t, int p) {
    Q_EMIT cellSelected(t, p, rowsOf(t, p));
}

bool ConfusionView::exportCsv(const QString& path) {
    const int n = m_heatmap->classes();
    if (n == 0) return false;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) return false;
    QTextStream out(&file);
    const QStringList& names = m_heatmap->names();
    out << csvField(QStringLiteral("true \\ predicted"));
    for (const QString& name : names)
        out << ',' << csvField(name);
    out << ",Total\n";
    for (int t = 0; t < n; ++t) {
        out << csvField(names[t]);
        for (int p = 0; p < n; ++p)
            out << ',' << m_heatmap->count(t, p);
        out << ',' << m_heatmap->rowTotal(t) << '\n';
    }
    out << "Total";
    for (int p = 0; p < n; ++p)
        out << ',' << m_heatmap->columnTotal(p);
    out << ',' << m_heatmap->total() << '\n';
    out.flush();
    return out.status() == QTextStream::Ok && file.commit();
}

bool ConfusionView::exportImage(const QString& path, const QString& caption) {
    if (m_heatmap->classes() == 0) return false;
    // At least the preferred size, so a small window still gives a readable figure.
    const QSize size = m_heatmap->size().expandedTo(m_heatmap->sizeHint());
    return exportPainting(path, size, tr("Confusion matrix"), caption, m_heatmap->logicalDpiX(),
                          [this, size](QPainter& painter) { m_heatmap->render(painter, QSizeF(size)); });
}

}  // namespace bridgelc
