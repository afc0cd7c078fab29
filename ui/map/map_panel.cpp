#include "ui/map/map_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPixmap>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QVBoxLayout>
#include <utility>

#include "core/io/dataset_fingerprint.h"
#include "core/run/training_run.h"
#include "ui/common/class_colors.h"
#include "ui/jobs/latest_task.h"
#include "ui/map/choropleth_layer.h"
#include "ui/map/choropleth_legend_layer.h"
#include "ui/map/country_lookup.h"
#include "ui/map/map_panel_controls.h"
#include "ui/map/map_panel_data.h"
#include "ui/map/map_panel_details.h"
#include "ui/map/map_panel_scores.h"
#include "ui/map/map_renderer.h"
#include "ui/map/map_view.h"
#include "ui/map/region_layer.h"
#include "ui/map/selection_layer.h"

namespace bridgelc {

MapPanel::MapPanel(QWidget* parent)
    : QWidget(parent),
      m_view(new MapView(this)),
      m_controls(new MapPanelControls(this)),
      m_choropleth(new ChoroplethLayer),
      m_choroplethLegend(new ChoroplethLegendLayer(m_choropleth)),
      m_dataTask(new LatestTask(this)),
      m_composeTask(new LatestTask(this)),
      m_liveTask(new LatestTask(this)),
      m_detailsTask(new LatestTask(this)),
      m_scoresTask(new LatestTask(this)),
      m_aoaTask(new LatestTask(this)) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    // Room for the vertical scroll bar a small screen needs, so the panel never scrolls sideways as well.
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFixedWidth(330 + scroll->verticalScrollBar()->sizeHint().width());
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll);

    m_choropleth->setVisible(false);
    m_choroplethLegend->setVisible(false);
    m_view->renderer()->addLayer(m_choropleth);
    m_view->renderer()->addLayer(m_choroplethLegend);
    m_choroplethLegend->setPointSource(m_view->renderer()->pointLayer());

    for (LatestTask* task : {m_dataTask, m_composeTask, m_liveTask, m_detailsTask, m_scoresTask, m_aoaTask})
        connect(task, &LatestTask::runningChanged, this, &MapPanel::updateBusy);

    connect(m_controls->mode(), qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int index) { setMode(PointColorMode(m_controls->mode()->itemData(index).toInt())); });
    connect(m_controls->probabilityClass(), qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int index) {
                if (index >= 0) setProbabilityClass(index);
            });
    connect(m_controls->testOnly(), &QRadioButton::toggled, this, &MapPanel::setTestPointsOnly);
    connect(m_controls->zoomToData(), &QPushButton::clicked, m_view, &MapView::zoomToData);
    connect(m_controls->zoomToSelection(), &QPushButton::clicked, m_view, &MapView::zoomToSelection);
    connect(m_controls->home(), &QPushButton::clicked, m_view, &MapView::homeView);
    connect(m_controls->clearSelection(), &QPushButton::clicked, this, [this] { selectRows({}); });
    connect(m_controls->regions(), &QCheckBox::toggled, this,
            [this](bool on) { m_view->renderer()->regions()->setVisible(on); });
    connect(m_controls->regionScores(), &QCheckBox::toggled, this, &MapPanel::applyRegionScoresVisibility);
    connect(m_controls->outsideAoa(), &QCheckBox::toggled, this, &MapPanel::setOutsideAoaVisible);
    connect(m_controls->classes(), &QListWidget::itemChanged, this, [this] {
        QStringList hidden;
        for (int i = 0; i < m_controls->classes()->count(); ++i)
            if (m_controls->classes()->item(i)->checkState() != Qt::Checked)
                hidden << m_controls->classes()->item(i)->text();
        setHiddenClasses(hidden);
    });
    connect(m_controls->allClasses(), &QPushButton::clicked, this, [this] { setHiddenClasses({}); });
    connect(m_controls->noClasses(), &QPushButton::clicked, this,
            [this] { setHiddenClasses(m_data ? m_data->points.classNames : QStringList()); });
    connect(m_view, &MapView::pointClicked, this, [this](qint64 row) { pin(row); });
    // The countries for tooltips and the clicked point's values, read once off the GUI thread.
    m_detailsTask->start([](TaskFeedback&) -> BackgroundTask::Completion {
        countryAt(QPointF());
        return {};
    });
}

