#include "ui/window/result_presenter.h"

#include "ui/map/map_panel.h"
#include "ui/map/pe_layer.h"
#include "ui/views/confusion_view.h"
#include "ui/views/embeddings_view.h"
#include "ui/views/metrics_view.h"
#include "ui/views/result_banner.h"
#include "ui/window/export_menu.h"
#include "ui/window/session_state.h"

namespace bridgelc {

ResultPresenter::ResultPresenter(SessionState* state, ConfusionView* confusion, MetricsView* metrics,
                                 ExportMenu* exports, QObject* parent)
    : QObject(parent), m_state(state), m_confusion(confusion), m_metrics(metrics), m_export(exports) {
    connect(m_state, &SessionState::shownChanged, this, &ResultPresenter::showResult);
    connect(m_state, &SessionState::datasetChanged, this, [this] {
        updateBanners();
        updateMap();
        ++m_generation;  // the shown result may now be located in the data, or no longer
        refreshEmbeddings();
    });
    connect(m_state, &SessionState::savedDirectoryChanged, m_export, &ExportMenu::setSavedDirectory);
}

ResultBanner* ResultPresenter::createBanner(QWidget* parent) {
    auto* banner = new ResultBanner(parent);
    m_banners.push_back(banner);
    connect(banner, &QObject::destroyed, this, [this, banner] {
        m_banners.erase(std::remove(m_banners.begin(), m_banners.end(), banner), m_banners.end());
    });
    updateBanners();
    return banner;
}

QStringList ResultPresenter::currentWarnings() const {
    QStringList warnings;
    const auto& shown = m_state->shown();
    if (!shown) return warnings;
    for (const std::string& warning : shown->run.warnings)
        warnings << QString::fromStdString(warning);
    warnings << shown->notes;
    const QString mismatch = m_state->mismatchText();
    if (!mismatch.isEmpty()) warnings << mismatch;
    return warnings;
}

void ResultPresenter::showResult() {
    m_training = false;
    ++m_generation;
    updateMap();
    refreshEmbeddings();
    const auto& shown = m_state->shown();
    if (!shown) {
        m_confusion->clear();
        m_metrics->clear();
        m_export->clearRun();
        updateBanners();
        return;
    }
    // The rows of the test predictions index `shown->points`; without it the matrix comes from the saved
    // counts and no cell can point at dataset rows.
    static const Dataset kNoPoints;
    m_confusion->setResult(shown->run, shown->points ? *shown->points : kNoPoints);
    m_metrics->setResult(shown->run);
    m_export->setRun(shown->run, shown->points);
    if (!shown->savedDirectory.isEmpty()) m_export->setSavedDirectory(shown->savedDirectory);
    m_export->setCaption(shown->whose());
    updateBanners();
}

void ResultPresenter::updateBanners() {
    const auto& shown = m_state->shown();
    const QStringList warnings = currentWarnings();
    m_export->setOtherDataset(shown && !m_state->shownMatchesDataset() ? m_state->mismatchText() : QString());
    for (ResultBanner* banner : m_banners) {
        if (shown)
            banner->setResult(shown->whose(), warnings);
        else
            banner->clear(tr("No result yet: train a model (Ctrl+R) or pick a saved run in the Runs tab."));
    }
}

void ResultPresenter::setMap(MapPanel* map, const QString& runsRoot) {
    m_map = map;
    m_runsRoot = runsRoot;
    updateMap();
}

void ResultPresenter::setEmbeddings(EmbeddingsView* embeddings) {
    m_embeddings = embeddings;
}

void ResultPresenter::updateMap() {
    if (!m_map) return;
    const auto& shown = m_state->shown();
    if (shown && m_state->shownMatchesDataset() && shown->points) {
        m_map->showRun(shown->points, shown->run, shown->whose());
        refreshRegionScores();
    } else if (m_state->dataset()) {
        m_map->showDataset(m_state->dataset(), m_state->datasetIdentity().label());
        refreshRegionScores();
    } else {
        m_map->clear(tr("Open a dataset to see its points on the map."));
    }
    refreshLocationEncoding();
}

void ResultPresenter::refreshVisibleViews() {
    refreshLocationEncoding();
    refreshEmbeddings();
}

void ResultPresenter::refreshLocationEncoding() {
    // Computed only once the map is looked at: the grid costs seconds of CPU a "Run all" should not pay.
    if (!m_map || !m_map->isVisible()) return;
    const auto& shown = m_state->shown();
    const std::shared_ptr<const Model> model =
        !m_training && shown && m_state->shownMatchesDataset() && shown->points ? shown->run.model : nullptr;
    if (m_peModel.lock() == model && (m_peLayer || !model)) return;
    delete m_peLayer;
    m_peModel = model;
    if (PeLayer* layer = model ? PeLayer::create(model) : nullptr) {
        m_peLayer = layer;
        layer->setVisible(false);  // a picture of what the model learned, asked for rather than imposed
        m_map->addOverlay(layer, tr("Learned location encoding (PC1–3 as RGB)"));
    }
}

void ResultPresenter::showTraining(const TrainingRequest& request, const QString& whose,
                                   const QStringList& warnings) {
    m_training = true;
    if (m_mapBanner) m_mapBanner->setResult(tr("Training %1 · live predictions").arg(whose), warnings);
    if (!m_map) return;
    m_map->showTraining(request, tr("Training %1").arg(whose));
    refreshLocationEncoding();  // the shown run's encoding is not the one being learned
    refreshRegionScores();
}

void ResultPresenter::trainingEnded() {
    m_training = false;
    updateBanners();
    updateMap();
}

void ResultPresenter::refreshRegionScores() {
    if (m_map && !m_runsRoot.isEmpty()) m_map->showRegionScores(m_runsRoot);
}

void ResultPresenter::refreshEmbeddings() {
    if (!m_embeddings || !m_embeddings->isVisible() || m_embeddingsGeneration == m_generation) return;
    m_embeddingsGeneration = m_generation;
    const auto& shown = m_state->shown();
    if (!shown)
        m_embeddings->clear(tr("No result yet: train BRIDGE-LC or pick a saved run in the Runs tab."));
    else if (!shown->points)
        m_embeddings->clear(tr("The shown run's test points are not in the open dataset: open %1 to see its "
                               "embeddings.")
                                .arg(shown->dataset.label()));
    else if (!shown->run.model)
        m_embeddings->clear(tr("The shown run has no model to compute embeddings with."));
    else
        m_embeddings->showRun(shown->points, shown->run);
}

}  // namespace bridgelc
