#include "ui/views/metrics_view.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPixmap>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

#include "core/aoa/area_of_applicability.h"
#include "core/geo/regions.h"
#include "core/model/model_registry.h"
#include "core/run/sanity_checks.h"
#include "core/run/training_run.h"
#include "ui/common/class_colors.h"
#include "ui/common/percent_format.h"
#include "ui/views/metrics_bar_delegate.h"

namespace bridgelc {

namespace {

QIcon swatch(const QColor& color) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(color.darker(130));
    painter.setBrush(color);
    painter.drawRect(0, 0, 13, 13);
    return QIcon(pixmap);
}

constexpr int kSortKeyRole = Qt::UserRole + 1;
constexpr int kClassIndexRole = Qt::UserRole + 2;  ///< on a class name item: its index, to recolour it
constexpr int kLongestClassName = 34;              ///< characters shown before a name is cut with "…"

// A number cell that sorts by its value, not by its (localised, formatted) text.
class NumberItem : public QTableWidgetItem {
public:
    NumberItem(const QString& text, double value) : QTableWidgetItem(text) {
        setData(kSortKeyRole, value);
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override {
        return data(kSortKeyRole).toDouble() < other.data(kSortKeyRole).toDouble();
    }
};

QTableWidgetItem* numberItem(const QString& text, double value) {
    return new NumberItem(text, value);
}

QTableWidgetItem* percentItem(double fraction) {
    return numberItem(percentNumber(fraction), fraction);
}

// A score that cannot be computed (0/0); sorts below every score.
QTableWidgetItem* noScoreItem() {
    return numberItem(QStringLiteral("–"), -1.0);
}

// A score cell that the bar delegate draws over a bar of its value.
QTableWidgetItem* scoreItem(double fraction) {
    auto* item = percentItem(fraction);
    item->setData(Qt::UserRole, 100.0 * fraction);
    return item;
}

// Why a region's scores mean little, or empty: too few points, or a single class (kappa is then 0 by
// definition and overall accuracy says nothing about telling classes apart).
QString regionNote(const Metrics& m) {
    QStringList notes;
    if (m.points < kMinTestPoints)
        notes << (m.points == 1 ? MetricsView::tr("only 1 point")
                                : MetricsView::tr("only %1 points: each moves the accuracy by %2 points")
                                      .arg(m.points)
                                      .arg(100.0 / static_cast<double>(m.points), 0, 'f', 0));
    const auto classes = std::count_if(m.perClass.begin(), m.perClass.end(),
                                       [](const ClassScores& c) { return c.support > 0; });
    if (classes == 1) notes << MetricsView::tr("one class only: kappa is 0 by definition");
    return notes.join(QStringLiteral("; "));
}

QString weightsText(const std::string& kind) {
    if (kind == kWeightsTotalGain) return MetricsView::tr("predictors weighted by XGBoost's total gain");
    if (kind == kWeightsPermutation)
        return MetricsView::tr("predictors weighted by permutation importance (drop in weighted F1)");
    if (kind == kWeightsEqual) return MetricsView::tr("predictors weighted equally");
    return QString::fromStdString(kind);
}

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
    auto* table = new QTableWidget(0, headers.size(), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    // Click a header to sort (numbers by value); until then rows stay in class / region order.
    table->setSortingEnabled(true);
    table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    QHeaderView* header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(72);
    header->setDefaultAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->horizontalHeaderItem(0)->setTextAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    // Tables show all their rows; the page around them scrolls instead.
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return table;
}

// A bar column gets room for its bar; the others fit their contents.
void setBarColumn(QTableWidget* table, int column) {
    table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Interactive);
    table->horizontalHeader()->resizeSection(column, 220);
}

void fitHeight(QTableWidget* table) {
    const int rows = table->verticalHeader()->defaultSectionSize() * table->rowCount();
    const int scroll = table->horizontalScrollBar()->isVisible() ? table->horizontalScrollBar()->height() : 0;
    table->setFixedHeight(table->horizontalHeader()->sizeHint().height() + rows + 2 * table->frameWidth() +
                          scroll);
}

QString tableText(const QTableWidget* table) {
    QStringList lines;
    QStringList header;
    for (int c = 0; c < table->columnCount(); ++c)
        header << table->horizontalHeaderItem(c)->text();
    lines << header.join(QLatin1Char('\t'));
    for (int r = 0; r < table->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < table->columnCount(); ++c) {
            const auto* item = table->item(r, c);
            cells << (item ? item->text() : QString());
        }
        lines << cells.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n'));
}

}  // namespace