MapPanel::~MapPanel() = default;

void MapPanel::showDataset(DatasetPtr dataset, const QString& whose) {
    if (!dataset) {
        clear(tr("No dataset is open."));
        return;
    }
    setScoresScope(dataset, {});
    startData([dataset, whose](TaskFeedback&) { return mapDataOfDataset(dataset, whose); }, whose,
              tr("Placing %1 points…").arg(QLocale().toString(qulonglong(dataset->size()))), false);
}

void MapPanel::showRun(DatasetPtr dataset, const RunResult& run, const QString& whose) {
    if (!dataset) {
        clear(tr("The run's dataset is not open."));
        return;
    }
    setScoresScope(dataset, run.modelName);
    const QString status = run.model ? tr("Predicting all %1 points with the run's model…")
                                           .arg(QLocale().toString(qulonglong(dataset->size())))
                                     : tr("Placing the run's %1 test points…")
                                           .arg(QLocale().toString(qulonglong(run.test.rows.size())));
    startData(
        [dataset, run, whose](TaskFeedback& feedback) { return mapDataOfRun(dataset, run, whose, feedback); },
        whose, status, true);
}

void MapPanel::showTraining(const TrainingRequest& request, const QString& whose) {
    if (!request.dataset) {
        clear(tr("The run being trained has no dataset."));
        return;
    }
    setScoresScope(request.dataset, request.modelName);
    startData(
        [request, whose](TaskFeedback& feedback) {
            return mapDataOfTraining(request.dataset, request, whose, feedback);
        },
        whose, tr("Placing the split of the run being trained…"), true);
}

void MapPanel::startData(const std::function<std::shared_ptr<const MapPanelData>(TaskFeedback&)>& make,
                         const QString& whose, const QString& status, bool runShown) {
    const int generation = ++m_generation;
    m_whose = whose;
    m_liveTask->cancel();
    m_pendingSnapshot.reset();
    m_liveModeSwitched = false;
    m_selection.clear();
    m_controls->title()->setText(whose);
    m_controls->status()->setText(status);
    m_dataTask->start(
        [this, make, generation, runShown](TaskFeedback& feedback) -> BackgroundTask::Completion {
            std::shared_ptr<const MapPanelData> data = make(feedback);
            return [this, data, generation, runShown] {
                if (generation != m_generation || !data) return;
                applyData(data, runShown);
            };
        });
}

void MapPanel::applyData(std::shared_ptr<const MapPanelData> data, bool runShown) {
    m_data = std::move(data);
    m_controls->title()->setText(m_data->points.title);
    m_controls->note()->setText(m_data->note);
    m_controls->note()->setVisible(!m_data->note.isEmpty());
    const QLocale locale;
    m_controls->status()->setText(m_data->predicted > 0 && m_data->predictSeconds > 0
                                      ? tr("%1 points predicted in %2 s, in the background.")
                                            .arg(locale.toString(qlonglong(m_data->predicted)))
                                            .arg(m_data->predictSeconds, 0, 'f', 1)
                                      : QString());
    m_view->setHeldOutRegion(m_data->heldOutRegion);
    {
        QSignalBlocker block(m_controls->probabilityClass());
        const QString current = m_controls->probabilityClass()->currentText();
        m_controls->probabilityClass()->clear();
        m_controls->probabilityClass()->addItems(m_data->probabilityClasses);
        const int keep = int(m_data->probabilityClasses.indexOf(current));
        m_probabilityClass = keep >= 0 ? keep : 0;
        m_controls->probabilityClass()->setCurrentIndex(m_probabilityClass);
    }
    const bool predicted = m_data->predicted > 0;
    PointColorMode wanted = mode();
    if (wanted == PointColorMode::Dissimilarity && !m_data->aoa) wanted = PointColorMode::PredictedClass;
    if (!predicted) {
        wanted = PointColorMode::TrueClass;
    } else if (wanted == PointColorMode::TrueClass && (runShown || (m_data->live && !m_liveModeSwitched))) {
        wanted = PointColorMode::PredictedClass;  // a run's map shows what it predicted first
        m_liveModeSwitched = m_data->live;
    }
    if (runShown) m_testOnly = m_data->hasParts();
    {
        QSignalBlocker blockMode(m_controls->mode());
        QSignalBlocker blockTest(m_controls->testOnly());
        m_controls->mode()->setCurrentIndex(m_controls->mode()->findData(int(wanted)));
        for (int i = 1; i < m_controls->mode()->count(); ++i)
            if (auto* model = qobject_cast<QStandardItemModel*>(m_controls->mode()->model()))
                model->item(i)->setEnabled(predicted &&
                                           (PointColorMode(m_controls->mode()->itemData(i).toInt()) !=
                                                PointColorMode::Dissimilarity ||
                                            m_data->aoa));
        m_controls->testOnly()->setChecked(m_testOnly);
        m_controls->allPoints()->setChecked(!m_testOnly);
        m_controls->testOnly()->setEnabled(m_data->hasParts());
        m_controls->allPoints()->setEnabled(m_data->hasParts());
    }
    m_controls->probabilityClass()->setEnabled(wanted == PointColorMode::ClassProbability);
    m_mode = wanted;
    // The clicked point stays clicked while the same points are shown, with what the new result says of it.
    if (m_pinned >= 0 && m_data->dataset == m_pinnedDataset.lock()) {
        refreshPinnedDetails();
    } else {
        m_pinned = -1;
        m_pinnedDetails.clear();
        m_controls->details()->setRowCount(0);
    }
    fillClassList();
    updateOutsideAoaSwitch();
    compose();
    if (needsDissimilarity() && m_diFor != m_data) ensureDissimilarity();
    if (m_pendingSnapshot && !m_liveTask->isRunning()) startLive(std::exchange(m_pendingSnapshot, nullptr));
}

