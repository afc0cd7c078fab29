#include "ui/views/run_comparison.h"

#include <QHeaderView>
#include <QLocale>
#include <algorithm>

#include "core/model/model_registry.h"
#include "ui/common/percent_format.h"

namespace bridgelc {
namespace {

QStringList headlineNames() {
    return {RunComparison::tr("Model"),         RunComparison::tr("Split"),      RunComparison::tr("Dataset"),
            RunComparison::tr("Seed"),          RunComparison::tr("Status"),     RunComparison::tr("OA %"),
            RunComparison::tr("Weighted F1 %"), RunComparison::tr("Macro F1 %"), RunComparison::tr("Kappa"),
            RunComparison::tr("Epochs"),        RunComparison::tr("Duration")};
}
constexpr int kFirstScoreRow = 5, kLastScoreRow = 8;

QTableWidgetItem* centred(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignCenter);
    return item;
}

}  // namespace

RunComparison::RunComparison(QWidget* parent) : QTableWidget(parent) {
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
}

int RunComparison::headlineRows() {
    return static_cast<int>(headlineNames().size());
}

void RunComparison::setRuns(const std::vector<RunSummary>& runs) {
    clear();
    const QStringList names = headlineNames();
    setRowCount(names.size());
    setColumnCount(static_cast<int>(runs.size()));
    setVerticalHeaderLabels(names);
    const QLocale locale;
    for (int column = 0; column < static_cast<int>(runs.size()); ++column) {
        const RunSummary& run = runs[static_cast<std::size_t>(column)];
        const QString dataset =
            run.datasetSynthetic ? tr("sample") : QString::fromStdString(run.datasetPath).section('/', -1);
        const QStringList values{
            QString::fromStdString(modelDisplayName(run.modelName)),
            QString::fromStdString(run.splitName),
            QStringLiteral("%1 · %2").arg(dataset, QString::fromStdString(run.datasetFingerprint).left(8)),
            QString::number(run.seed),
            QString::fromStdString(run.status),
            percentNumber(run.overallAccuracy),
            percentNumber(run.weightedF1),
            percentNumber(run.macroF1),
            locale.toString(run.kappa, 'f', 3),
            QString::number(run.epochs),
            locale.toString(run.trainSeconds, 'f', 1) + QStringLiteral(" s")};
        for (int r = 0; r < values.size(); ++r)
            setItem(r, column, centred(values[r]));
        item(2, column)->setToolTip(tr("%1\nfingerprint %2")
                                        .arg(QString::fromStdString(run.datasetPath),
                                             QString::fromStdString(run.datasetFingerprint)));
        setHorizontalHeaderItem(column, new QTableWidgetItem(QStringLiteral("#%1").arg(column + 1)));
    }
    markBest(kFirstScoreRow, kLastScoreRow);
    fitColumns();
}

void RunComparison::fitColumns() {
    // Narrow enough that several runs fit side by side; long dataset names elide, their tooltip has it all.
    resizeColumnsToContents();
    for (int column = 0; column < columnCount(); ++column)
        setColumnWidth(column, std::min(columnWidth(column), 150));
}

void RunComparison::setClassScores(const std::vector<std::pair<std::vector<std::string>, Metrics>>& scores) {
    setRowCount(headlineRows());
    // Classes in the order the first run knows them, then any others, matched by name across runs.
    std::vector<std::string> classes;
    for (const auto& [names, metrics] : scores)
        for (const std::string& name : names)
            if (std::find(classes.begin(), classes.end(), name) == classes.end()) classes.push_back(name);
    for (const std::string& name : classes) {
        const int row = rowCount();
        insertRow(row);
        setVerticalHeaderItem(row, new QTableWidgetItem(tr("F1 %: %1").arg(QString::fromStdString(name))));
        for (int column = 0; column < columnCount() && column < static_cast<int>(scores.size()); ++column) {
            const auto& [names, metrics] = scores[static_cast<std::size_t>(column)];
            const auto found = std::find(names.begin(), names.end(), name);
            const auto index = static_cast<std::size_t>(found - names.begin());
            const bool known = found != names.end() && index < metrics.perClass.size() &&
                               metrics.perClass[index].support > 0;
            setItem(row, column,
                    centred(known ? percentNumber(metrics.perClass[index].f1) : QStringLiteral("–")));
            if (known)
                item(row, column)
                    ->setToolTip(tr("%1 test points of this class").arg(metrics.perClass[index].support));
        }
        markBest(row, row);
    }
    fitColumns();
}

void RunComparison::markBest(int firstRow, int lastRow) {
    if (columnCount() < 2) return;
    const QLocale locale;
    for (int row = firstRow; row <= lastRow; ++row) {
        double best = -1e300;
        for (int c = 0; c < columnCount(); ++c) {
            bool ok = false;
            const double value = item(row, c) ? locale.toDouble(item(row, c)->text(), &ok) : 0;
            if (ok) best = std::max(best, value);
        }
        for (int c = 0; c < columnCount(); ++c) {
            if (!item(row, c)) continue;
            bool ok = false;
            const double value = locale.toDouble(item(row, c)->text(), &ok);
            QFont font = item(row, c)->font();
            font.setBold(ok && value == best);
            item(row, c)->setFont(font);
        }
    }
}

}  // namespace bridgelc
