#include "ui/runs_view.h"

#include <QCoreApplication>
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
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "core/io/atomic_file.h"
#include "core/io/run_store.h"
#include "core/model/model_registry.h"
#include "ui/curves_view.h"
#include "ui/icons.h"

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

QString modelLabel(const std::string& name) {
    for (const ModelInfo& info : availableModels())
        if (info.name == name) return QString::fromStdString(info.displayName);
    return QString::fromStdString(name);
}

QStandardItem* cell(const QString& text, const QVariant& sortKey, bool number = false) {
    auto* item = new QStandardItem(text);
    item->setData(sortKey, kSortRole);
    item->setEditable(false);
    if (number) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString percent(double v) {
    return QLocale().toString(100.0 * v, 'f', 1);
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
    connect(&m_watcher, &QFutureWatcher<std::vector<RunSummary>>::finished, this, &RunsView::applyList);
    updateComparison();
}

RunsView::~RunsView() {
    m_watcher.waitForFinished();
}

void RunsView::setRoot(const QString& root) {
    m_root = root;
    refresh();
}

void RunsView::refresh() {
    if (m_root.isEmpty()) return;
    if (m_watcher.isRunning()) m_watcher.waitForFinished();
    const std::string root = m_root.toStdString();
    m_watcher.setFuture(QtConcurrent::run([root] {
        try {
            return RunStore(root).list();
        } catch (const std::exception&) {
            return std::vector<RunSummary>{};  // an unreadable store shows as empty; list() skips bad runs
        }
    }));
}

void RunsView::waitForRefresh() {
    m_watcher.waitForFinished();
    QCoreApplication::sendPostedEvents(&m_watcher);
}

void RunsView::applyList() {
    const QStringList selected = selectedIds();
    m_runs = m_watcher.result();
    m_model->removeRows(0, m_model->rowCount());
    const QLocale locale;
    for (const RunSummary& run : m_runs) {
        const QDateTime created = QDateTime::fromString(QString::fromStdString(run.createdUtc), Qt::ISODate);
        const QString id = QString::fromStdString(run.id);
        QList<QStandardItem*> row{
            cell(modelLabel(run.modelName), QString::fromStdString(run.modelName)),
            cell(QString::fromStdString(run.splitName), QString::fromStdString(run.splitName)),
            cell(QString::number(run.seed), qulonglong(run.seed), true),
            cell(created.isValid() ? locale.toString(created.toLocalTime(), QLocale::ShortFormat)
                                   : QString::fromStdString(run.createdUtc),
                 QString::fromStdString(run.createdUtc)),
            cell(QString::fromStdString(run.status), QString::fromStdString(run.status)),
            cell(percent(run.overallAccuracy), run.overallAccuracy, true),
            cell(percent(run.weightedF1), run.weightedF1, true),
            cell(percent(run.macroF1), run.macroF1, true),
            cell(locale.toString(run.kappa, 'f', 3), run.kappa, true),
            cell(locale.toString(run.trainSeconds, 'f', 1) + QStringLiteral(" s"), run.trainSeconds, true)};
        row.front()->setData(id, kIdRole);
        row.front()->setToolTip(QString::fromStdString(run.directory));
        m_model->appendRow(row);
    }
    m_table->resizeColumnsToContents();
    selectIds(selected);
    Q_EMIT refreshed(static_cast<int>(m_runs.size()));
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

    QList<QPair<QString, std::vector<EpochReport>>> overlays;
    m_compare->clear();
    const QStringList metrics{tr("Model"),  tr("Split"),         tr("Seed"),       tr("Status"),
                              tr("OA %"),   tr("Weighted F1 %"), tr("Macro F1 %"), tr("Kappa"),
                              tr("Epochs"), tr("Duration")};
    m_compare->setRowCount(metrics.size());
    m_compare->setColumnCount(0);
    m_compare->setVerticalHeaderLabels(metrics);
    RunStore store(m_root.toStdString());
    const QLocale locale;
    // Curves are named like the comparison columns (#1, #2 …); the split only when the runs differ in it.
    QSet<QString> splits;
    for (const QString& id : ids)
        if (const RunSummary* run = summaryOf(id)) splits.insert(QString::fromStdString(run->splitName));
    for (const QString& id : ids) {
        const RunSummary* run = summaryOf(id);
        if (!run) continue;
        QString name =
            QStringLiteral("#%1 %2").arg(m_compare->columnCount() + 1).arg(modelLabel(run->modelName));
        if (splits.size() > 1) name += QLatin1Char(' ') + QString::fromStdString(run->splitName);
        try {
            overlays.append({name, store.history(run->id)});
        } catch (const std::exception&) {
            overlays.append({name, {}});  // a run without readable history still compares by its scores
        }
        const int column = m_compare->columnCount();
        m_compare->insertColumn(column);
        const QStringList values{
            modelLabel(run->modelName),    QString::fromStdString(run->splitName),
            QString::number(run->seed),    QString::fromStdString(run->status),
            percent(run->overallAccuracy), percent(run->weightedF1),
            percent(run->macroF1),         locale.toString(run->kappa, 'f', 3),
            QString::number(run->epochs),  locale.toString(run->trainSeconds, 'f', 1) + QStringLiteral(" s")};
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
    if (overlays.size() == 1) {
        m_curves->setHistory(overlays.front().second);
    } else if (overlays.size() > 1) {
        m_curves->setOverlays(overlays);
    } else {
        m_curves->clear();
    }
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