void MapPanel::compose() {
    if (!m_data) return;
    const auto data = m_data;
    const bool testOnly = m_testOnly;
    const PointColorMode mode = m_mode;
    const int probabilityClass = mode == PointColorMode::ClassProbability ? m_probabilityClass : -1;
    const std::vector<unsigned char> visible = classVisibility();
    const auto di = m_diFor == data ? m_di : nullptr;
    const bool markOutside = m_outsideAoa;
    m_composeTask->start([this, data, testOnly, mode, probabilityClass, visible, di,
                          markOutside](TaskFeedback&) -> BackgroundTask::Completion {
        std::shared_ptr<const MapPoints> points =
            composeMapPoints(*data, testOnly, probabilityClass, visible, mode);
        if (di && data->aoa) {
            auto withDi = std::make_shared<MapPoints>(*points);
            withDi->di = *di;
            withDi->diThreshold = data->aoa->threshold();
            withDi->markOutside = markOutside;
            points = withDi;
        }
        const QString counts = pointCounts(*data, *points);
        return [this, data, points, counts, mode] {
            if (data != m_data) return;
            m_view->setPoints(points);
            m_view->setMode(mode);
            m_view->setSelection(m_selection);
            m_view->renderer()->selection()->setPinned(m_pinned);
            if (m_zoomToSelectionPending && !m_selection.empty()) m_view->zoomToSelection();
            m_zoomToSelectionPending = false;
            m_counts = counts;
            updateCounts();
        };
    });
}

void MapPanel::clear(const QString& why) {
    setScoresScope(nullptr, {});
    ++m_generation;
    for (LatestTask* task : {m_dataTask, m_composeTask, m_liveTask, m_detailsTask})
        task->cancel();
    m_pendingSnapshot.reset();
    m_data.reset();
    m_aoaTask->cancel();
    m_di.reset();
    m_diFor.reset();
    m_selection.clear();
    m_pinned = -1;
    m_pinnedDetails.clear();
    m_counts.clear();
    m_view->setPoints(nullptr);
    m_view->setHeldOutRegion({});
    updateOutsideAoaSwitch();
    m_controls->title()->setText(why);
    m_controls->note()->hide();
    m_controls->status()->clear();
    m_controls->details()->setRowCount(0);
    updateCounts();
}

void MapPanel::selectRows(const std::vector<std::int64_t>& rows) {
    m_selection = rows;
    m_view->setSelection(rows);
    if (rows.empty()) {
        m_zoomToSelectionPending = false;
    } else if (m_view->selectionCount() > 0 && !m_composeTask->isRunning() && !m_dataTask->isRunning()) {
        m_view->zoomToSelection();
    } else {
        m_zoomToSelectionPending = true;  // once the points are on the map
    }
    updateCounts();
}

