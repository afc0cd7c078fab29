#include "ui/views/runs_view.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

#include "core/io/run_store.h"
#include "core/io/saved_run.h"
#include "core/model/model_registry.h"
#include "ui/common/icons.h"
#include "ui/common/percent_format.h"
#include "ui/views/curves_view.h"
#include "ui/views/run_comparison.h"

namespace bridgelc {
namespace {

enum Column {
    ModelCol,
    SplitCol,
    DatasetCol,
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
constexpr int kFingerprintRole = Qt::UserRole + 3;

QStandardItem* cell(const QString& text, const QVariant& sortKey, bool number = false) {
    auto* item = new QStandardItem(text);
    item->setData(sortKey, kSortRole);
    item->setEditable(false);
    if (number) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
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

QString RunsView::datasetLabel(const RunSummary& run) {
    const QString name = run.datasetSynthetic ? tr("synthetic sample")
                                              : QString::fromStdString(run.datasetPath).section('/', -1);
    // Runs of one file under other labels are runs of other data (another fingerprint): the labels say why.
    const QString labels = run.labels != LabelChoice{}
                               ? QStringLiteral(" · ") + QString::fromStdString(run.labels.description())
                               : QString();
    return QStringLiteral("%1%2 · %3")
        .arg(name, labels, QString::fromStdString(run.datasetFingerprint).left(8));
}

RunsView::RunsView(QWidget* parent)
    : QWidget(parent),
      m_model(new QStandardItemModel(0, Columns, this)),
      m_proxy(new QSortFilterProxyModel(this)),
      m_table(new QTableView(this)),
      m_curves(new CurvesView(this)),
      m_compare(new RunComparison(this)),
      m_filter(new QComboBox(this)),
      m_hint(new QLabel(this)) {
    m_model->setHorizontalHeaderLabels({tr("Model"), tr("Split"), tr("Dataset"), tr("Seed"), tr("Date"),
                                        tr("Status"), tr("OA %"), tr("Weighted F1 %"), tr("Macro F1 %"),
                                        tr("Kappa"), tr("Duration")});
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(kSortRole);
    m_proxy->setFilterKeyColumn(DatasetCol);
    m_proxy->setFilterRole(kFingerprintRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->sortByColumn(DateCol, Qt::DescendingOrder);
    m_hint->setText(
        tr("Select a run to show it in every tab; select two or more (Ctrl/Shift-click) to "
           "overlay their curves and compare their scores class by class."));
    m_filter->setToolTip(tr("Show the runs of one dataset only"));
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
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
    buttons->addWidget(new QLabel(tr("  Dataset:"), this));
    buttons->addWidget(m_filter);
    buttons->addStretch(1);

    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_curves);
    bottom->addWidget(m_compare);
    bottom->setStretchFactor(0, 4);
    bottom->setStretchFactor(1, 1);
    bottom->setSizes({760, 440});
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_table);
    vertical->addWidget(bottom);
    vertical->setStretchFactor(0, 2);
    vertical->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(m_hint);
    layout->addWidget(vertical, 1);

    connect(refresh, &QToolButton::clicked, this, &RunsView::refresh);
    connect(m_delete, &QToolButton::clicked, this, &RunsView::deleteSelected);
    connect(m_folder, &QToolButton::clicked, this, &RunsView::openFolder);
    connect(m_checkpoint, &QToolButton::clicked, this, &RunsView::exportCheckpoint);
    connect(m_figure, &QToolButton::clicked, this, &RunsView::exportFigure);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunsView::onSelectionChanged);
    connect(m_filter, qOverload<int>(&QComboBox::activated), this,
            [this] { setDatasetFilter(m_filter->currentData().toString()); });
    connect(&m_historyTask, &BackgroundTask::canceled, this, &RunsView::startPendingCurves);
    connect(&m_historyTask, &BackgroundTask::finished, this, &RunsView::startPendingCurves);
    for (auto signal : {&BackgroundTask::canceled, &BackgroundTask::finished})
        connect(&m_openTask, signal, this, [this] {
            if (!m_openAgain.isEmpty()) openRun(m_openAgain);
        });
    updateComparison();
}

RunsView::~RunsView() = default;  // the tasks cancel and wait

void RunsView::setDataset(const DatasetPtr& dataset, const QString& fingerprint) {
    m_dataset = dataset;
    m_fingerprint = dataset ? fingerprint : QString();
    const QFont normal = m_table->font();
    QFont bold = normal;
    bold.setBold(true);
    for (int row = 0; row < m_model->rowCount(); ++row) {
        QStandardItem* item = m_model->item(row, DatasetCol);
        item->setFont(!m_fingerprint.isEmpty() && item->data(kFingerprintRole).toString() == m_fingerprint
                          ? bold
                          : normal);
    }
    updateFilterChoices();
}

void RunsView::setDatasetFilter(const QString& fingerprint) {
    m_proxy->setFilterFixedString(fingerprint);
    const int index = m_filter->findData(fingerprint);
    if (index >= 0) m_filter->setCurrentIndex(index);
}

int RunsView::visibleRuns() const {
    return m_proxy->rowCount();
}

void RunsView::updateFilterChoices() {
    const QString current = m_proxy->filterRegularExpression().pattern().isEmpty()
                                ? QString()
                                : m_filter->currentData().toString();
    const QSignalBlocker blocker(m_filter);
    m_filter->clear();
    m_filter->addItem(tr("All datasets (%n run(s))", nullptr, int(m_runs.size())), QString());
    QStringList seen;
    for (const RunSummary& run : m_runs) {
        const QString fingerprint = QString::fromStdString(run.datasetFingerprint);
        if (fingerprint.isEmpty() || seen.contains(fingerprint)) continue;
        seen << fingerprint;
        const auto count = std::count_if(m_runs.begin(), m_runs.end(), [&](const RunSummary& other) {
            return other.datasetFingerprint == run.datasetFingerprint;
        });
        QString label = tr("%1 (%n run(s))", nullptr, int(count)).arg(datasetLabel(run));
        if (fingerprint == m_fingerprint) label += tr(" — open now");
        m_filter->addItem(label, fingerprint);
    }
    const int index = m_filter->findData(current);
    m_filter->setCurrentIndex(index >= 0 ? index : 0);
    if (index < 0) m_proxy->setFilterFixedString(QString());
}

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
    while (m_listTask.isRunning() || m_historyTask.isRunning() || m_openTask.isRunning()) {
        m_listTask.waitForFinished();
        m_historyTask.waitForFinished();
        m_openTask.waitForFinished();
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
            cell(datasetLabel(run), datasetLabel(run)),
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
        row[DatasetCol]->setData(QString::fromStdString(run.datasetFingerprint), kFingerprintRole);
        row[DatasetCol]->setToolTip(tr("%1\nfingerprint %2, %3 points")
                                        .arg(QString::fromStdString(run.datasetPath),
                                             QString::fromStdString(run.datasetFingerprint),
                                             locale.toString(qulonglong(run.datasetPoints))));
        m_model->appendRow(row);
    }
    setDataset(m_dataset, m_fingerprint);  // marks the open dataset's runs, refills the filter
    m_table->resizeColumnsToContents();
    // Re-selecting what was selected must not reopen a run: the views may show a newer result by now.
    m_restoringSelection = true;
    selectIds(selected);
    m_restoringSelection = false;
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

void RunsView::onSelectionChanged() {
    updateComparison();
    const QStringList ids = selectedIds();
    if (ids.size() == 1 && !m_restoringSelection) openRun(ids.front());
}

void RunsView::openRun(const QString& id) {
    const RunSummary* run = summaryOf(id);
    if (!run) return;
    if (m_openTask.isRunning()) {
        // A newer choice wins: the running read is dropped and this one starts when it has returned.
        m_openAgain = id;
        m_openTask.cancel();
        return;
    }
    m_openAgain.clear();
    const std::string directory = run->directory;
    m_openTask.start(
        [this, directory, dataset = m_dataset](TaskFeedback& feedback) -> BackgroundTask::Completion {
            std::shared_ptr<SavedRun> saved;
            QString error;
            bool bound = false;
            try {
                saved = std::make_shared<SavedRun>(loadSavedRun(directory));
                if (!feedback.isCanceled() && dataset) bound = bindToDataset(*saved, *dataset);
            } catch (const std::exception& e) {
                error = QString::fromStdString(e.what());
            }
            if (feedback.isCanceled()) return {};
            return [this, saved, bound, error] {
                if (saved)
                    Q_EMIT savedRunLoaded(saved, bound);
                else
                    Q_EMIT savedRunFailed(error);
            };
        });
}

}  // namespace bridgelc
