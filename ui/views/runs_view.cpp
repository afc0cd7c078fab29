#include "ui/views/runs_view.h"

#include <QDateTime>
#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>

#include "core/io/atomic_file.h"
#include "core/io/run_store.h"
#include "core/model/model_registry.h"
#include "ui/common/icons.h"
#include "ui/common/percent_format.h"
#include "ui/views/curves_view.h"

namespace bridgelc {
namespace {

enum Column {
    ModelCol,
    SplitCol,
    SeedCol,
    DateCol,
    StatusCol,
    OaCol,
    WF1Col,
    MF1Col,
    KappaCol,
    TimeCol,
    Columns
};
constexpr int kSortRole = Qt::UserRole + 1;
constexpr int kIdRole = Qt::UserRole + 2;

QStandardItem* cell(const QString& text, const QVariant& sortKey, bool number = false) {
    auto* item = new QStandardItem(text);
    item->setData(sortKey, kSortRole);
    item->setEditable(false);
    if (number) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

/// Bold for the best value of each score row (higher is better for all of them) when two or more runs
/// compare.
void markBest(QTableWidget* table, std::initializer_list<int> rows) {
    if (table->columnCount() < 2) return;
    for (int row : rows) {
        double best = -1e300;
        for (int c = 0; c < table->columnCount(); ++c)
            best = std::max(best, QLocale().toDouble(table->item(row, c)->text()));
        for (int c = 0; c < table->columnCount(); ++c) {
            QFont font = table->item(row, c)->font();
            font.setBold(QLocale().toDouble(table->item(row, c)->text()) == best);
            table->item(row, c)->setFont(font);
        }
    }
}

QToolButton* button(const QString& icon, const QString& text, const QString& tip, QWidget* parent) {
    auto* b = new QToolButton(parent);
    if (!icon.isEmpty()) b->setIcon(productIcon(icon));
    b->setText(text);
    b->setToolTip(tip);
    b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    return b;
}

}  // namespace

RunsView::RunsView(QWidget* parent)
    : QWidget(parent),
      m_model(new QStandardItemModel(0, Columns, this)),
      m_proxy(new QSortFilterProxyModel(this)),
      m_table(new QTableView(this)),
      m_curves(new CurvesView(this)),
      m_compare(new QTableWidget(this)),
      m_hint(new QLabel(this)) {
    m_model->setHorizontalHeaderLabels({tr("Model"), tr("Split"), tr("Seed"), tr("Date"), tr("Status"),
                                        tr("OA %"), tr("Weighted F1 %"), tr("Macro F1 %"), tr("Kappa"),
                                        tr("Duration")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->sortByColumn(DateCol, Qt::DescendingOrder);
    m_compare->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_compare->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_hint->setText(
        tr("Select two or more runs (Ctrl/Shift-click) to overlay their curves and compare scores."));
    m_hint->setWordWrap(true);

    auto* refresh = button(QStringLiteral("refresh"), tr("Refresh"), tr("Re-read the saved runs"), this);
    m_delete =
        button(QStringLiteral("delete"), tr("Delete…"), tr("Delete the selected runs from disk"), this);
    m_folder = button(QStringLiteral("folder"), tr("Open folder"), tr("Show the run's files"), this);
    m_checkpoint =
        button(QStringLiteral("export"), tr("Export model…"), tr("Copy the run's model.bridgelc"), this);
    m_figure = button(QStringLiteral("export"), tr("Export figure…"),
                      tr("Save the overlaid curves (PNG/SVG)"), this);
    auto* buttons = new QHBoxLayout;
    for (QToolButton* b : {refresh, m_delete, m_folder, m_checkpoint, m_figure})
        buttons->addWidget(b);
    buttons->addWidget(m_hint, 1);

    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_curves);
    bottom->addWidget(m_compare);
    bottom->setStretchFactor(0, 4);
    bottom->setStretchFactor(1, 1);
    bottom->setSizes({820, 380});
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_table);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(vertical, 1);

    connect(refresh, &QToolButton::clicked, this, &RunsView::refresh);
    connect(m_delete, &QToolButton::clicked, this, &RunsView::deleteSelected);
    connect(m_folder, &QToolButton::clicked, this, &RunsView::openFolder);
    connect(m_checkpoint, &QToolButton::clicked, this, &RunsView::exportCheckpoint);
    connect(m_figure, &QToolButton::clicked, this, &RunsView::exportFigure);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsView::updateComparison);
    connect(&m_historyTask, &BackgroundTask::canceled, this, &RunsView::startPendingCurves);
    connect(&m_historyTask, &BackgroundTask::finished, this, &RunsView::startPendingCurves);
    updateComparison();
}

RunsView::~RunsView() = default;  // the tasks cancel and wait

void RunsView::setRoot(const QString& root) {
    m_root = root;
    refresh();
}

void RunsView::refresh() {
    if (m_root.isEmpty()) return;
    if (m_listTask.isRunning()) {
        m_listAgain = true;  // the store may have changed after the running read began: read once more
        return;
    }
    m_listAgain = false;
    const std::string root = m_root.toStdString();
    m_listTask.start([this, root](TaskFeedback&) -> BackgroundTask::Completion {
        std::vector<RunSummary> runs;
        try {
            runs = RunStore(root).list();
        } catch (const std::exception&) {
            // an unreadable store shows as empty; list() skips bad runs
        }
        return [this, runs = std::move(runs)]() mutable { applyList(std::move(runs)); };
    });
}

void RunsView::waitForRefresh() {
    while (m_listTask.isRunning() || m_historyTask.isRunning()) {
        m_listTask.waitForFinished();
        m_historyTask.waitForFinished();
    }
}

void RunsView::applyList(std::vector<RunSummary> runs) {
    const QStringList selected = selectedIds();
    m_runs = std::move(runs);
    m_model->removeRows(0, m_model->rowCount());
    const QLocale locale;
    for (const RunSummary& run : m_runs) {
        const QDateTime created = QDateTime::fromString(QString::fromStdString(run.createdUtc), Qt::ISODate);
        const QString id = QString::fromStdString(run.id);
        QList<QStandardItem*> row{
            cell(QString::fromStdString(modelDisplayName(run.modelName)),
                 QString::fromStdString(run.modelName)),
            cell(QString::fromStdString(run.splitName), QString::fromStdString(run.splitName)),
            cell(QString::number(run.seed), qulonglong(run.seed), true),
            cell(created.isValid() ? locale.toString(created.toLocalTime(), QLocale::ShortFormat)
                                   : QString::fromStdString(run.createdUtc),
                 QString::fromStdString(run.createdUtc)),
            cell(QString::fromStdString(run.status), QString::fromStdString(run.status)),
            cell(percentNumber(run.overallAccuracy), run.overallAccuracy, true),
            cell(percentNumber(run.weightedF1), run.weightedF1, true),
            cell(percentNumber(run.macroF1), run.macroF1, true),
            cell(locale.toString(run.kappa, 'f', 3), run.kappa, true),
            cell(locale.toString(run.trainSeconds, 'f', 1) + QStringLiteral(" s"), run.trainSeconds, true)};
        row.front()->setData(id, kIdRole);
        row.front()->setToolTip(QString::fromStdString(run.directory));
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    selectIds(selected);
    Q_EMIT refreshed(static_cast<int>(m_runs.size()));
    if (m_listAgain) refresh();
}

QStringList RunsView::selectedIds() const {
    QStringList ids;
    for (const QModelIndex& index : m_table->selectionModel()->selectedRows(ModelCol))
        ids << index.data(kIdRole).toString();
    return ids;
}

void RunsView::selectIds(const QStringList& ids) {
    QItemSelection selection;
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, ModelCol);
        if (ids.contains(index.data(kIdRole).toString()))
            selection.select(index, m_proxy->index(row, Columns - 1));
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    updateComparison();
}

const RunSummary* RunsView::summaryOf(const QString& id) const {
    for (const RunSummary& run : m_runs)
        if (QString::fromStdString(run.id) == id) return &run;
    return nullptr;
}

int RunsView::comparedRuns() const {
    return m_compare->columnCount();
}

void RunsView::updateComparison() {
    const QStringList ids = selectedIds();
    m_delete->setEnabled(!ids.isEmpty());
    m_folder->setEnabled(ids.size() == 1);
    m_checkpoint->setEnabled(ids.size() == 1);
    m_figure->setEnabled(!ids.isEmpty());

    QList<QPair<QString, std::string>> curves;  // name and run id of each compared run
    m_compare->clear();
    const QStringList metrics{tr("Model"),  tr("Split"),         tr("Seed"),       tr("Status"),
                              tr("OA %"),   tr("Weighted F1 %"), tr("Macro F1 %"), tr("Kappa"),
                              tr("Epochs"), tr("Duration")};
    m_compare->setRowCount(metrics.size());
    m_compare->setColumnCount(0);
    m_compare->setVerticalHeaderLabels(metrics);
    const QLocale locale;
    // Curves are named like the comparison columns (#1, #2 …); the split only when the runs differ in it.
    QSet<QString> splits;
    for (const QString& id : ids)
        if (const RunSummary* run = summaryOf(id)) splits.insert(QString::fromStdString(run->splitName));
    for (const QString& id : ids) {
        const RunSummary* run = summaryOf(id);
        if (!run) continue;
        QString name = QStringLiteral("#%1 %2")
                           .arg(m_compare->columnCount() + 1)
                           .arg(QString::fromStdString(modelDisplayName(run->modelName)));
        if (splits.size() > 1) name += QLatin1Char(' ') + QString::fromStdString(run->splitName);
        curves.append({name, run->id});
        const int column = m_compare->columnCount();
        m_compare->insertColumn(column);
        const QStringList values{QString::fromStdString(modelDisplayName(run->modelName)),
                                 QString::fromStdString(run->splitName),
                                 QString::number(run->seed),
                                 QString::fromStdString(run->status),
                                 percentNumber(run->overallAccuracy),
                                 percentNumber(run->weightedF1),
                                 percentNumber(run->macroF1),
                                 locale.toString(run->kappa, 'f', 3),
                                 QString::number(run->epochs),
                                 locale.toString(run->trainSeconds, 'f', 1) + QStringLiteral(" s")};
        for (int r = 0; r < values.size(); ++r) {
            auto* item = new QTableWidgetItem(values[r]);
            item->setTextAlignment(Qt::AlignCenter);
            m_compare->setItem(r, column, item);
        }
        m_compare->setHorizontalHeaderItem(column,
                                           new QTableWidgetItem(QStringLiteral("#%1").arg(column + 1)));
    }
    markBest(m_compare, {4, 5, 6, 7});
    m_compare->resizeColumnsToContents();
    loadCurves(curves);
}

void RunsView::loadCurves(const QList<QPair<QString, std::string>>& curves) {
    if (curves.isEmpty()) {
        m_curvesAgain.reset();
        m_historyTask.cancel();
        m_curves->clear();
        return;
    }
    if (m_historyTask.isRunning()) {
        // A newer selection wins: the running read is dropped and this one starts when it has returned.
        m_curvesAgain = curves;
        m_historyTask.cancel();
        return;
    }
    m_curvesAgain.reset();
    const std::string root = m_root.toStdString();
    m_historyTask.start([this, root, curves](TaskFeedback& feedback) -> BackgroundTask::Completion {
        QList<QPair<QString, std::vector<EpochReport>>> overlays;
        for (const auto& [name, id] : curves) {
            if (feedback.isCanceled()) return {};
            try {
                overlays.append({name, RunStore(root).history(id)});
            } catch (const std::exception&) {
                overlays.append({name, {}});  // a run without readable history still compares by its scores
            }
            feedback.setProgress(100.0 * overlays.size() / curves.size());
        }
        return [this, overlays = std::move(overlays)] {
            if (overlays.size() == 1)
                m_curves->setHistory(overlays.front().second);
            else
                m_curves->setOverlays(overlays);
        };
    });
}

void RunsView::startPendingCurves() {
    if (!m_curvesAgain) return;
    const QList<QPair<QString, std::string>> curves = *m_curvesAgain;
    loadCurves(curves);
}

int RunsView::removeRuns(const QStringList& ids) {
    RunStore store(m_root.toStdString());
    int removed = 0;
    for (const QString& id : ids) {
        try {
            if (store.remove(id.toStdString())) ++removed;
        } catch (const std::exception&) {
        }
    }
    refresh();
    return removed;
}

void RunsView::deleteSelected() {
    const QStringList ids = selectedIds();
    if (ids.isEmpty()) return;
    if (m_confirmDelete &&
        QMessageBox::question(this, tr("Delete runs"),
                              tr("Delete %n run(s) and all their files from disk?", nullptr, int(ids.size())),
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    removeRuns(ids);
}

void RunsView::openFolder() {
    const QStringList ids = selectedIds();
    if (const RunSummary* run = ids.size() == 1 ? summaryOf(ids.front()) : nullptr)
        QDesktopServices::openUrl(QUrl::fromLocalFile(QString::fromStdString(run->directory)));
}

void RunsView::exportCheckpoint() {
    const QStringList ids = selectedIds();
    const RunSummary* run = ids.size() == 1 ? summaryOf(ids.front()) : nullptr;
    if (!run) return;
    const QString source = QString::fromStdString(run->directory) + QStringLiteral("/model.bridgelc");
    if (!QFile::exists(source)) {
        QMessageBox::information(this, tr("Export model"), tr("This run has no saved model."));
        return;
    }
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Export model"), QString::fromStdString(run->id) + QStringLiteral(".bridgelc"),
        tr("BRIDGE-LC model (*.bridgelc)"));
    if (target.isEmpty()) return;
    try {  // a temporary renamed over the target: a failed export keeps any earlier file
        copyFileAtomically(source.toStdString(), target.toStdString());
    } catch (const std::exception& error) {
        QMessageBox::warning(this, tr("Export model"), QString::fromStdString(error.what()));
    }
}

void RunsView::exportFigure() {
    const QString target = QFileDialog::getSaveFileName(this, tr("Export figure"), QStringLiteral("runs.png"),
                                                        tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (!target.isEmpty() && !m_curves->exportImage(target))
        QMessageBox::warning(this, tr("Export figure"), tr("Could not write %1.").arg(target));
}

}  // namespace bridgelc