void MapPanel::showLiveModel(std::shared_ptr<const Model> snapshot) {
    if (!snapshot) return;
    if (m_liveTask->isRunning() || m_dataTask->isRunning() || !m_data) {
        // Throttled: only the newest snapshot waits for the one being predicted.
        if (m_pendingSnapshot) ++m_liveDropped;
        m_pendingSnapshot = std::move(snapshot);
        return;
    }
    startLive(std::move(snapshot));
}

void MapPanel::startLive(std::shared_ptr<const Model> snapshot) {
    if (!m_data || !snapshot) return;
    const int generation = m_generation;
    const auto base = m_data;
    const QString whose = tr("%1 · live while training").arg(m_whose);
    m_liveTask->start(
        [this, base, snapshot, whose, generation](TaskFeedback& feedback) -> BackgroundTask::Completion {
            auto data = mapDataOfModel(*base, *snapshot, whose, feedback);
            return [this, data, generation] {
                if (generation != m_generation) return;
                ++m_livePredictions;
                if (data) applyData(data, false);
                if (m_pendingSnapshot) startLive(std::exchange(m_pendingSnapshot, nullptr));
            };
        });
}

void MapPanel::setMode(PointColorMode mode) {
    if (mode == m_mode) return;
    // The class filter follows the class the points are coloured by: predicted or true.
    const bool refilter = !m_hiddenClasses.isEmpty() && ((mode == PointColorMode::PredictedClass) !=
                                                         (m_mode == PointColorMode::PredictedClass));
    m_mode = mode;
    {
        QSignalBlocker block(m_controls->mode());
        m_controls->mode()->setCurrentIndex(m_controls->mode()->findData(int(mode)));
    }
    m_controls->probabilityClass()->setEnabled(mode == PointColorMode::ClassProbability);
    if (mode == PointColorMode::Dissimilarity) {
        ensureDissimilarity();  // the DI of every point, once per result, in the background
    } else if (mode == PointColorMode::ClassProbability || refilter) {
        compose();  // the chosen class's probabilities (or the filter's classes) go into the points
    } else {
        m_view->setMode(mode);
    }
}

PointColorMode MapPanel::mode() const {
    return m_mode;
}

void MapPanel::setProbabilityClass(int index) {
    m_probabilityClass = index;
    {
        QSignalBlocker block(m_controls->probabilityClass());
        m_controls->probabilityClass()->setCurrentIndex(index);
    }
    if (m_mode == PointColorMode::ClassProbability) compose();
}

void MapPanel::setTestPointsOnly(bool testOnly) {
    if (testOnly == m_testOnly) return;
    m_testOnly = testOnly;
    {
        QSignalBlocker block(m_controls->testOnly());
        m_controls->testOnly()->setChecked(testOnly);
        m_controls->allPoints()->setChecked(!testOnly);
    }
    compose();
}

void MapPanel::addOverlay(MapLayer* layer, const QString& label) {
    m_view->renderer()->addLayer(layer);
    auto* box = new QCheckBox(label, m_controls);
    box->setChecked(layer->isVisible());
    connect(box, &QCheckBox::toggled, layer, &MapLayer::setVisible);
    connect(layer, &QObject::destroyed, box, &QObject::deleteLater);  // the switch goes with its layer
    m_controls->overlays()->addWidget(box);
}

int MapPanel::pendingTasks() const {
    int pending = 0;
    for (const LatestTask* task :
         {m_dataTask, m_composeTask, m_liveTask, m_detailsTask, m_scoresTask, m_aoaTask})
        pending += task->runningCount();
    return pending;
}

QString MapPanel::countsText() const {
    return m_controls->counts()->text();
}

void MapPanel::updateCounts() {
    QString text = m_counts;
    if (!m_selection.empty())
        text += tr("\nselected: %1").arg(QLocale().toString(qulonglong(m_view->selectionCount())));
    m_controls->counts()->setText(text);
}

void MapPanel::updateBusy() {
    const bool busy = pendingTasks() > 0;
    if (busy == m_busy) return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

}  // namespace bridgelc