MetricsView::MetricsView(QWidget* parent) : QWidget(parent) {
    m_title = new QLabel(this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_copy = new QPushButton(tr("Copy as text"), this);
    m_copy->setToolTip(tr("Copy all scores as tab-separated text, ready to paste into a spreadsheet"));
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this, &MetricsView::copyToClipboard);

    // Headline scores as caption-over-value cells, the order papers report them in.
    m_summary = new QWidget(this);
    auto* grid = new QGridLayout(m_summary);
    grid->setContentsMargins(0, 4, 0, 8);
    grid->setHorizontalSpacing(28);
    const QStringList captions = {tr("Weighted F1 %"), tr("Overall accuracy %"),  tr("Kappa"),
                                  tr("Macro F1 %"),    tr("Balanced accuracy %"), tr("Test points")};
    for (int i = 0; i < captions.size(); ++i) {
        auto* caption = new QLabel(captions[i], m_summary);
        caption->setForegroundRole(QPalette::PlaceholderText);
        auto* value = new QLabel(QStringLiteral("-"), m_summary);
        QFont big = value->font();
        big.setPointSizeF(big.pointSizeF() * 1.7);
        big.setBold(true);
        value->setFont(big);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        grid->addWidget(caption, 0, i);
        grid->addWidget(value, 1, i);
        m_summaryCells.append(qMakePair(caption, value));
    }
    grid->setColumnStretch(captions.size(), 1);

    m_classes = makeTable({tr("Class"), tr("Precision (user's acc.) %"), tr("Recall (producer's acc.) %"),
                           tr("F1 %"), tr("Support")},
                          this);
    // A long legend name would widen the first column and push the scores off the page; Qt cuts it with
    // "…" at this width and the tooltip gives it in full.
    m_classes->horizontalHeader()->setMaximumSectionSize(
        m_classes->fontMetrics().horizontalAdvance(QString(kLongestClassName, QLatin1Char('n'))));
    m_classes->setTextElideMode(Qt::ElideRight);
    m_classes->setWordWrap(false);
    auto* bars = new MetricsBarDelegate(this);
    m_classes->setItemDelegateForColumn(3, bars);
    setBarColumn(m_classes, 3);
    auto* classBox = new QGroupBox(tr("Per class"), this);
    auto* classLayout = new QVBoxLayout(classBox);
    classLayout->addWidget(m_classes);

    m_regions = makeTable({tr("Region"), tr("Points"), tr("Overall accuracy %"), tr("Kappa"),
                           tr("Macro F1 %"), tr("Weighted F1 %"), tr("Note")},
                          this);
    m_regions->setItemDelegateForColumn(5, bars);
    setBarColumn(m_regions, 5);
    m_regionBox = new QGroupBox(tr("Per biogeographical region"), this);
    auto* regionLayout = new QVBoxLayout(m_regionBox);
    regionLayout->addWidget(m_regions);

    m_aoa = makeTable({tr("Test points"), tr("Points"), tr("Share %"), tr("Overall accuracy %"),
                       tr("Macro F1 %"), tr("Weighted F1 %")},
                      this);
    m_aoa->setSortingEnabled(false);  // inside above outside, always
    m_aoa->setItemDelegateForColumn(5, bars);
    setBarColumn(m_aoa, 5);
    m_aoaNote = new QLabel(this);
    m_aoaNote->setWordWrap(true);
    m_aoaNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_aoaBox = new QGroupBox(tr("Inside and outside the area of applicability"), this);
    m_aoaBox->setToolTip(
        tr("A test point is inside when its dissimilarity index (DI: distance to the nearest "
           "training point in weighted predictor space, over the mean distance between "
           "training points) is at most the threshold learnt by cross-validation on the "
           "training data (Meyer & Pebesma 2021)."));
    auto* aoaLayout = new QVBoxLayout(m_aoaBox);
    aoaLayout->addWidget(m_aoaNote);
    aoaLayout->addWidget(m_aoa);

    auto* page = new QWidget;
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(m_aoaBox);
    pageLayout->addWidget(classBox);
    pageLayout->addWidget(m_regionBox);
    pageLayout->addStretch(1);
    m_tables = new QScrollArea(this);
    m_tables->setWidget(page);
    m_tables->setWidgetResizable(true);
    m_tables->setFrameShape(QFrame::NoFrame);

    m_placeholder = new QLabel(tr("No test results yet. Train a model to see its scores."), this);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_copy);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_tables, 1);
    layout->addWidget(m_placeholder, 1);
    connect(ClassPaletteNotifier::instance(), &ClassPaletteNotifier::paletteChanged, this,
            &MetricsView::recolour);
    clear();
}

void MetricsView::recolour() {
    for (int r = 0; r < m_classes->rowCount(); ++r) {
        QTableWidgetItem* item = m_classes->item(r, 0);
        if (item) item->setIcon(swatch(classColor(item->data(kClassIndexRole).toInt(), item->text())));
    }
}

void MetricsView::clear() {
    m_title->setText(tr("Test scores"));
    for (auto& cell : m_summaryCells)
        cell.second->setText(QStringLiteral("-"));
    m_classes->setRowCount(0);
    m_regions->setRowCount(0);
    m_aoa->setRowCount(0);
    m_aoaNote->clear();
    m_summary->hide();
    m_tables->hide();
    m_placeholder->show();
    m_copy->setEnabled(false);
}

void MetricsView::setResult(const RunResult& run) {
    QStringList parts;
    // The split name already says the scenario ("EXTRAP", "LORO-ATL"), so the scenario is not repeated.
    if (!run.modelName.empty()) parts << QString::fromStdString(modelDisplayName(run.modelName));
    if (!run.splitName.empty()) parts << QString::fromStdString(run.splitName);
    if (run.heldOutRegion >= 0 && run.heldOutRegion < static_cast<int>(biogeographicalRegions().size())) {
        parts << tr("held out: %1")
                     .arg(QString::fromStdString(biogeographicalRegions()[run.heldOutRegion].name));
    }
    m_title->setText(parts.isEmpty() ? tr("Test scores")
                                     : tr("Test scores — %1").arg(parts.join(QStringLiteral(" · "))));
    fillSummary(run);
    fillClasses(run);
    fillRegions(run);
    fillApplicability(run);
    m_placeholder->hide();
    m_summary->show();
    m_tables->show();
    m_copy->setEnabled(true);
}

void MetricsView::fillSummary(const RunResult& run) {
    const Metrics& m = run.testMetrics;
    const QStringList values = {percentNumber(m.weightedF1),       percentNumber(m.overallAccuracy),
                                QString::number(m.kappa, 'f', 3),  percentNumber(m.macroF1),
                                percentNumber(m.balancedAccuracy), QLocale().toString(qulonglong(m.points))};
    for (int i = 0; i < m_summaryCells.size() && i < values.size(); ++i)
        m_summaryCells[i].second->setText(values[i]);
}

void MetricsView::fillClasses(const RunResult& run) {
    const auto& perClass = run.testMetrics.perClass;
    const int n = static_cast<int>(perClass.size());
    m_classes->setSortingEnabled(false);  // rows would move while they are filled
    m_classes->setRowCount(0);
    m_classes->setRowCount(n);
    for (int i = 0; i < n; ++i) {
        const QString name = i < static_cast<int>(run.classNames.size())
                                 ? QString::fromStdString(run.classNames[i])
                                 : tr("Class %1").arg(i);
        const ClassScores& s = perClass[i];
        auto* nameItem = new QTableWidgetItem(swatch(classColor(i, name)), name);
        nameItem->setData(kClassIndexRole, i);
        nameItem->setToolTip(name);
        m_classes->setItem(i, 0, nameItem);
        // 0/0 is no score, not a score of 0: a class without test points has no recall or F1, and one never
        // predicted no precision.
        const bool predicted = i < static_cast<int>(run.testConfusion.classes()) &&
                               run.testConfusion.columnTotal(static_cast<std::size_t>(i)) > 0;
        m_classes->setItem(i, 1, predicted ? percentItem(s.precision) : noScoreItem());
        m_classes->setItem(i, 2, s.support > 0 ? percentItem(s.recall) : noScoreItem());
        m_classes->setItem(i, 3, s.support > 0 ? scoreItem(s.f1) : noScoreItem());
        m_classes->setItem(i, 4, numberItem(QLocale().toString(qulonglong(s.support)), double(s.support)));
        if (!predicted && s.support > 0)
            m_classes->item(i, 1)->setToolTip(tr("Never predicted: no precision (user's accuracy)"));
        if (s.support == 0) {
            for (int c = 0; c < m_classes->columnCount(); ++c)
                m_classes->item(i, c)->setToolTip(c == 0
                                                      ? tr("%1: no test points, so no recall or F1").arg(name)
                                                      : tr("No test points of this class: no recall or F1"));
        }
    }
    m_classes->setSortingEnabled(true);
    fitHeight(m_classes);
}

void MetricsView::fillRegions(const RunResult& run) {
    const auto& regions = biogeographicalRegions();
    m_regions->setSortingEnabled(false);
    m_regions->setRowCount(0);
    const int count = std::min<int>(regions.size(), run.testMetricsPerRegion.size());
    for (int i = 0; i < count; ++i) {
        const Metrics& m = run.testMetricsPerRegion[i];
        if (m.points == 0) continue;
        const int row = m_regions->rowCount();
        m_regions->insertRow(row);
        auto* name = new QTableWidgetItem(QStringLiteral("%1 %2").arg(
            QString::fromStdString(regions[i].code), QString::fromStdString(regions[i].name)));
        m_regions->setItem(row, 0, name);
        m_regions->setItem(row, 1, numberItem(QLocale().toString(qulonglong(m.points)), double(m.points)));
        m_regions->setItem(row, 2, percentItem(m.overallAccuracy));
        m_regions->setItem(row, 3, numberItem(QString::number(m.kappa, 'f', 3), m.kappa));
        m_regions->setItem(row, 4, percentItem(m.macroF1));
        m_regions->setItem(row, 5, scoreItem(m.weightedF1));
        m_regions->setItem(row, 6, new QTableWidgetItem(regionNote(m)));
        if (i == run.heldOutRegion) {
            for (int c = 0; c < m_regions->columnCount(); ++c) {
                QFont bold = m_regions->item(row, c)->font();
                bold.setBold(true);
                m_regions->item(row, c)->setFont(bold);
                m_regions->item(row, c)->setToolTip(tr("The held-out region"));
            }
        }
    }
    m_regions->setSortingEnabled(true);
    m_regionBox->setVisible(m_regions->rowCount() > 0);
    fitHeight(m_regions);
}

void MetricsView::fillApplicability(const RunResult& run) {
    m_aoa->setRowCount(0);
    const ApplicabilityScores& scores = run.testApplicability;
    const std::size_t scored = scores.inside + scores.outside;
    if (!run.aoa) {
        const QString why = run.aoaMessage.empty() ? tr("no AOA") : QString::fromStdString(run.aoaMessage);
        m_aoaNote->setText(tr("This run has %1, so there are no scores inside and outside it.").arg(why));
    } else if (scored == 0) {
        m_aoaNote->setText(tr("DI threshold %1 (%2); no labelled test points were scored against it.")
                               .arg(run.aoa->threshold(), 0, 'f', 4)
                               .arg(weightsText(run.aoa->importance().kind)));
    } else {
        m_aoaNote->setText(
            tr("DI threshold %1 (%2). %3 of the test points lie outside: expect their scores where the model "
               "meets predictors unlike its training data.")
                .arg(run.aoa->threshold(), 0, 'f', 4)
                .arg(weightsText(run.aoa->importance().kind))
                .arg(percentText(scores.shareOutside())));
        const struct {
            QString name, tip;
            std::size_t points;
            const Metrics& metrics;
        } parts[] = {{tr("Inside"), tr("DI at most the threshold"), scores.inside, scores.insideMetrics},
                     {tr("Outside"), tr("DI above the threshold"), scores.outside, scores.outsideMetrics}};
        for (const auto& part : parts) {
            const int row = m_aoa->rowCount();
            m_aoa->insertRow(row);
            auto* name = new QTableWidgetItem(part.name);
            name->setToolTip(part.tip);
            m_aoa->setItem(row, 0, name);
            m_aoa->setItem(row, 1,
                           numberItem(QLocale().toString(qulonglong(part.points)), double(part.points)));
            m_aoa->setItem(row, 2, percentItem(double(part.points) / double(scored)));
            // No points on one side: no scores there, not scores of 0.
            const bool any = part.points > 0;
            m_aoa->setItem(row, 3, any ? percentItem(part.metrics.overallAccuracy) : noScoreItem());
            m_aoa->setItem(row, 4, any ? percentItem(part.metrics.macroF1) : noScoreItem());
            m_aoa->setItem(row, 5, any ? scoreItem(part.metrics.weightedF1) : noScoreItem());
        }
    }
    m_aoa->setVisible(m_aoa->rowCount() > 0);
    fitHeight(m_aoa);
}

QString MetricsView::asText() const {
    if (!m_copy->isEnabled()) return {};
    QStringList lines;
    lines << m_title->text();
    for (const auto& cell : m_summaryCells)
        lines << cell.first->text() + QLatin1Char('\t') + cell.second->text();
    lines << QString() << m_aoaBox->title() << m_aoaNote->text();
    if (m_aoa->rowCount() > 0) lines << tableText(m_aoa);
    lines << QString() << tableText(m_classes);
    if (m_regions->rowCount() > 0) lines << QString() << tableText(m_regions);
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void MetricsView::copyToClipboard() {
    QApplication::clipboard()->setText(asText());
}

}  // namespace bridgelc
